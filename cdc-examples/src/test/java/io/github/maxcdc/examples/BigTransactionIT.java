package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One source transaction far larger than the heap: {@code maxcdc replicate}, in a JVM of its own
 * with {@code -Xmx128m}, applies a transaction of 1,000,000 inserts and the small transactions
 * after it, in both formats. The sink commits the big transaction in parts of {@code
 * maxTransactionEvents} changes, each with its exact position, so nothing holds the whole
 * transaction.
 *
 * <ul>
 *   <li>The target ends with exactly the source's rows (count, sums, a CRC32 of every row, spot
 *       rows) and the checkpoint at the last transaction, counting every change once.
 *   <li>Killed with SIGKILL a third of the way through the big transaction, the target holds
 *       exactly the inserts its checkpoint counts; run again, it resumes inside the transaction and
 *       ends exact (100,000 rows, to keep the suite short; {@code
 *       -Dmaxcdc.bigtx.killed.rows=1000000} for a million).
 * </ul>
 *
 * <p>Prints per run the rows, the seconds and the child's heap figures from its GC log.
 */
class BigTransactionIT {
  static final int MILLION = 1_000_000;

  /** Rows of the transaction the kill test cuts: {@code -Dmaxcdc.bigtx.killed.rows=1000000}. */
  static final int KILLED_ROWS = Integer.getInteger("maxcdc.bigtx.killed.rows", 100_000);

  static final String DW = "bigtx_dw";
  static final String TARGET = DW + ".commandes_dw";
  static final Duration DEADLINE = Duration.ofMinutes(15);

  final TestDatabase db = TestDatabase.shared();

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aTransactionOfAMillionRowsReplicatesWithA128MegabyteHeap(StreamFormat format)
      throws Exception {
    replicatesExactly(format, MILLION);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void killedInsideTheBigTransactionItResumesThereAndEndsExact(StreamFormat format)
      throws Exception {
    killedAndResumed(format, KILLED_ROWS);
  }

  void replicatesExactly(StreamFormat format, int rows) throws Exception {
    freshTarget();
    BigOrders orders = new BigOrders(rows);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      double scripted = orders.script(server);
      String name = name(format, rows, "full");
      Path gc = log(name + ".gc");
      long start = System.nanoTime();
      ChildJvm.Exit exit = runToTheEnd(server, format, name, GcLog.options(gc));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(0, exit.status(), exit.output());
      assertTargetIsTheWholeStream(orders, name);
      GcLog heap = GcLog.read(gc);
      assertTrue(heap.collections() > 0, "the child logged its collections to " + gc);
      System.out.printf(
          Locale.ROOT,
          "big transaction: %s, %d rows (+3 small transactions): scripted in %.1f s, replicated in"
              + " %.1f s (%.0f rows/s) by a child with -Xmx128m: %s%n",
          format,
          rows,
          scripted,
          seconds,
          rows / seconds,
          heap);
    }
  }

