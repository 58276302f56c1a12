package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.examples.ReplicateCommandIT.Run;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Fault;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code maxcdc replicate} following two tables in one process, from a fake MaxScale to an embedded
 * MariaDB: exact rows and one checkpoint row per stream, after a run, a {@code kill -9},
 * connections dropped or stalled by MaxScale, and the target restarting.
 */
class MultiTableReplicateIT {
  static final Map<String, String> ENV = ReplicateCommandIT.ENV;
  static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);
  static final Duration ROWS_DEADLINE = Duration.ofSeconds(60);

  final TestDatabase db = TestDatabase.shared();

  @BeforeEach
  void freshTargets() throws Exception {
    TwoTables.createTargets(db);
  }

  List<String> args(FakeMaxScale server, String... extra) {
    // two tables: the n-th --target-table goes with the n-th --table
    return CommandArgs.replicate(server, "shop_tx.commandes")
        .with("--target-table", "commandes_dw", "--table", "shop_tx.clients")
        .target(CommandArgs.embeddedUrl(db, TwoTables.DW), "DW_PASSWORD", TwoTables.CLIENTS_DW)
        .with(extra)
        .build();
  }

  static Path log(String name) {
    return Path.of("target", "multi-table-it", name + ".log");
  }

  static Run runChild(List<String> args, String name) throws Exception {
    Path log = log(name);
    ChildJvm.Exit exit = ChildJvm.runMain(args, ENV, log, CHILD_DEADLINE);
    return new Run(exit.status(), exit.output());
  }

  @Test
  void twoTablesInOneRunThenAKillMidStreamThenARerunEndExact() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(60);
      Run first = runChild(args(server, "--idle-exit", "2s"), "first");
      assertEquals(0, first.status(), first.stderr());
      tables.assertExact(db);
      assertSummaries(first, tables.changes());

      Path log = log("killed");
      Process child = ChildJvm.startMain(args(server), ENV, log);
      try {
        tables.feed(150); // a backlog for the running child
        Rows.await(db, TwoTables.COMMANDES_DW, "id", rows -> rows.size() > 60);
        tables.feed(40); // and changes arriving while it applies it
      } finally {
        child.destroyForcibly().waitFor(); // kill -9, mid-stream
      }
      tables.assertEachAsItsCheckpointSays(db);
      System.out.println(
          "killed with " + TwoTables.checkpoints(db) + " applied of " + tables.changes());
      tables.feed(30);
      Run rerun = runChild(args(server, "--idle-exit", "2s"), "rerun");
      assertEquals(0, rerun.status(), rerun.stderr());
      tables.assertExact(db);
      assertSummaries(rerun, tables.changes());
    }
  }

  @Test
  void avroStreamsOfTwoTablesEndExact() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(25);
      List<String> args =
          args(server, "--format", "avro", "--idle-exit", "2s", "--stall-timeout", "off");
      Run run = ReplicateCommandIT.run(args, ENV);
      assertEquals(0, run.status(), run.stderr());
      tables.assertExact(db);
      assertSummaries(run, tables.changes());
    }
  }

  static void assertSummaries(Run run, long changes) {
    List<String> streams = run.lines("summary of ");
    assertEquals(2, streams.size(), run.stderr());
    assertTrue(
        streams.get(0).startsWith("summary of shop_tx.commandes -> " + TwoTables.COMMANDES_DW),
        streams.get(0));
    assertTrue(
        streams.get(1).startsWith("summary of shop_tx.clients -> " + TwoTables.CLIENTS_DW),
        streams.get(1));
    assertTrue(
        run.summary().contains(", 2 streams, " + changes + " changes applied since the streams"),
        run.summary());
  }

  @Test
  void connectionsDroppedByMaxScaleAnywhereAreResumedExactly() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(120);
      // anywhere: before the first byte, inside the schema, inside a row, inside a transaction
      long[] drops = {0, 1, 57, 400, 1333, 2900, 4096, 7001};
      for (long bytes : drops) {
        server.enqueueFault(Fault.closeAfterBytes(bytes));
      }
      Run run = ReplicateCommandIT.run(args(server, "--idle-exit", "2s"), ENV);
      assertEquals(0, run.status(), run.stderr());
      tables.assertExact(db);
      assertTrue(
          server.connectionCount() >= 2 + drops.length,
          server.connectionCount() + " connections for " + drops.length + " drops");
      assertTrue(
          run.summary().contains(" " + tables.changes() + " changes applied since"), run.summary());
    }
  }

  @Test
  void aStalledConnectionIsReconnectedAfterTheStallTimeout() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(40);
      server.enqueueFault(Fault.stallForeverAfterBytes(700)); // the first connection of each
      server.enqueueFault(Fault.stallForeverAfterBytes(1500));
      Path log = log("stall");
      Process child = ChildJvm.startMain(args(server, "--stall-timeout", "2s"), ENV, log);
      try {
        tables.awaitRows(db, ROWS_DEADLINE);
      } finally {
        child.destroy(); // SIGTERM
      }
      ChildJvm.Exit exit = ChildJvm.await(child, log, CHILD_DEADLINE);
      assertEquals(143, exit.status(), exit.output());
      assertTrue(exit.output().contains("treated as stalled"), exit.output());
      assertTrue(server.connectionCount() >= 4, server.connectionCount() + " connections");
      tables.assertExact(db);
    }
  }

  @Test
  void theTargetRestartingMidStreamIsWaitedForAndEndsExact() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(20);
      Path log = log("target-restart");
      Process child = ChildJvm.startMain(args(server, "--max-latency", "50ms"), ENV, log);
      try {
        tables.awaitRows(db, ROWS_DEADLINE);
        db.stop();
        try {
          tables.feed(30);
          awaitOutput(child, log, "failed (", "a retry while the target is down");
        } finally {
          db.start();
        }
        tables.feed(30);
        tables.awaitRows(db, ROWS_DEADLINE);
      } finally {
        child.destroy(); // SIGTERM: commits and ends
      }
      ChildJvm.Exit exit = ChildJvm.await(child, log, CHILD_DEADLINE);
      assertEquals(143, exit.status(), exit.output());
      tables.assertExact(db);
    }
  }

  static void awaitOutput(Process child, Path log, String text, String what) throws Exception {
    long deadline = System.nanoTime() + ROWS_DEADLINE.toNanos();
    while (!ChildJvm.read(log).contains(text)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + ":\n" + ChildJvm.read(log));
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aFailingStreamStopsTheRunAfterTheOthersCommitAndARerunResumesEach() throws Exception {
    db.execute(
        "ALTER TABLE " + TwoTables.CLIENTS_DW + " MODIFY nom VARCHAR(8)"); // "client 10" fails
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(30);
      Run failed = ReplicateCommandIT.run(args(server, "--idle-exit", "2s"), ENV);
      assertEquals(1, failed.status(), failed.stderr());
      List<String> message = failed.lines("maxcdc replicate: ");
      assertEquals(1, message.size(), failed.stderr());
      assertTrue(
          message
              .get(0)
              .startsWith(
                  "maxcdc replicate: the stream of shop_tx.clients to "
                      + TwoTables.CLIENTS_DW
                      + " failed: "),
          message.get(0));
      assertTrue(message.get(0).contains("too long"), message.get(0));
      assertEquals(2, failed.lines("summary of ").size(), failed.stderr());
      // each stream stopped at a commit: its rows are those of the changes its checkpoint counts
      tables.assertEachAsItsCheckpointSays(db);
      Map<String, Long> applied = TwoTables.checkpoints(db);
      assertTrue(applied.get(TwoTables.CLIENTS_STREAM) > 0, applied.toString());
      assertEquals(
          applied.get(TwoTables.COMMANDES_STREAM),
          failed.lines("summary of shop_tx.commandes").stream()
              .map(l -> Long.parseLong(l.replaceAll(".*, (\\d+) changes? applied.*", "$1")))
              .findFirst()
              .orElseThrow());

      db.execute("ALTER TABLE " + TwoTables.CLIENTS_DW + " MODIFY nom VARCHAR(100)");
      Run rerun = ReplicateCommandIT.run(args(server, "--idle-exit", "2s"), ENV);
      assertEquals(0, rerun.status(), rerun.stderr());
      tables.assertExact(db);
    }
  }

  @Test
  void aStreamOutOfReconnectAttemptsStopsTheRunAndARerunResumesEach() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      TwoTables tables = new TwoTables(server);
      tables.feed(30);
      server.enqueueFault(Fault.closeAfterBytes(900)); // the first connection, either stream's
      List<String> args = args(server, "--idle-exit", "2s", "--reconnect-attempts", "0");
      Run failed = ReplicateCommandIT.run(args, ENV);
      assertEquals(1, failed.status(), failed.stderr());
      List<String> message = failed.lines("maxcdc replicate: ");
      assertEquals(1, message.size(), failed.stderr());
      assertTrue(
          message.get(0).startsWith("maxcdc replicate: the stream of shop_tx."), message.get(0));
      assertTrue(message.get(0).contains("closed the connection"), message.get(0));
      tables.assertEachAsItsCheckpointSays(db);

      Run rerun = ReplicateCommandIT.run(args, ENV);
      assertEquals(0, rerun.status(), rerun.stderr());
      tables.assertExact(db);
    }
  }

  @Test
  void aMissingTargetTableIsNamedWithItsStream() throws Exception {
    db.execute("DROP TABLE " + TwoTables.CLIENTS_DW);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      new TwoTables(server).feed(3);
      Run run = ReplicateCommandIT.run(args(server, "--idle-exit", "2s"), ENV);
      assertEquals(1, run.status(), run.stderr());
      List<String> message = run.lines("maxcdc replicate: ");
      assertEquals(1, message.size(), run.stderr());
      assertTrue(
          message.get(0).contains("the stream of shop_tx.clients to " + TwoTables.CLIENTS_DW),
          message.get(0));
      assertTrue(message.get(0).contains("does not exist"), message.get(0));
    }
  }

  @Test
  void tableListsThatDoNotPairUpAreUsageErrors() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      List<String> oneTargetMissing = args(server, "--idle-exit", "1s");
      int last = oneTargetMissing.lastIndexOf("--target-table");
      oneTargetMissing.subList(last, last + 2).clear();
      assertUsageError(oneTargetMissing, "--target-table names 1 table for 2 source tables");

      assertUsageError(
          args(server, "--table", "shop_tx.commandes", "--target-table", "other"),
          "--table shop_tx.commandes is given twice");
      assertUsageError(
          args(server, "--table", "shop_tx.retours", "--target-table", "commandes_dw"),
          "--target-table " + TwoTables.COMMANDES_DW + " is given twice");
      assertUsageError(
          args(server, "--idle-exit", "5s", "--stall-timeout", "5s"),
          "--stall-timeout (5000ms) must be longer than --idle-exit (5000ms)");
      assertUsageError(args(server, "--stall-timeout", "soon"), "'soon' is not a duration");
      assertUsageError(
          args(server, "--reconnect-max-delay", "100ms"), "--reconnect-max-delay must be at least");
      assertUsageError(
          args(server, "--reconnect-attempts", "-1"), "--reconnect-attempts must be 0 or more");

      List<String> stream = new ArrayList<>(args(server));
      stream.set(0, "stream");
      stream.removeIf(a -> a.startsWith("--target") || a.endsWith("_dw") || a.startsWith("jdbc:"));
      stream.removeAll(List.of("root", "DW_PASSWORD"));
      assertUsageError(stream, "--table names 2 tables, this command follows one");
      assertEquals(0, server.connectionCount(), "a usage error connects to nothing");
    }
  }

  static void assertUsageError(List<String> args, String expected) {
    Run run = ReplicateCommandIT.run(args, ENV);
    assertEquals(2, run.status(), args + "\n" + run.stderr());
    assertTrue(run.stderr().contains(expected), run.stderr());
  }
}
