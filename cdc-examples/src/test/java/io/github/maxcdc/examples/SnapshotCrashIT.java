package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.jdbc.testing.MirroredTable;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code maxcdc replicate --snapshot} killed with SIGKILL during the copy and again during the
 * stream, while the source keeps changing: the copy resumes at its last committed chunk, and the
 * target ends equal to the source row by row.
 */
class SnapshotCrashIT {
  static final int ROWS = 60_000;
  static final String DW = "snapcrash_dw";
  static final String TARGET = DW + ".orders_dw";
  static final Duration DEADLINE = Duration.ofSeconds(90);
  final TestDatabase db = TestDatabase.shared();

  @Test
  void killedDuringTheCopyAndDuringTheStreamItEndsEqualToTheSource() throws Exception {
    db.recreateDatabase(DW);
    db.execute(MirroredTable.ddl(TARGET));
    SplittableRandom random = new SplittableRandom(11);
    try (EmbeddedMariaDb source = EmbeddedMariaDb.builder().binlog(1).start();
        FakeMaxScale server = FakeMaxScale.builder().build();
        MirroredTable t = new MirroredTable(server, source.connect(""), "snapcrash_tx", "orders")) {
      t.seedRange(1, ROWS);
      int[] nextId = {ROWS + 1};
      List<String> args =
          CommandArgs.replicate(server, "snapcrash_tx.orders")
              .target(CommandArgs.embeddedUrl(db, DW), "DW_PASSWORD", "orders_dw")
              .source(source.jdbcUrl(""), "DW_PASSWORD")
              .with("--snapshot", "--snapshot-chunk-rows", "500")
              .with("--progress-interval", "1ms", "--idle-exit", "2s")
              .build();
      Map<String, String> env =
          Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "DW_PASSWORD", "");

      // 1. killed during the copy
      Path log1 = log("copy");
      Process child = ChildJvm.startMain(args, env, log1);
      long copied = awaitCopied(child, log1, 5_000, t, random, nextId);
      child.destroyForcibly();
      assertEquals(137, ChildJvm.await(child, log1, DEADLINE).status());
      CrashRecoveryIT.awaitConnectionsGone(db, DW, DEADLINE);
      long[] state = snapshotState();
      assertTrue(state[1] == 0 && state[0] >= copied && state[0] < ROWS, "state " + state[0]);
      // every committed chunk is whole: the target holds exactly the rows the state counts
      assertEquals(state[0], count(TARGET));
      changes(t, random, nextId, 50);

      // 2. resumes the copy, then killed during the stream
      Path log2 = log("stream");
      child = ChildJvm.startMain(args, env, log2);
      awaitText(child, log2, " streaming snapcrash_tx.orders");
      changes(t, random, nextId, 100);
      child.destroyForcibly();
      assertEquals(137, ChildJvm.await(child, log2, DEADLINE).status());
      String second = ChildJvm.read(log2);
      assertTrue(second.contains("resuming an earlier one"), second);
      assertTrue(second.contains("snapshot snapcrash_tx.orders: "), second); // progress lines
      CrashRecoveryIT.awaitConnectionsGone(db, DW, DEADLINE);
      changes(t, random, nextId, 50);

      // 3. runs to the end
      ChildJvm.Exit exit = ChildJvm.runMain(args, env, log("end"), DEADLINE);
      assertEquals(0, exit.status(), exit.output());
      assertTrue(exit.output().contains("nothing to copy"), exit.output());
      assertEquals(rows(source.jdbcUrl(""), "snapcrash_tx.orders"), rows(db.jdbcUrl(""), TARGET));
    }
  }

  static Path log(String name) {
    return Path.of("target", "snapshot-crash", name + ".log");
  }

  /** Makes changes while waiting until the copy has committed {@code rows}; returns the count. */
  long awaitCopied(
      Process child, Path log, long rows, MirroredTable t, SplittableRandom random, int[] nextId)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      long[] state = snapshotState();
      if (state[0] >= rows) {
        return state[0];
      }
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "the copy did not reach " + rows + " rows:\n" + ChildJvm.read(log));
      }
      changes(t, random, nextId, 2);
    }
  }

  static void awaitText(Process child, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!ChildJvm.read(log).contains(text)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' from the child:\n" + ChildJvm.read(log));
      }
      Thread.sleep(5); // polling a condition, with a deadline
    }
  }

  static void changes(MirroredTable t, SplittableRandom random, int[] nextId, int n)
      throws SQLException {
    for (int i = 0; i < n; i++) {
      int id = 1 + random.nextInt(nextId[0] - 1);
      switch (random.nextInt(3)) {
        case 0 -> t.insert(nextId[0]++, "new", "9.99", "NOUVELLE", Duration.ofSeconds(i));
        case 1 -> t.delete(id);
        default -> t.update(id, "PAYEE", Duration.ofSeconds(-i));
      }
    }
  }

  /** {rows copied, done} of the snapshot's state row; {0, 0} before it exists. */
  long[] snapshotState() throws SQLException {
    try (Connection c = db.connect(DW);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rows_copied, done FROM maxcdc_snapshot")) {
      return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) {
        return new long[] {0, 0};
      }
      throw e;
    }
  }

  long count(String table) throws SQLException {
    try (Connection c = db.connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> rows(String url, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CONCAT_WS('|', id, client, montant, statut, CAST(heure AS CHAR)) FROM "
                    + table
                    + " ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
