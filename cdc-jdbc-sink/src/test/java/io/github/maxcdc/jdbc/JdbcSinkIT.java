package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sink on an embedded MariaDB, fed by the fake MaxScale: the workshop's case and its failures.
 */
class JdbcSinkIT {
  static final String DW = "shop_dw";
  static final String TARGET = "shop_dw.commandes_dw";
  static final String TARGET_DDL =
      "CREATE TABLE shop_dw.commandes_dw (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2), "
          + "statut VARCHAR(20), date_creation TIMESTAMP NULL)";

  final TestDatabase db = TestDatabase.shared();

  static final TableDefinition COMMANDES = TableDefinition.commandes();

  static Map<String, Object> order(String client, String amount, String status) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("client", client);
    row.put("montant", new BigDecimal(amount));
    row.put("statut", status);
    return row;
  }

  @BeforeEach
  void freshTarget() throws Exception {
    db.recreateDatabase(DW);
    db.execute(TARGET_DDL);
  }

  /** Runs a pipeline that must fail; returns what stopped the sink. */
  static Throwable sinkFailure(FakeMaxScale server, StreamFormat format, JdbcSink sink)
      throws Exception {
    try (Pipeline p = Pipeline.start(server, format, sink, Duration.ofSeconds(1))) {
      ListenerException e =
          assertThrows(
              ListenerException.class, () -> p.client.awaitTermination(Duration.ofSeconds(30)));
      return e.getCause();
    }
  }

  JdbcSink.Builder sink() {
    return JdbcSink.builder()
        .jdbcUrl(db.jdbcUrl(DW), "root", "")
        .mapping(TableMapping.of("shop_tx.commandes", TARGET))
        .retry(Backoff.forever(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void theWorkshopScenarioStepByStep(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(
          order("Client Z", "9.99", "NOUVELLE")); // the table's file exists from its first row
      try (Pipeline p = Pipeline.start(server, format, sink().build(), null)) {
        Rows.await(db, TARGET, "id", rows -> rows.size() == 1);

        commandes.insert(order("Client A", "120.50", "NOUVELLE"));
        List<Map<String, Object>> rows = Rows.await(db, TARGET, "id", r -> r.size() == 2);
        assertEquals("Client A", rows.get(1).get("client"));
        assertEquals(new BigDecimal("120.50"), rows.get(1).get("montant"));
        assertEquals("NOUVELLE", rows.get(1).get("statut"));
        assertTrue(rows.get(1).get("date_creation") instanceof Timestamp);

        commandes.update(Map.of("client", "Client A"), Map.of("statut", "PAYEE"));
        Rows.await(db, TARGET, "id", r -> r.size() == 2 && "PAYEE".equals(r.get(1).get("statut")));

        commandes.delete(Map.of("client", "Client A"));
        Rows.await(
            db, TARGET, "id", r -> r.size() == 1 && "Client Z".equals(r.get(0).get("client")));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.sink.metrics().events() < 4 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        SinkMetrics m = p.sink.metrics();
        assertEquals(2, m.inserts());
        assertEquals(1, m.updates());
        assertEquals(1, m.deletes());
        assertEquals(4, m.transactions());
        assertTrue(m.lag().compareTo(Duration.ZERO) >= 0);
        assertEquals(server.lastGtid().orElseThrow(), m.last().orElseThrow().gtid().toString());
      }
    }
  }

  @Test
  void aSecondSinkOfTheSameStreamIsFencedOffAndKeepsNothing() throws Exception {
    List<io.github.maxcdc.event.ChangeEvent> events = new java.util.ArrayList<>();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      for (int i = 0; i < 4; i++) {
        commandes.insert(order("C" + i, "1.00", "NOUVELLE"));
      }
      try (io.github.maxcdc.CdcClient client =
          io.github.maxcdc.CdcClient.builder()
              .address(server.host(), server.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .table("shop_tx", "commandes")
              .listener(events::add)
              .stopWhenIdle(Duration.ofMillis(500))
              .build()) {
        client.start();
        client.awaitTermination(Duration.ofSeconds(30));
      }
    }
    assertEquals(4, events.size());
    try (JdbcSink first = sink().build();
        JdbcSink zombie = sink().build()) {
      assertEquals(0, first.appliedEvents());
      assertEquals(0, zombie.appliedEvents()); // both read the same checkpoint
      first.onChange(events.get(0));
      first.onChange(events.get(1));
      first.flush();
      zombie.onChange(events.get(2));
      SinkException fenced = assertThrows(SinkException.class, zombie::flush);
      assertTrue(
          fenced.getMessage().contains("moved since this sink read it"), fenced.getMessage());
      assertEquals(2, Rows.count(db, TARGET), "nothing of the fenced sink's transaction");
      first.onChange(events.get(3));
      first.flush();
      assertEquals(3, first.appliedEvents());
    }
  }

  @Test
  void restartingResumesExactlyAfterTheCheckpoint() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      for (int i = 0; i < 5; i++) {
        commandes.insert(order("C" + i, "1.00", "NOUVELLE"));
      }
      SinkMetrics first = Pipeline.runToIdle(server, StreamFormat.JSON, sink().build());
      assertEquals(5, first.inserts());
      for (int i = 5; i < 8; i++) {
        commandes.insert(order("C" + i, "1.00", "NOUVELLE"));
      }
      commandes.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
      JdbcSink second = sink().build();
      assertEquals(5, second.appliedEvents());
      SinkMetrics after = Pipeline.runToIdle(server, StreamFormat.AVRO, second);
      assertEquals(3, after.inserts(), "only the changes after the checkpoint");
      assertEquals(1, after.updates());
      assertEquals(8, Rows.count(db, TARGET));
      try (JdbcSink third = sink().build()) {
        assertEquals(9, third.appliedEvents());
      }
    }
  }

  @Test
  void aCheckpointTableOfAnEarlierVersionGainsTheSourceOffsetColumnAndKeepsItsPosition()
      throws Exception {
    String checkpoint = DW + ".maxcdc_checkpoint";
    db.execute(
        "CREATE TABLE "
            + checkpoint
            + " (stream_id VARCHAR(255) NOT NULL PRIMARY KEY, gtid VARCHAR(64) NOT NULL,"
            + " event_number INT NOT NULL, schema_version INT NOT NULL,"
            + " source_timestamp BIGINT NOT NULL, applied_events BIGINT NOT NULL,"
            + " updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
    db.execute(
        "INSERT INTO "
            + checkpoint
            + " (stream_id, gtid, event_number, schema_version, source_timestamp, applied_events)"
            + " VALUES ('shop_tx.commandes->"
            + TARGET
            + "', '0-1-9', 6, 1, 1700000000, 42)");
    try (JdbcSink sink = sink().build()) {
      assertEquals(new StreamPosition(Gtid.parse("0-1-9"), 6), sink.lastApplied().orElseThrow());
      assertEquals(null, sink.lastApplied().orElseThrow().sourceOffset());
      assertEquals(42, sink.appliedEvents());
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("source_offset", null);
    assertEquals(List.of(row), Rows.of(db, checkpoint, "stream_id", "source_offset"));
  }

  @Test
  void aValueTheTargetRefusesStopsAtItsTransactionAndNamesTheColumnNotTheValue() throws Exception {
    db.execute("ALTER TABLE " + TARGET + " MODIFY client VARCHAR(8)");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("Ann", "1.00", "NOUVELLE"));
      commandes.insert(order("Bob", "2.00", "NOUVELLE"));
      server.transaction(
          tx -> {
            tx.insert(commandes, order("Cid", "3.00", "NOUVELLE"));
            tx.insert(commandes, order("Secret-Long-Name", "4.00", "NOUVELLE"));
          });
      commandes.insert(order("Dan", "5.00", "NOUVELLE"));
      JdbcSink sink = sink().build();
      Throwable failure = sinkFailure(server, StreamFormat.JSON, sink);
      SinkDataException data = assertInstanceOf(SinkDataException.class, failure);
      assertEquals("client", data.column().orElseThrow());
      assertEquals(2, data.position().eventNumber());
      assertTrue(data.getMessage().contains("too long"), data.getMessage());
      assertFalse(data.getMessage().contains("Secret"), data.getMessage());
      assertEquals(
          List.of("Ann", "Bob"),
          Rows.of(db, TARGET, "id").stream().map(r -> r.get("client")).toList(),
          "transactions before the failing one are committed, nothing from it on");
      assertEquals(2, sink.metrics().inserts());
    }
  }

  @Test
  void aMissingTargetTableIsAClearError() throws Exception {
    db.execute("DROP TABLE " + TARGET);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.createTable("shop_tx", "commandes", COMMANDES).insert(order("A", "1.00", "X"));
      Throwable failure = sinkFailure(server, StreamFormat.JSON, sink().build());
      SinkSchemaException schema = assertInstanceOf(SinkSchemaException.class, failure);
      assertTrue(
          schema.getMessage().contains("shop_dw.commandes_dw does not exist"), schema.getMessage());
      assertTrue(schema.getMessage().contains("createTarget"), schema.getMessage());
    }
  }

  @Test
  void wrongTargetCredentialsAreAClearErrorWithoutThePassword() throws Exception {
    try (TestDatabase secured =
        TestDatabase.embedded(EmbeddedMariaDb.builder().user("etl_user", "right-pw"))) {
      String url = "jdbc:mariadb://127.0.0.1:" + secured.port() + "/";
      JdbcSink wrong =
          JdbcSink.builder()
              .jdbcUrl(url, "etl_user", "wrong-password-must-not-leak")
              .mapping(TableMapping.of("shop_tx.commandes", TARGET))
              .build();
      SinkAccessException e = assertThrows(SinkAccessException.class, wrong::startPosition);
      assertTrue(e.getMessage().contains("grants"), e.getMessage());
      assertFalse(e.isTransient());
      assertTrue(e.getMessage().contains("etl_user"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-password-must-not-leak"), e.getMessage());
      try (java.sql.Connection c =
          java.sql.DriverManager.getConnection(url, "etl_user", "right-pw")) {
        c.createStatement().execute("CREATE DATABASE other");
      }
      try (JdbcSink right =
          JdbcSink.builder()
              .jdbcUrl(url, "etl_user", "right-pw")
              .mapping(TableMapping.of("shop_tx.commandes", "other.t"))
              .build()) {
        assertEquals(io.github.maxcdc.position.StartPosition.beginning(), right.startPosition());
      }
    }
  }

  @Test
  void theTargetGoingAwayIsWaitedForAndReplicationResumesExactly() throws Exception {
    assumeTrue(db.isEmbedded(), "stops the server");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("first", "1.00", "NOUVELLE"));
      try (Pipeline p =
          Pipeline.start(
              server, StreamFormat.JSON, sink().maxLatency(Duration.ZERO).build(), null)) {
        Rows.await(db, TARGET, "id", r -> r.size() == 1);
        db.stop();
        for (int i = 0; i < 50; i++) {
          commandes.insert(order("during outage " + i, "1.00", "NOUVELLE"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (p.sink.metrics().retries() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        db.start();
        for (int i = 0; i < 50; i++) {
          commandes.insert(order("after " + i, "1.00", "NOUVELLE"));
        }
        Rows.await(db, TARGET, "id", r -> r.size() == 101);
        assertTrue(p.sink.metrics().retries() >= 2, "retried while the target was down");
      }
      try (JdbcSink check = sink().build()) {
        assertEquals(101, check.appliedEvents(), "every change applied once");
      }
    }
  }

  @Test
  void anUpdateThatChangesTheKeyDeletesTheOldKey() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("A", "1.00", "NOUVELLE"));
      commandes.update(Map.of("id", 1), Map.of("id", 42));
      Pipeline.runToIdle(server, StreamFormat.AVRO, sink().build());
      assertEquals(List.of(42), Rows.of(db, TARGET, "id").stream().map(r -> r.get("id")).toList());
    }
  }

  @Test
  void softDeletesMarkTheRowAndAReinsertUnmarksIt() throws Exception {
    db.execute(
        "ALTER TABLE "
            + TARGET
            + " ADD COLUMN is_deleted TINYINT NOT NULL DEFAULT 0, "
            + "ADD COLUMN deleted_at TIMESTAMP NULL");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("A", "1.00", "NOUVELLE"));
      commandes.insert(order("B", "2.00", "NOUVELLE"));
      commandes.delete(Map.of("id", 1));
      Pipeline.runToIdle(
          server, StreamFormat.JSON, sink().deletes(DeleteMode.softFlag("is_deleted")).build());
      assertEquals(
          List.of(1, 0),
          Rows.of(db, TARGET, "id").stream()
              .map(r -> ((Number) r.get("is_deleted")).intValue())
              .toList());
      commandes.insert(
          Map.of(
              "id",
              1,
              "client",
              "A again",
              "montant",
              new BigDecimal("1.00"),
              "statut",
              "NOUVELLE"));
      commandes.delete(Map.of("id", 2));
      Pipeline.runToIdle(
          server,
          StreamFormat.JSON,
          sink()
              .deletes(DeleteMode.softTimestamp("deleted_at"))
              .streamId("soft-timestamp")
              .build());
    }
    List<Map<String, Object>> rows = Rows.of(db, TARGET, "id");
    assertEquals(2, rows.size());
    assertEquals("A again", rows.get(0).get("client"));
    assertTrue(rows.get(1).get("deleted_at") != null, rows.toString());
  }

  @Test
  void aTargetWithoutKeyMatchesRowsOnTheirImageOrByTheGivenKeyColumns() throws Exception {
    db.execute(
        "DROP TABLE " + TARGET,
        "CREATE TABLE "
            + TARGET
            + " (id INT, client VARCHAR(100), montant DECIMAL(10,2), statut VARCHAR(20), "
            + "date_creation TIMESTAMP NULL)");
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("A", "1.00", "NOUVELLE"));
      commandes.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
      SinkMetrics m = Pipeline.runToIdle(server, StreamFormat.JSON, sink().build());
      assertEquals(0, m.missingRows(), "the update found its row by its whole before image");
      assertEquals(
          List.of("PAYEE"), Rows.of(db, TARGET, "id").stream().map(r -> r.get("statut")).toList());
      db.execute("DELETE FROM " + TARGET, "DELETE FROM " + DW + ".maxcdc_checkpoint");
      Pipeline.runToIdle(
          server,
          StreamFormat.JSON,
          sink().mapping(TableMapping.of("shop_tx.commandes", TARGET).keyColumns("id")).build());
    }
    assertEquals(
        List.of("PAYEE"), Rows.of(db, TARGET, "id").stream().map(r -> r.get("statut")).toList());
  }

  @Test
  void theTargetCanBeCreatedFromTheFirstSchema() throws Exception {
    db.execute("DROP TABLE " + TARGET);
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("A", "120.50", "NOUVELLE"));
      Pipeline.runToIdle(
          server,
          StreamFormat.AVRO,
          sink()
              .mapping(
                  TableMapping.of("shop_tx.commandes", TARGET)
                      .columnType("montant", "DECIMAL(10,2)"))
              .createTarget("id")
              .build());
    }
    List<Map<String, Object>> rows = Rows.of(db, TARGET, "id");
    assertEquals(new BigDecimal("120.50"), rows.get(0).get("montant"));
    assertEquals("A", rows.get(0).get("client"));
  }

  @ParameterizedTest
  @EnumSource(NewColumnsPolicy.class)
  void newSourceColumnsFollowThePolicy(NewColumnsPolicy policy) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("before", "1.00", "NOUVELLE"));
      commandes.addColumn("canal", "VARCHAR(20)", "web");
      Map<String, Object> row = order("after", "2.00", "NOUVELLE");
      row.put("canal", "mobile");
      commandes.insert(row);
      try (Pipeline p =
          Pipeline.start(
              server,
              StreamFormat.JSON,
              sink().onNewColumns(policy).build(),
              Duration.ofSeconds(1))) {
        if (policy == NewColumnsPolicy.FAIL) {
          ListenerException e =
              assertThrows(
                  ListenerException.class, () -> p.client.awaitTermination(Duration.ofSeconds(30)));
          assertTrue(e.getCause().getMessage().contains("lacks: canal"), e.getCause().getMessage());
          assertEquals(1, Rows.count(db, TARGET), "the first schema version's changes are applied");
          return;
        }
        assertTrue(p.client.awaitTermination(Duration.ofSeconds(30)));
      }
      List<Map<String, Object>> rows = Rows.of(db, TARGET, "id");
      assertEquals(2, rows.size());
      if (policy == NewColumnsPolicy.ADD_COLUMNS) {
        assertEquals("mobile", rows.get(1).get("canal"));
      } else {
        assertFalse(rows.get(1).containsKey("canal"));
      }
    }
  }

  @Test
  void lossyColumnsAreRefusedUnlessConfigured() throws Exception {
    db.execute("ALTER TABLE " + TARGET + " ADD COLUMN flags BIT(8) NULL");
    TableDefinition withBit =
        TableDefinition.builder()
            .column("id", "INT")
            .autoIncrement("id")
            .primaryKey("id")
            .column("client", "VARCHAR(100)")
            .column("flags", "BIT(8)")
            .build();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.createTable("shop_tx", "commandes", withBit).insert(Map.of("client", "A", "flags", 5));
      Throwable failure = sinkFailure(server, StreamFormat.JSON, sink().build());
      assertTrue(failure.getMessage().contains("flags [NOT_CARRIED]"), failure.getMessage());
      Pipeline.runToIdle(
          server, StreamFormat.JSON, sink().lossyColumns(LossyColumnPolicy.SKIP).build());
    }
    assertEquals("A", Rows.of(db, TARGET, "id").get(0).get("client"));
  }

  @Test
  void aTransactionLargerThanTheSplitSizeIsCommittedInPartsAndResumedExactly() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("first", "1.00", "NOUVELLE"));
      server.transaction(
          tx -> {
            for (int i = 0; i < 25; i++) {
              tx.insert(commandes, order("big " + i, "1.00", "NOUVELLE"));
            }
          });
      // a consumer that dies after the 16th change: the sink has committed parts of 10 by then
      JdbcSink sink = sink().maxTransactionEvents(10).maxLatency(Duration.ZERO).build();
      int[] seen = new int[1];
      io.github.maxcdc.CdcClient client =
          sink.attach(
                  io.github.maxcdc.CdcClient.builder()
                      .address(server.host(), server.port())
                      .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD))
              .listener(
                  event -> {
                    if (++seen[0] == 17) {
                      throw new IllegalStateException("crash");
                    }
                    sink.onChange(event);
                  })
              .build();
      client.start();
      assertThrows(ListenerException.class, () -> client.awaitTermination(Duration.ofSeconds(30)));
      client.close();
      // a crash: the sink is not closed, so the 5 changes it buffered are never committed
      try (JdbcSink reopened = sink().build()) {
        assertEquals(11, reopened.appliedEvents(), "the first change and one part of 10");
        assertEquals(10, reopened.lastApplied().orElseThrow().eventNumber());
      }
      SinkMetrics rest =
          Pipeline.runToIdle(server, StreamFormat.JSON, sink().maxTransactionEvents(10).build());
      assertEquals(15, rest.inserts(), "exactly the rest of the transaction");
      assertEquals(26, Rows.count(db, TARGET));
    }
  }

  @Test
  void enumsAndSetsGoToEnumColumnsAsIsAndToTextColumnsByLabel() throws Exception {
    db.execute(
        "DROP TABLE " + TARGET,
        "CREATE TABLE "
            + TARGET
            + " (id INT PRIMARY KEY, size ENUM('small','medium','large'), "
            + "size_text VARCHAR(10), colors SET('red','green','blue'), colors_text VARCHAR(30))");
    TableDefinition table =
        TableDefinition.builder()
            .column("id", "INT")
            .primaryKey("id")
            .column("size", "ENUM('small','medium','large')")
            .column("size_text", "ENUM('small','medium','large')")
            .column("colors", "SET('red','green','blue')")
            .column("colors_text", "SET('red','green','blue')")
            .build();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server
          .createTable("shop_tx", "commandes", table)
          .insert(
              Map.of(
                  "id",
                  1,
                  "size",
                  "medium",
                  "size_text",
                  "large",
                  "colors",
                  "red,blue",
                  "colors_text",
                  "green,blue"));
      Throwable failure = sinkFailure(server, StreamFormat.JSON, sink().build());
      assertTrue(
          failure.getMessage().contains("TableMapping.labels(\"size_text\""), failure.getMessage());
      Pipeline.runToIdle(
          server,
          StreamFormat.AVRO,
          sink()
              .mapping(
                  TableMapping.of("shop_tx.commandes", TARGET)
                      .labels("size_text", "small", "medium", "large")
                      .labels("colors_text", "red", "green", "blue"))
              .build());
    }
    Map<String, Object> row = Rows.of(db, TARGET, "id").get(0);
    assertEquals("medium", row.get("size"));
    assertEquals("large", row.get("size_text"));
    assertEquals("red,blue", row.get("colors"));
    assertEquals("green,blue", row.get("colors_text"));
  }

  @Test
  void aDroppedSourceColumnIsNoLongerWrittenAndItsTargetColumnIsLeftAlone() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable commandes = server.createTable("shop_tx", "commandes", COMMANDES);
      commandes.insert(order("A", "1.00", "NOUVELLE"));
      commandes.dropColumn("statut");
      commandes.update(Map.of("id", 1), Map.of("client", "A2"));
      commandes.insert(Map.of("client", "B", "montant", new BigDecimal("2.00")));
      Pipeline.runToIdle(server, StreamFormat.AVRO, sink().build());
    }
    List<Map<String, Object>> rows = Rows.of(db, TARGET, "id");
    assertEquals("A2", rows.get(0).get("client"));
    assertEquals("NOUVELLE", rows.get(0).get("statut"), "left alone");
    assertEquals(null, rows.get(1).get("statut"));
  }
}
