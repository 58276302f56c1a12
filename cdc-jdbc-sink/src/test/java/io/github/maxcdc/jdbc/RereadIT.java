package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Values MaxScale cannot carry, re-read from the source database by key. */
class RereadIT {
  static final TableDefinition DOCS =
      TableDefinition.builder()
          .column("id", "INT")
          .column("doc", "JSON")
          .column("label", "VARCHAR(20)")
          .primaryKey("id")
          .build();

  final TestDatabase db = TestDatabase.shared();

  @BeforeEach
  void databases() throws Exception {
    db.recreateDatabase("reread_src");
    db.recreateDatabase("reread_dw");
    db.execute(
        "CREATE TABLE reread_src.docs (id INT PRIMARY KEY, doc JSON, label VARCHAR(20))",
        "CREATE TABLE reread_dw.docs (id INT PRIMARY KEY, doc JSON, label VARCHAR(20))");
  }

  JdbcSink.Builder sink(SourceDatabase source) {
    return JdbcSink.builder()
        .jdbcUrl(db.jdbcUrl("reread_dw"), "root", "")
        .mapping(TableMapping.of("reread_src.docs", "reread_dw.docs"))
        .retry(Backoff.forever(Duration.ofMillis(50), Duration.ofMillis(200)))
        .source(source);
  }

  SourceDatabase source() {
    return SourceDatabase.jdbcUrl(db.jdbcUrl("reread_src"), "root", "");
  }

  List<List<Object>> rows(String table) throws Exception {
    return Rows.of(db, table, "id", "id", "doc", "label").stream()
        .map(r -> List.copyOf(r.values()))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aRowGoneFromTheSourceIsLeftForItsDeleteAndANewerValueConverges(StreamFormat format)
      throws Exception {
    // the source already holds the final state: row 1 deleted, row 2 updated twice
    db.execute("INSERT INTO reread_src.docs VALUES (2, '{\"v\": 3}', 'third')");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable docs = server.createTable("reread_src", "docs", DOCS);
      docs.insert(Map.of("id", 1, "doc", "{\"v\": 1}", "label", "one"));
      docs.insert(Map.of("id", 2, "doc", "{\"v\": 1}", "label", "first"));
      docs.update(Map.of("id", 1), Map.of("label", "one bis"));
      docs.update(Map.of("id", 2), Map.of("doc", "{\"v\": 2}", "label", "second"));
      docs.delete(Map.of("id", 1));
      docs.update(Map.of("id", 2), Map.of("doc", "{\"v\": 3}", "label", "third"));
      SinkMetrics m = Pipeline.runToIdle(server, format, sink(source()).build());
      assertEquals(6, m.events());
      assertEquals(2, m.goneRows(), m.toString()); // the insert and the update of row 1
      assertEquals(3, m.rereadRows(), m.toString());
      assertEquals(rows("reread_src.docs"), rows("reread_dw.docs"));
      assertEquals(List.of(List.of(2, "{\"v\": 3}", "third")), rows("reread_dw.docs"));
    }
  }

  /**
   * The same stream into a history table: every change is a row; the source's value is written
   * where the source still has the row, NULL (counted gone, never the damaged value) where not.
   */
  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aHistoryRowWhoseSourceRowIsGoneHoldsNullNotADamagedValue(StreamFormat format)
      throws Exception {
    db.execute("DROP TABLE reread_dw.docs");
    db.execute("INSERT INTO reread_src.docs VALUES (2, '{\"v\": 3}', 'third')");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable docs = server.createTable("reread_src", "docs", DOCS);
      docs.insert(Map.of("id", 1, "doc", "{\"v\": 1}", "label", "one"));
      docs.update(Map.of("id", 1), Map.of("label", "one bis"));
      docs.delete(Map.of("id", 1));
      docs.insert(Map.of("id", 2, "doc", "{\"v\": 3}", "label", "third"));
      SinkMetrics m =
          Pipeline.runToIdle(
              server,
              format,
              sink(source()).targetMode(TargetMode.HISTORY).createTarget("id").build());
      assertEquals(4, m.events());
      assertEquals(3, m.goneRows(), m.toString()); // every image of row 1
      assertEquals(1, m.rereadRows(), m.toString());
    }
    assertEquals(
        List.of(
            List.of(1, "null", "one", "insert"),
            List.of(1, "null", "one bis", "update"),
            List.of(1, "null", "one bis", "delete"),
            List.of(2, "{\"v\": 3}", "third", "insert")),
        Rows.of(
                db,
                "reread_dw.docs",
                "CAST(SUBSTRING_INDEX(_gtid, '-', -1) AS UNSIGNED), _event_number",
                "id",
                "IFNULL(doc, 'null') AS doc",
                "label",
                "_op")
            .stream()
            .map(r -> List.copyOf(r.values()))
            .toList());
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aSourceThatFailsForAWhileIsRetriedAndTheTargetEndsExact(StreamFormat format)
      throws Exception {
    db.execute("INSERT INTO reread_src.docs VALUES (1, '[1, 2]', 'a'), (2, '{}', 'b')");
    AtomicInteger failuresLeft = new AtomicInteger(3);
    // connection #1 is the same-table check; the next three re-reads find the source down
    AtomicInteger opened = new AtomicInteger();
    DataSource flaky =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    if (opened.incrementAndGet() > 1 && failuresLeft.getAndDecrement() > 0) {
                      throw new SQLTransientConnectionException("Connection refused", "08000");
                    }
                    return DriverManager.getConnection(db.jdbcUrl("reread_src"));
                  }
                  if (method.getName().equals("toString")) {
                    return "flaky source";
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable docs = server.createTable("reread_src", "docs", DOCS);
      docs.insert(Map.of("id", 1, "doc", "[1, 2]", "label", "a"));
      docs.insert(Map.of("id", 2, "doc", "{}", "label", "b"));
      SinkMetrics m =
          Pipeline.runToIdle(server, format, sink(SourceDatabase.dataSource(flaky)).build());
      assertTrue(m.retries() >= 3, m.toString());
      assertEquals(rows("reread_src.docs"), rows("reread_dw.docs"));
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aSourceThatCannotAnswerStopsTheSinkNamingIt(StreamFormat format) throws Exception {
    db.execute("DROP TABLE reread_src.docs"); // the source no longer has the table
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable docs = server.createTable("reread_src", "docs", DOCS);
      docs.insert(Map.of("id", 1, "doc", "[1]", "label", "a"));
      try (Pipeline p = Pipeline.start(server, format, sink(source()).build(), null)) {
        // the stream stops when it looks the table's declared column types up, before any row
        CdcException e =
            assertThrows(
                CdcException.class, () -> p.client.awaitTermination(Duration.ofSeconds(30)));
        String message = e.getMessage();
        assertTrue(message.contains("cannot read the source database"), message);
        assertTrue(message.contains("reread_src.docs"), message);
        assertFalse(e.getCause() instanceof SinkDataException, message);
      }
      assertEquals(0, Rows.count(db, "reread_dw.docs"));
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void rereadWithoutASourceIsRefusedWhenBuilt(StreamFormat format) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                JdbcSink.builder()
                    .jdbcUrl(db.jdbcUrl("reread_dw"), "root", "")
                    .mapping(
                        TableMapping.of("reread_src.docs", "reread_dw.docs")
                            .lossyColumn("doc", LossyColumnPolicy.REREAD))
                    .build());
    assertTrue(e.getMessage().contains("source("), e.getMessage());
  }
}
