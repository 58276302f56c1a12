package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.testing.MirroredTable;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The initial copy against a real source: rows no stream carries, copied; changes made while the
 * copy runs, streamed; the target ends equal to the source, row by row, with no change applied
 * twice.
 */
class SnapshotIT {
  static final String SOURCE_TABLE = "snap_tx.orders";
  static final String TARGET_TABLE = "snap_dw.orders_dw";
  static EmbeddedMariaDb source;
  final TestDatabase target = TestDatabase.shared();

  @BeforeAll
  static void startSource() {
    source = EmbeddedMariaDb.builder().binlog(1).start();
  }

  @AfterAll
  static void stopSource() {
    source.close();
  }

  @BeforeEach
  void fresh() throws Exception {
    source.execute("SET sql_log_bin = 0", "DROP DATABASE IF EXISTS snap_tx", "RESET MASTER");
    target.recreateDatabase("snap_dw");
    target.execute(MirroredTable.ddl(TARGET_TABLE));
  }

  JdbcSink sink() {
    return JdbcSink.builder()
        .jdbcUrl(target.jdbcUrl("snap_dw"), "root", "")
        .mapping(TableMapping.of(SOURCE_TABLE, TARGET_TABLE))
        .source(SourceDatabase.jdbcUrl(source.jdbcUrl(""), "root", ""))
        .build();
  }

  static Duration time(SplittableRandom random) {
    return Duration.ofSeconds(random.nextInt(-3_000_000, 3_000_000));
  }

  /** Random changes over existing and new rows; returns how many changed a row. */
  static int workload(MirroredTable t, SplittableRandom random, int changes, int[] nextId)
      throws Exception {
    int made = 0;
    for (int i = 0; i < changes; i++) {
      int kind = random.nextInt(4);
      int id = 1 + random.nextInt(nextId[0]);
      if (kind == 0) {
        t.insert(nextId[0]++, "new " + i, "12.34", "NOUVELLE", time(random));
        made++;
      } else if (kind == 1 && t.delete(id)) {
        made++;
      } else if (t.update(id, random.nextBoolean() ? "PAYEE" : "EXPEDIEE", time(random))) {
        made++;
      }
    }
    return made;
  }

