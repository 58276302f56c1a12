package io.github.maxcdc.bench.resume;

import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.bench.memory.ReplicateChild;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.bench.source.Workload;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time from starting {@code maxcdc replicate} after a crash ({@code kill -9} of the previous one)
 * to the first new change committed in the target, for target tables of growing size, against the
 * time the same JVM takes to start and print the command line's version.
 */
public final class ResumeRun {
  /** Rows of the target tables measured; {@code -Dbench.resume.rows=0,1000000} to change. */
  public static final String SIZES = System.getProperty("bench.resume.rows", "0,1000000,3000000");

  /** Changes replicated before the crash. */
  public static final int BEFORE_CRASH = 2000;

  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private static double lastConnectMillis; // start -> CDC connection of the last resume

  private ResumeRun() {}

  /** Builds each table size and measures a resume on it. */
  public static void run() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      double jvm = versionMillis();
      System.out.println();
      System.out.println("resume after kill -9: process start -> first new change committed");
      System.out.printf(
          "%12s %12s %12s %12s %14s%n",
          "target rows", "table MB", "resume ms", "vs JVM", "CDC connect ms");
      for (String size : SIZES.split(",")) {
        int rows = Integer.parseInt(size.strip());
        fill(db, rows);
        // twice: right after the bulk load (InnoDB still purging and flushing it), then again
        for (String when : new String[] {"after load", "again"}) {
          double ms = resume(db);
          System.out.printf(
              "%,12d %,12d %,12.0f %11.1fx %,14.0f  %s%n",
              rows, tableMegabytes(db), ms, ms / jvm, lastConnectMillis, when);
          forgetStream(db);
        }
      }
      System.out.printf("baseline: JVM start to 'maxcdc --version' exit: %,.0f ms%n", jvm);
    }
  }

  // The target holds `rows` rows with ids above the ones the stream writes.
  private static void fill(EmbeddedMariaDb db, int rows) throws Exception {
    Target.create(db);
    if (rows == 0) {
      return;
    }
    try (Connection c = db.connect(Target.DATABASE);
        Statement s = c.createStatement()) {
      // MariaDB's sequence engine: seq_1_to_N is a virtual table of the numbers 1 to N
      s.execute(
          "INSERT INTO "
              + Target.TABLE
              + " SELECT 10000000 + seq, CONCAT('Client ', seq), (seq % 100000) / 100,"
              + " ELT(1 + seq % 4, 'NOUVELLE', 'PAYEE', 'EXPEDIEE', 'LIVREE'),"
              + " FROM_UNIXTIME(1700000000 + seq) FROM seq_1_to_"
              + rows);
    }
  }

  private static double resume(EmbeddedMariaDb db) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable table = Workload.insert(server, Shapes.COMMANDES, BEFORE_CRASH, false);
      Path out = Files.createTempFile("maxcdc-bench-resume", ".log");
      try {
        Process first = ReplicateChild.start(server, db, List.of(), out);
        await(() -> present(db, BEFORE_CRASH), "the first run to apply " + BEFORE_CRASH);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        table.insert(Shapes.COMMANDES.row(BEFORE_CRASH + 1, new SplittableRandom(1)));
        int connections = server.connectionCount();
        long start = System.nanoTime();
        Process second = ReplicateChild.start(server, db, List.of(), out);
        long[] connectedAt = {0};
        await(
            () -> {
              if (connectedAt[0] == 0 && server.connectionCount() > connections) {
                connectedAt[0] = System.nanoTime();
              }
              return present(db, BEFORE_CRASH + 1);
            },
            "the restarted run to apply the new change");
        double ms = (System.nanoTime() - start) / 1e6;
        lastConnectMillis = connectedAt[0] == 0 ? -1 : (connectedAt[0] - start) / 1e6;
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return ms;
      } finally {
        Files.deleteIfExists(out);
      }
    }
  }

  // Removes the rows the stream wrote and its checkpoint: the next resume starts from scratch.
  private static void forgetStream(EmbeddedMariaDb db) throws Exception {
    try (Connection c = db.connect(Target.DATABASE);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + Target.TABLE + " WHERE id < 10000000");
      s.execute("DELETE FROM " + Target.DATABASE + ".maxcdc_checkpoint");
    }
  }

  private static boolean present(EmbeddedMariaDb db, int id) throws Exception {
    try (Connection c = db.connect(Target.DATABASE);
        PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM " + Target.TABLE + " WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long tableMegabytes(EmbeddedMariaDb db) throws Exception {
    try (Connection c = db.connect(Target.DATABASE);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT data_length + index_length FROM information_schema.tables"
                    + " WHERE table_schema = '"
                    + Target.DATABASE
                    + "' AND table_name = 'commandes_dw'")) {
      rs.next();
      return rs.getLong(1) >> 20;
    }
  }

  private static double versionMillis() throws Exception {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ReplicateChild.jar(),
                "io.github.maxcdc.examples.Main",
                "--version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("maxcdc --version did not exit within a minute");
    }
    return (System.nanoTime() - start) / 1e6;
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what + " (" + DEADLINE + ")");
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}
