package io.github.maxcdc.bench.memory;

import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Heap of {@code maxcdc replicate}, run in a JVM of its own as users run it, while it applies one
 * large source transaction: the largest heap after a GC (from {@code -Xlog:gc}), against the same
 * command applying a 1,000-row transaction; then whether it completes with a 64 MB heap at all.
 */
public final class MemoryRun {
  /** Rows of the large transaction; {@code -Dbench.memory.rows=N} to change. */
  public static final int ROWS = Integer.getInteger("bench.memory.rows", 1_000_000);

  /** Rows of the baseline transaction. */
  public static final int SMALL = 1_000;

  private static final long CHILD_TIMEOUT_MINUTES = 15;

  private MemoryRun() {}

  /** Runs the three child JVMs and prints the table. */
  public static void run() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      GcLog small = replicate(db, SMALL, "512m");
      GcLog large = replicate(db, ROWS, "512m");
      GcLog capped = replicate(db, ROWS, "64m");
      System.out.println();
      System.out.println("memory of replicate applying one transaction (child JVM, -Xlog:gc)");
      System.out.printf(
          "%-34s %12s %18s %16s%n", "", "collections", "peak after GC MB", "peak used MB");
      print(SMALL + "-row transaction, -Xmx512m", small);
      print(ROWS + "-row transaction, -Xmx512m", large);
      print(ROWS + "-row transaction, -Xmx64m", capped);
      System.out.printf(
          "large vs small transaction, peak after GC: %.2fx; completes with -Xmx64m: yes%n",
          (double) large.peakAfterMb() / Math.max(1, small.peakAfterMb()));
    }
  }

  private static void print(String label, GcLog log) {
    System.out.printf(
        "%-34s %12d %18d %16d%n", label, log.collections(), log.peakAfterMb(), log.peakBeforeMb());
  }

  // Serves one transaction of `rows` rows and applies it with the command line in a child JVM.
  private static GcLog replicate(EmbeddedMariaDb db, int rows, String maxHeap) throws Exception {
    Target.create(db);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.createDatabase(Shapes.COMMANDES.database());
      ScriptedTable table =
          server.createTable(
              Shapes.COMMANDES.database(),
              Shapes.COMMANDES.table(),
              Shapes.COMMANDES.definitionWithoutKey());
      SplittableRandom random = new SplittableRandom(Workload.SEED);
      server.transaction(
          tx -> {
            for (int id = 1; id <= rows; id++) {
              tx.insert(table, Shapes.COMMANDES.row(id, random));
            }
          });
      Path gc = Files.createTempFile("maxcdc-bench-gc", ".log");
      Path out = Files.createTempFile("maxcdc-bench-replicate", ".log");
      try {
        Process p =
            ReplicateChild.start(server, db, List.of("-Xmx" + maxHeap, "-Xlog:gc:file=" + gc), out);
        if (!p.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException(
              "replicate did not finish within " + CHILD_TIMEOUT_MINUTES + " minutes");
        }
        int status = p.exitValue();
        if (status != 0) {
          throw new IllegalStateException(
              "replicate exited with status "
                  + status
                  + " (-Xmx"
                  + maxHeap
                  + ", "
                  + rows
                  + " rows); its output:\n"
                  + tail(out));
        }
        long found = Target.count(db);
        if (found != rows) {
          throw new IllegalStateException(
              "expected " + rows + " rows in the target after replicate, found " + found);
        }
        return GcLog.read(gc);
      } finally {
        Files.deleteIfExists(gc);
        Files.deleteIfExists(out);
      }
    }
  }

  private static String tail(Path log) throws java.io.IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
