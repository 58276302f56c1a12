package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * History and SCD2 tables: the created table, configured names, changes arriving again, refusals.
 */
class ShapesIT {
  static final TestDatabase DB = TestDatabase.shared();
  static final TableDefinition ORDERS =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("status", "VARCHAR(20)")
          .build();
  static final Clock AT_NOON = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

  static FakeMaxScale orders() {
    return orders((server, t) -> {});
  }

  /** Order 42 inserted, paid and deleted at noon, then {@code more}. */
  static FakeMaxScale orders(java.util.function.BiConsumer<FakeMaxScale, ScriptedTable> more) {
    FakeMaxScale server = FakeMaxScale.builder().clock(AT_NOON).build();
    ScriptedTable t = server.createTable("shop", "orders", ORDERS);
    t.insert(Map.of("id", 42, "status", "new"));
    t.update(Map.of("id", 42), Map.of("status", "paid"));
    t.delete(Map.of("id", 42));
    more.accept(server, t);
    return server;
  }

  static JdbcSink.Builder sink(TargetMode mode, String streamId) {
    return JdbcSink.builder()
        .jdbcUrl(DB.jdbcUrl("shop_dw"), "root", "")
        .mapping(TableMapping.of("shop.orders", "shop_dw.orders_dw"))
        .streamId(streamId)
        .targetMode(mode);
  }

  @Test
  void aChangeWrittenAgainIsNotAppendedTwice() throws Exception {
    DB.recreateDatabase("shop_dw");
    try (FakeMaxScale server = orders()) {
      HistoryColumns names = new HistoryColumns("op", "tx", "seq", "at");
      // two streams of one source into one history table: the second writes the same changes
      for (String id : List.of("first", "second")) {
        SinkMetrics m =
            Pipeline.runToIdle(
                server,
                StreamFormat.JSON,
                sink(TargetMode.HISTORY, id).historyColumns(names).createTarget("id").build());
        assertEquals(3, m.events(), id);
      }
    }
    assertEquals(
        List.of(
            Map.of("id", 42, "status", "new", "op", "insert", "at", "2026-01-01 12:00:00"),
            Map.of("id", 42, "status", "paid", "op", "update", "at", "2026-01-01 12:00:00"),
            Map.of("id", 42, "status", "paid", "op", "delete", "at", "2026-01-01 12:00:00")),
        Rows.of(
            DB,
            "shop_dw.orders_dw",
            "CAST(SUBSTRING_INDEX(tx, '-', -1) AS UNSIGNED), seq",
            "id",
            "status",
            "op",
            "CAST(at AS CHAR) AS at"));
    assertEquals(
        List.of(Map.of("k", "PRIMARY:tx"), Map.of("k", "PRIMARY:seq"), Map.of("k", "id:id")),
        Rows.of(
            DB,
            "information_schema.STATISTICS WHERE TABLE_SCHEMA = 'shop_dw'"
                + " AND TABLE_NAME = 'orders_dw'",
            "INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX",
            "CONCAT(INDEX_NAME, ':', COLUMN_NAME) AS k"));
  }

  @Test
  void changesOfOneInstantLeaveNoVersionOfNoLength() throws Exception {
    DB.recreateDatabase("shop_dw");
    try (FakeMaxScale server =
        orders(
            (s, t) ->
                s.transaction(
                    tx -> {
                      tx.insert(t, Map.of("id", 7, "status", "new"));
                      tx.update(t, Map.of("id", 7), Map.of("status", "paid"));
                    }))) {
      Pipeline.runToIdle(
          server,
          StreamFormat.JSON,
          sink(TargetMode.SCD2, "scd2")
              .scd2Columns(Scd2Columns.DEFAULT.withOpenEnd(Scd2Columns.FAR_FUTURE))
              .createTarget("id")
              .build());
    }
    // order 42 lived and died within one second: no version; order 7's last image of the instant
    assertEquals(
        List.of(
            Map.of(
                "id",
                7,
                "status",
                "paid",
                "f",
                "2026-01-01 12:00:00",
                "t",
                "9999-12-31 23:59:59",
                "_current",
                1)),
        Rows.of(
            DB,
            "shop_dw.orders_dw",
            "id, _valid_from",
            "id",
            "status",
            "CAST(_valid_from AS CHAR) AS f",
            "CAST(_valid_to AS CHAR) AS t",
            "_current"));
  }

  @Test
  void aHistoryTableWithoutTheChangeKeyIsRefused() throws Exception {
    DB.recreateDatabase("shop_dw");
    DB.execute(
        "CREATE TABLE shop_dw.orders_dw (id INT, status VARCHAR(20), _op VARCHAR(8),"
            + " _gtid VARCHAR(64), _event_number INT, _commit_time DATETIME)");
    try (FakeMaxScale server = orders()) {
      JdbcSink sink = sink(TargetMode.HISTORY, "h").build();
      try (Pipeline p = Pipeline.start(server, StreamFormat.JSON, sink, null)) {
        Exception e =
            assertThrows(
                Exception.class, () -> p.client.awaitTermination(java.time.Duration.ofSeconds(60)));
        assertTrue(
            String.valueOf(rootMessage(e))
                .contains("needs a primary key on (_gtid, _event_number)"),
            String.valueOf(rootMessage(e)));
      }
    }
  }

  @Test
  void aSourceColumnNamedLikeAShapeColumnIsRefused() throws Exception {
    DB.recreateDatabase("shop_dw");
    try (FakeMaxScale server = orders()) {
      JdbcSink sink =
          sink(TargetMode.HISTORY, "h")
              .historyColumns(new HistoryColumns("status", "g", "e", "t"))
              .createTarget()
              .build();
      try (Pipeline p = Pipeline.start(server, StreamFormat.JSON, sink, null)) {
        Exception e =
            assertThrows(
                Exception.class, () -> p.client.awaitTermination(java.time.Duration.ofSeconds(60)));
        assertTrue(String.valueOf(rootMessage(e)).contains("status"), rootMessage(e));
      }
    }
  }

  static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" / ");
    }
    return all.toString();
  }
}
