package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables without any key: rows are matched on their whole before image, so identical rows stay as
 * many rows, an update or a delete changes one of them, NULLs compare equal, and a restart from the
 * checkpoint (even inside a source transaction) applies nothing twice, which an extra identical row
 * would show.
 */
class NoKeyTableIT {
  static final String RECORDINGS = "maxcdc-recordings/maxscale-24.02.3-types/";
  static final String DW = "nokey_dw";
  static final String TARGET = DW + ".items";
  static final String SOURCE = "nokey_src.items";

  /** The scripted table: no key; a FLOAT, a DOUBLE and case-insensitive text compared exactly. */
  static final TableDefinition ITEMS =
      TableDefinition.builder()
          .column("a", "INT")
          .column("b", "VARCHAR(20)")
          .column("f", "FLOAT")
          .column("d", "DOUBLE")
          .build();

  final TestDatabase db = TestDatabase.shared();

  @BeforeEach
  void freshTarget() throws Exception {
    db.recreateDatabase(DW);
    db.execute(
        "CREATE TABLE "
            + TARGET
            + " (a INT, b VARCHAR(20) COLLATE utf8mb4_general_ci, f FLOAT, d DOUBLE)");
  }

  JdbcSink.Builder sink() {
    return JdbcSink.builder()
        .jdbcUrl(db.jdbcUrl(DW), "root", "")
        .mapping(TableMapping.of(SOURCE, TARGET))
        .retry(Backoff.forever(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  // ---- the recording of a real MaxScale

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void theRecordedTableWithoutPrimaryKeyEndsAsItsSource(StreamFormat format) throws Exception {
    runScript("sql/50_modern_types.sql"); // the source of truth: cdc_types2.nopk
    db.execute("CREATE TABLE " + DW + ".nopk (a INT, b VARCHAR(10))");
    String name = "g_nopk_" + format.name().toLowerCase(Locale.ROOT);
    try (FakeMaxScale server = FakeMaxScale.builder().replay(Recording.builtIn(name)).build()) {
      // a replayed conversation would answer the AVRO client's schema lookup (a JSON request)
      // with the same AVRO bytes: without it the columns' MariaDB types are unknown, and their
      // values are written as they arrive
      JdbcSink sink =
          JdbcSink.builder()
              .jdbcUrl(db.jdbcUrl(DW), "root", "")
              .mapping(TableMapping.of("cdc_types2.nopk", DW + ".nopk"))
              .lossyColumns(LossyColumnPolicy.WRITE)
              .build();
      try (CdcClient client =
          sink.attach(
                  CdcClient.builder()
                      .address(server.host(), server.port())
                      .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
                      .format(format)
                      .avroSchemaLookup(false)
                      .stopWhenIdle(Duration.ofSeconds(1)))
              .build()) {
        client.start();
        client.awaitTermination(Duration.ofSeconds(60));
      } finally {
        sink.close();
      }
      SinkMetrics m = sink.metrics();
      assertEquals(3, m.inserts());
      assertEquals(1, m.updates());
      assertEquals(1, m.deletes());
      assertEquals(0, m.missingRows(), "every before image found its row");
    }
    List<List<Object>> source = multiset("cdc_types2.nopk", "a", "b");
    assertEquals(List.of(List.of(1, "one"), List.of(1, "uno")), source);
    assertEquals(source, multiset(DW + ".nopk", "a", "b"), "the two rows, not one, not three");
  }

  // ---- a scripted stream with duplicates, NULLs, and restarts inside transactions

  /** A row change of the script: {@code before} null for an insert, {@code after} for a delete. */
  record Op(List<Object> before, List<Object> after) {}

  static List<Object> row(Integer a, String b, Float f, Double d) {
    return Arrays.asList(a, b, f, d);
  }

  static Map<String, Object> values(List<Object> row) {
    Map<String, Object> m = new HashMap<>(); // NULL values allowed
    m.put("a", row.get(0));
    m.put("b", row.get(1));
    m.put("f", row.get(2));
    m.put("d", row.get(3));
    return m;
  }

  static Op insert(List<Object> row) {
    return new Op(null, row);
  }

  static Op update(List<Object> before, List<Object> after) {
    return new Op(before, after);
  }

  static Op delete(List<Object> row) {
    return new Op(row, null);
  }

  /** The script's transactions; each change matches its whole row, so which one is irrelevant. */
  static List<List<Op>> script() {
    List<Object> one = row(1, "one", 3.14f, 2.5);
    List<Object> upper = row(1, "ONE", 3.14f, 2.5); // equal to `one` for the target's collation
    List<Object> spaced = row(1, "one ", 3.14f, 2.5); // equal to `one` for a PAD SPACE collation
    List<Object> nulls = row(null, null, null, null);
    List<Object> two = row(2, "two", 0.1f, 0.1);
    return List.of(
        List.of(insert(one), insert(one), insert(upper), insert(spaced)),
        List.of(insert(nulls), insert(nulls), insert(two)),
        List.of(update(one, row(1, "uno", 3.14f, 2.5))),
        List.of(update(nulls, row(7, null, null, null))),
        List.of(update(upper, row(1, "ONE", 2.5f, 2.5))),
        List.of(delete(spaced)),
        List.of(insert(one), insert(one), insert(one), delete(one), update(one, two)),
        List.of(delete(nulls), delete(two), update(two, row(2, "two", 0.1f, 0.2))),
        List.of(insert(nulls), delete(row(1, "uno", 3.14f, 2.5)), insert(upper)));
  }

  static void apply(FakeMaxScale server, ScriptedTable table, List<Op> transaction) {
    server.transaction(
        tx -> {
          for (Op op : transaction) {
            int changed;
            if (op.before() == null) {
              tx.insert(table, values(op.after()));
              changed = 1;
            } else if (op.after() == null) {
              changed = tx.delete(table, values(op.before()), 1);
            } else {
              changed = tx.update(table, values(op.before()), values(op.after()), 1);
            }
            if (changed != 1) {
              throw new IllegalStateException(op + " changed " + changed + " rows");
            }
          }
        });
  }

  /** The multiset of rows after the first {@code n} changes of {@code ops}, sorted. */
  static List<List<Object>> expected(List<Op> ops, int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (Op op : ops.subList(0, n)) {
      if (op.before() != null && !rows.remove(op.before())) {
        throw new IllegalStateException("the script changes a row it does not have: " + op);
      }
      if (op.after() != null) {
        rows.add(op.after());
      }
    }
    return sorted(rows);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void identicalRowsStayApartAndRestartsInsideTransactionsApplyNothingTwice(StreamFormat format)
      throws Exception {
    List<List<Op>> script = script();
    List<Op> ops = script.stream().flatMap(List::stream).toList();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable items = server.createTable("nokey_src", "items", ITEMS);
      script.forEach(tx -> apply(server, items, tx));
      // stop after 2 changes (inside the first transaction), after 13 (inside the seventh), after
      // 15, then run to the end: each run resumes after the last change the previous one committed
      int applied = 0;
      for (int stop : new int[] {2, 13, 15}) {
        applied += runAndStopAfter(server, format, stop - applied);
        assertEquals(stop, applied);
        assertEquals(expected(ops, stop), targetRows(), "after " + stop + " changes");
      }
      SinkMetrics last = Pipeline.runToIdle(server, format, sink().build());
      assertEquals(ops.size() - applied, last.events(), "only the changes after the checkpoint");
      assertEquals(0, last.missingRows());
    }
    assertEquals(expected(ops, ops.size()), targetRows());
    try (JdbcSink check = sink().build()) {
      assertEquals(ops.size(), check.appliedEvents(), "every change applied once");
    }
  }

  /**
   * Runs a sink that receives {@code changes} changes and then sees the stream fail (its listener
   * throws, as a crash of whatever feeds it would): closing it commits what it received, the open
   * source transaction included, with the position of its last change. Returns {@code changes}.
   */
  int runAndStopAfter(FakeMaxScale server, StreamFormat format, int changes) throws Exception {
    JdbcSink sink = sink().build();
    ChangeListener stopping =
        new ChangeListener() {
          int seen;

          @Override
          public void onChange(ChangeEvent event) throws Exception {
            if (++seen > changes) {
              throw new IllegalStateException("stopped after " + changes + " changes");
            }
            sink.onChange(event);
          }

          @Override
          public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
              throws Exception {
            return sink.resumeAfter(lastDelivered);
          }
        };
    try (CdcClient client =
        sink.attach(
                CdcClient.builder()
                    .address(server.host(), server.port())
                    .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
                    .format(format))
            .listener(stopping)
            .build()) {
      client.start();
      assertThrows(ListenerException.class, () -> client.awaitTermination(Duration.ofSeconds(30)));
    } finally {
      sink.close();
    }
    return (int) sink.metrics().events();
  }

  List<List<Object>> targetRows() throws Exception {
    return multiset(TARGET, "a", "b", "f", "d");
  }

  // ---- what the target can tell

  @Test
  void aBeforeImageMatchingNoRowIsCountedAndAnUpdateThenInsertsItsAfterImage() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable items = server.createTable("nokey_src", "items", ITEMS);
      apply(server, items, List.of(insert(row(1, "a", 1f, 1.0)), insert(row(2, "b", 2f, 2.0))));
      SinkMetrics first = Pipeline.runToIdle(server, StreamFormat.JSON, sink().build());
      assertEquals(2, first.inserts());
      db.execute("DELETE FROM " + TARGET); // the target loses its rows behind the sink's back
      apply(server, items, List.of(update(row(1, "a", 1f, 1.0), row(1, "a2", 1f, 1.0))));
      apply(server, items, List.of(delete(row(2, "b", 2f, 2.0))));
      SinkMetrics second = Pipeline.runToIdle(server, StreamFormat.JSON, sink().build());
      assertEquals(2, second.missingRows(), "the update and the delete found no row");
      assertEquals(List.of(row(1, "a2", 1f, 1.0)), targetRows());
    }
  }

  @Test
  void softDeletesMarkOneOfTheIdenticalRowsAndLaterChangesFindTheOthers() throws Exception {
    db.execute("ALTER TABLE " + TARGET + " ADD COLUMN is_deleted TINYINT NOT NULL DEFAULT 0");
    List<Object> one = row(1, "one", 1f, 1.0);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable items = server.createTable("nokey_src", "items", ITEMS);
      apply(server, items, List.of(insert(one), insert(one), insert(one)));
      apply(server, items, List.of(delete(one)));
      apply(server, items, List.of(update(one, row(1, "uno", 1f, 1.0)), delete(one)));
      Pipeline.runToIdle(
          server, StreamFormat.AVRO, sink().deletes(DeleteMode.softFlag("is_deleted")).build());
    }
    assertEquals(
        sorted(
            List.of(
                Arrays.asList(1, "one", 1),
                Arrays.asList(1, "one", 1),
                Arrays.asList(1, "uno", 0))),
        multiset(TARGET, "a", "b", "is_deleted"));
  }