  List<List<Object>> rows(String url, String table) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, client, montant, statut, CAST(heure AS CHAR) FROM "
                    + table
                    + " ORDER BY id")) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  void assertTargetEqualsSource() throws Exception {
    List<List<Object>> expected = rows(source.jdbcUrl(""), SOURCE_TABLE);
    assertFalse(expected.isEmpty());
    assertEquals(expected, rows(target.jdbcUrl(""), TARGET_TABLE));
  }

  MirroredTable seeded(FakeMaxScale server, int rows, SplittableRandom random) throws Exception {
    MirroredTable t = new MirroredTable(server, source.connect(""), "snap_tx", "orders");
    for (int id = 1; id <= rows; id++) {
      t.seed(id, "old " + id, id + ".50", "PAYEE", time(random));
    }
    return t;
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void rowsNoStreamCarriedAreCopiedThenChangesMadeDuringTheCopyAreStreamedOnce(StreamFormat format)
      throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    int[] nextId = {301};
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        MirroredTable t = seeded(server, 250, random)) {
      for (int id = 251; id <= 300; id++) {
        t.insert(id, "binlogged " + id, "1.00", "NOUVELLE", time(random)); // before the copy
      }
      int[] during = {0};
      JdbcSink sink = sink();
      SnapshotResult result =
          Snapshot.builder(sink)
              .chunkRows(40)
              .listener(
                  p -> {
                    try {
                      during[0] += workload(t, random, 7, nextId); // while the copy runs
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .build()
              .run();
      assertEquals(300, result.rowsCopied());
      assertFalse(result.resumed());
      assertTrue(result.gtidPosition().startsWith("0-1-"), result.gtidPosition());
      assertTrue(during[0] > 20, "changes during the copy: " + during[0]);
      int after = workload(t, random, 30, nextId);
      SinkMetrics m = Pipeline.runToIdle(server, format, sink);
      // the 50 inserts before the snapshot are in the copy and not applied again
      assertEquals(during[0] + after, m.events(), m.toString());
      assertTargetEqualsSource();

      SnapshotResult again = Snapshot.builder(sink()).build().run();
      assertNotNull(again.skipped());
      assertEquals(0, again.rowsThisRun());
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aCopyStoppedHalfWayResumesAtItsLastChunkAndConverges(StreamFormat format) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    int[] nextId = {401};
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        MirroredTable t = seeded(server, 400, random)) {
      int[] chunks = {0};
      RuntimeException crash =
          assertThrows(
              RuntimeException.class,
              () ->
                  Snapshot.builder(sink())
                      .chunkRows(50)
                      .listener(
                          p -> {
                            try {
                              workload(t, random, 10, nextId);
                            } catch (Exception e) {
                              throw new IllegalStateException(e);
                            }
                            if (++chunks[0] == 3) {
                              throw new RuntimeException("killed after the third chunk");
                            }
                          })
                      .build()
                      .run());
      assertEquals("killed after the third chunk", crash.getMessage());
      assertEquals(150, Rows.count(target, TARGET_TABLE));
      workload(t, random, 40, nextId); // changes between the two snapshots
      JdbcSink sink = sink();
      SnapshotResult resumed = Snapshot.builder(sink).chunkRows(50).build().run();
      assertTrue(resumed.resumed());
      assertTrue(resumed.rowsThisRun() < resumed.rowsCopied(), resumed.toString());
      assertEquals(150, resumed.rowsCopied() - resumed.rowsThisRun());
      workload(t, random, 40, nextId);
      Pipeline.runToIdle(server, format, sink);
      assertTargetEqualsSource();
    }
  }

  @Test
  void aTableWithoutKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
    source.execute(
        "SET sql_log_bin = 0",
        "CREATE DATABASE snap_tx",
        "CREATE TABLE snap_tx.orders (id INT, client VARCHAR(100), montant DECIMAL(10,2),"
            + " statut VARCHAR(20), heure TIME)",
        "INSERT INTO snap_tx.orders VALUES (1, 'a', 1, 'x', '00:00:01')");
    SinkSchemaException e =
        assertThrows(SinkSchemaException.class, () -> Snapshot.builder(sink()).build().run());
    assertTrue(e.getMessage().contains("snap_tx.orders"), e.getMessage());
    assertTrue(e.getMessage().contains("no primary key"), e.getMessage());
    assertTrue(e.getMessage().contains("--key-columns"), e.getMessage());
    assertEquals(0, Rows.count(target, TARGET_TABLE));
    assertEquals(0, Rows.count(target, "snap_dw.maxcdc_snapshot"));
  }

  @Test
  void anUnknownTableAndASourceWithoutBinaryLogAreRefused() throws Exception {
    SinkSchemaException unknown =
        assertThrows(SinkSchemaException.class, () -> Snapshot.builder(sink()).build().run());
    assertTrue(unknown.getMessage().contains("does not exist"), unknown.getMessage());

    target.recreateDatabase("snap_nobinlog");
    target.execute(MirroredTable.ddl("snap_nobinlog.orders"));
    JdbcSink noBinlog =
        JdbcSink.builder()
            .jdbcUrl(target.jdbcUrl("snap_dw"), "root", "")
            .mapping(TableMapping.of("snap_nobinlog.orders", TARGET_TABLE))
            .source(SourceDatabase.jdbcUrl(target.jdbcUrl("snap_nobinlog"), "root", ""))
            .build();
    SinkSchemaException e =
        assertThrows(SinkSchemaException.class, () -> Snapshot.builder(noBinlog).build().run());
    assertTrue(e.getMessage().contains("binary log"), e.getMessage());
  }

  @Test
  void adjacentUnsignedBigintKeysResumeWithoutSkippingAndVerifyEqual() throws Exception {
    source.execute(
        "SET sql_log_bin = 0",
        "CREATE DATABASE snap_tx",
        "CREATE TABLE snap_tx.big (id BIGINT UNSIGNED PRIMARY KEY, v VARCHAR(10))",
        "INSERT INTO snap_tx.big SELECT 18446744073709551000 + seq, CONCAT('v', seq)"
            + " FROM snap_tx.seq_1_to_10");
    target.execute("CREATE TABLE snap_dw.big (id BIGINT UNSIGNED PRIMARY KEY, v VARCHAR(10))");
    java.util.function.Supplier<JdbcSink> sink =
        () ->
            JdbcSink.builder()
                .jdbcUrl(target.jdbcUrl("snap_dw"), "root", "")
                .mapping(TableMapping.of("snap_tx.big", "snap_dw.big"))
                .source(SourceDatabase.jdbcUrl(source.jdbcUrl(""), "root", ""))
                .build();
    int[] chunks = {0};
    assertThrows(
        IllegalStateException.class,
        () ->
            Snapshot.builder(sink.get())
                .chunkRows(3)
                .listener(
                    p -> {
                      if (++chunks[0] == 1) {
                        throw new IllegalStateException("stopped after one chunk");
                      }
                    })
                .build()
                .run());
    SnapshotResult resumed = Snapshot.builder(sink.get()).chunkRows(3).build().run();
    assertEquals(10, resumed.rowsCopied());
    assertEquals(7, resumed.rowsThisRun());
    assertEquals(10, Rows.count(target, "snap_dw.big"));
    VerifyResult v =
        TableVerifier.builder()
            .source(SourceDatabase.jdbcUrl(source.jdbcUrl(""), "root", ""))
            .target(target.jdbcUrl("snap_dw"), "root", "")
            .tables(TableId.parse("snap_tx.big"), TableId.parse("snap_dw.big"))
            .chunkRows(3)
            .build()
            .verify();
    assertTrue(v.equal(), v.toString());
    assertEquals(4, v.chunks());
  }
}