  void killedAndResumed(StreamFormat format, int rows) throws Exception {
    freshTarget();
    BigOrders orders = new BigOrders(rows);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      orders.script(server);
      String name = name(format, rows, "killed");
      Path log = log(name + ".log");
      Process child = ChildJvm.startMain(args(server, format), env(), log);
      awaitApplied(child, log, rows / 3); // a third of the way through the big transaction
      child.destroyForcibly();
      assertEquals(137, ChildJvm.await(child, log, DEADLINE).status(), "killed by SIGKILL");
      CrashRecoveryIT.awaitConnectionsGone(db, DW, DEADLINE);
      long[] checkpoint = checkpoint(orders.bigGtid());
      long applied = checkpoint[1];
      assertTrue(applied < rows, "killed inside the big transaction, after " + applied + " rows");
      assertEquals(applied, checkpoint[0], "the checkpoint's event number is its count");
      assertEquals(
          BigOrders.expectedPrefix(applied),
          BigOrders.of(db, DW, TARGET),
          name + ": the target holds exactly the inserts its checkpoint counts");
      ChildJvm.Exit exit = runToTheEnd(server, format, name(format, rows, "resumed"), List.of());
      assertEquals(0, exit.status(), exit.output());
      assertTrue(
          exit.output().contains(orders.bigGtid() + ":" + applied),
          "the second run starts after the checkpoint:\n" + exit.output());
      assertTargetIsTheWholeStream(orders, name);
      System.out.printf(
          Locale.ROOT,
          "big transaction: %s, %d rows: killed after %d, resumed there, target exact%n",
          format,
          rows,
          applied);
    }
  }

  ChildJvm.Exit runToTheEnd(
      FakeMaxScale server, StreamFormat format, String name, List<String> options)
      throws Exception {
    Path log = log(name + ".log");
    Process child = ChildJvm.startMain(options, args(server, format), env(), log);
    return ChildJvm.await(child, log, DEADLINE);
  }

  void assertTargetIsTheWholeStream(BigOrders orders, String name) throws Exception {
    assertEquals(orders.expected(), BigOrders.of(db, DW, TARGET), name + ": target checksum");
    try (Connection c = db.connect(DW);
        Statement s = c.createStatement()) {
      assertEquals(
          "7|Client 7|1.00|PAYEE", row(s, 7), name + ": the small update after the big one");
      assertEquals("", row(s, orders.events() - 5), name + ": the last big row, deleted after");
      long last = orders.events() - 5 - 1;
      assertEquals(
          last
              + "|Client "
              + last
              + "|"
              + BigOrders.original((int) last).get("montant")
              + "|"
              + BigOrders.STATUTS[(int) (last % 3)],
          row(s, last),
          name + ": a row of the big transaction");
    }
    assertEquals(1, checkpoint(orders.lastGtid())[0], name + ": the checkpoint's event number");
    assertEquals(
        orders.events(), checkpoint(orders.lastGtid())[1], name + ": every change counted once");
  }

  static String row(Statement s, long id) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT CONCAT_WS('|', id, client, montant, statut) FROM commandes_dw WHERE id = "
                + id)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  /** The checkpoint's event number and count; fails unless it is at {@code gtid}. */
  long[] checkpoint(String gtid) throws SQLException {
    try (Connection c = db.connect(DW);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT gtid, event_number, applied_events FROM maxcdc_checkpoint")) {
      assertTrue(rs.next(), "a checkpoint");
      assertEquals(gtid, rs.getString(1), "the checkpoint's transaction");
      long[] out = {rs.getLong(2), rs.getLong(3)};
      assertFalse(rs.next(), "one stream, one checkpoint");
      return out;
    }
  }

  /** Waits until the checkpoint counts at least {@code changes} changes. */
  void awaitApplied(Process child, Path log, long changes) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String sql = "SELECT applied_events FROM maxcdc_checkpoint";
    while (true) {
      try (Connection c = db.connect(DW);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        if (rs.next() && rs.getLong(1) >= changes) {
          return;
        }
      } catch (SQLException e) {
        if (e.getErrorCode() != 1146) { // the child has not created the checkpoint table yet
          throw e;
        }
      }
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(changes + " changes never applied:\n" + ChildJvm.read(log));
      }
      Thread.sleep(10); // polling a condition, with a deadline
    }
  }

  /** Waits until the server has rolled back what the killed child left open. */
  void freshTarget() throws SQLException {
    db.recreateDatabase(DW);
    db.execute("CREATE TABLE " + TARGET + BigOrders.TARGET_COLUMNS);
  }

  List<String> args(FakeMaxScale server, StreamFormat format) {
    return CommandArgs.replicate(server, BigOrders.SOURCE)
        .format(format)
        .target(db.jdbcUrl(DW), "DW_PASSWORD", "commandes_dw")
        .with("--idle-exit", "2s")
        .build();
  }

  static Map<String, String> env() {
    return Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "DW_PASSWORD", "");
  }

  static String name(StreamFormat format, int rows, String run) {
    return format.name().toLowerCase(Locale.ROOT) + "-" + rows + "-" + run;
  }

  static Path log(String file) throws Exception {
    Path dir = Path.of("target", "big-transaction");
    Files.createDirectories(dir);
    return dir.resolve(file);
  }
}