  @Test
  void aUniqueKeyOnNullableColumnsDoesNotIdentifyRows() throws Exception {
    db.execute("ALTER TABLE " + TARGET + " ADD UNIQUE KEY (a)");
    List<Object> nulls = row(null, "x", 1f, 1.0);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable items = server.createTable("nokey_src", "items", ITEMS);
      apply(server, items, List.of(insert(nulls), insert(nulls), insert(row(3, "y", 1f, 1.0))));
      apply(server, items, List.of(update(nulls, row(null, "z", 1f, 1.0))));
      apply(server, items, List.of(update(row(3, "y", 1f, 1.0), row(4, "y", 1f, 1.0))));
      SinkMetrics m = Pipeline.runToIdle(server, StreamFormat.JSON, sink().build());
      assertEquals(0, m.missingRows());
    }
    assertEquals(
        sorted(List.of(nulls, row(null, "z", 1f, 1.0), row(4, "y", 1f, 1.0))), targetRows());
  }

  @Test
  void theSinkCreatesATableWithoutKeyWhenGivenNoKeyColumns() throws Exception {
    db.execute("DROP TABLE " + TARGET);
    List<Object> one = row(1, "one", 1f, 1.0);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable items = server.createTable("nokey_src", "items", ITEMS);
      apply(server, items, List.of(insert(one), insert(one), update(one, row(2, "two", 2f, 2.0))));
      Pipeline.runToIdle(server, StreamFormat.JSON, sink().createTarget().build());
    }
    assertEquals(sorted(List.of(one, row(2, "two", 2f, 2.0))), targetRows());
    try (Connection c = db.connect("");
        Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"
                    + DW
                    + "' AND TABLE_NAME = 'items'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "no index at all");
    }
  }

  @Test
  void withNoColumnToCompareTheSinkRefusesAndNamesTheKeyColumnsOption() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable items = server.createTable("nokey_src", "items", ITEMS);
      apply(server, items, List.of(insert(row(1, "a", 1f, 1.0))));
      JdbcSink sink =
          sink()
              .mapping(
                  TableMapping.of(SOURCE, TARGET)
                      .exclude("a")
                      .exclude("b")
                      .exclude("f")
                      .exclude("d"))
              .build();
      Throwable failure = JdbcSinkIT.sinkFailure(server, StreamFormat.JSON, sink);
      SinkSchemaException e = assertInstanceOf(SinkSchemaException.class, failure);
      assertTrue(e.getMessage().contains(TARGET + " has no primary key"), e.getMessage());
      assertTrue(e.getMessage().contains("TableMapping.keyColumns(...)"), e.getMessage());
      assertTrue(e.getMessage().contains("--key-columns"), e.getMessage());
    }
  }

  @Test
  void aColumnToRereadNeedsAKeyAndTheRefusalSaysHowToGoOn() throws Exception {
    db.recreateDatabase("nokey_src");
    db.execute(
        "CREATE TABLE nokey_src.events (a INT, at_time TIME)",
        "CREATE TABLE " + DW + ".events (a INT, at_time TIME)");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server
          .createTable(
              "nokey_src",
              "events",
              TableDefinition.builder().column("a", "INT").column("at_time", "TIME").build())
          .insert(Map.of("a", 1, "at_time", Duration.ofHours(-2)));
      JdbcSink sink =
          sink()
              .mapping(TableMapping.of("nokey_src.events", DW + ".events"))
              .source(SourceDatabase.jdbcUrl(db.jdbcUrl("nokey_src"), "root", ""))
              .build();
      Throwable failure = JdbcSinkIT.sinkFailure(server, StreamFormat.JSON, sink);
      SinkSchemaException e = assertInstanceOf(SinkSchemaException.class, failure);
      for (String expected :
          List.of(DW + ".events", "at_time", "--key-columns", "--lossy-column COLUMN=skip")) {
        assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
      }
    }
  }

  // ---- helpers

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
    return out;
  }

  List<List<Object>> multiset(String table, String... columns) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : Rows.of(db, table, "1", columns)) {
      rows.add(new ArrayList<>(r.values()));
    }
    return sorted(rows);
  }

  void runScript(String name) throws Exception {
    db.execute("DROP DATABASE IF EXISTS cdc_types2");
    RecordingsReplicationIT.runScript(RECORDINGS + name); // the testkit ships the recordings
  }
}
