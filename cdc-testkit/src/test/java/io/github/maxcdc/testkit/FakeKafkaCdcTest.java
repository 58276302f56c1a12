package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake KafkaCDC router's faults and settings, in memory. */
class FakeKafkaCdcTest {
  private final SettableClock clock = new SettableClock();
  private FakeMaxScale server;
  private ScriptedTable blobs;

  private ScriptedTable start(FakeKafkaCdc.Builder kafkaCdc) {
    clock.set(1700000000);
    server = FakeMaxScale.builder().clock(clock).kafkaCdc(kafkaCdc).build();
    blobs =
        server.createTable(
            "db",
            "blobs",
            TableDefinition.builder()
                .column("id", "INT")
                .primaryKey("id")
                .column("vb", "VARBINARY(8)")
                .column("b", "BLOB")
                .build());
    return blobs;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private List<String> keys() {
    return server.kafkaCdc().records().stream()
        .map(KafkaCdcRecording.KafkaRecord::keyText)
        .toList();
  }

  private String lastValue() {
    List<KafkaCdcRecording.KafkaRecord> records = server.kafkaCdc().records();
    return new String(records.get(records.size() - 1).value(), StandardCharsets.UTF_8);
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void valuesThatAreNotUtf8AreRefusedUnlessTheTestAsksToLoseThem() {
    start(FakeKafkaCdc.inMemory(1));
    IllegalArgumentException varbinary =
        assertThrows(
            IllegalArgumentException.class, () -> blobs.insert(Map.of("id", 1, "vb", hex("FF"))));
    IllegalArgumentException blob =
        assertThrows(
            IllegalArgumentException.class, () -> blobs.insert(Map.of("id", 1, "b", hex("FF"))));

    assertTrue(varbinary.getMessage().contains("column vb of db.blobs"), varbinary.getMessage());
    assertTrue(varbinary.getMessage().contains("loses its key"), varbinary.getMessage());
    assertTrue(blob.getMessage().contains("kills"), blob.getMessage());
    assertEquals("0-1-1", server.lastGtid().orElseThrow(), "both transactions had no effect");
    assertEquals(List.of("0-1-1"), keys(), "only the schema record");
    blobs.insert(Map.of("id", 1, "vb", "ok"));
    assertEquals(List.of("0-1-1", "0-1-2:1"), keys());
  }

  @Test
  void aStringValueThatIsNotUtf8LosesItsKey() {
    start(FakeKafkaCdc.inMemory(1).loseInvalidUtf8(true));
    blobs.insert(Map.of("id", 1, "vb", hex("41FF"), "b", "x"));

    assertTrue(lastValue().endsWith("\"table_name\":\"blobs\",\"id\":1,\"b\":\"x\"}"), lastValue());
    assertFalse(server.kafkaCdc().hasCrashed());
  }

  @Test
  void aBlobThatIsNotUtf8KillsTheRouterAfterTheRowsBeforeIt() {
    start(FakeKafkaCdc.inMemory(1).loseInvalidUtf8(true));
    server.transaction(
        tx -> {
          tx.insert(blobs, Map.of("id", 1, "b", "fine"));
          tx.insert(blobs, Map.of("id", 2, "vb", hex("FF"), "b", hex("C0FFEE")));
          tx.insert(blobs, Map.of("id", 3));
        });
    blobs.insert(Map.of("id", 4));
    blobs.addColumn("c", "INT");

    assertTrue(server.kafkaCdc().hasCrashed());
    assertEquals(List.of("0-1-1", "0-1-2:1"), keys());
    assertEquals("0-1-4", server.lastGtid().orElseThrow(), "the source goes on");
  }

  @Test
  void aKillLosesTheEndOfTheNextTransactionThenTheRouterGoesOn() {
    start(FakeKafkaCdc.inMemory(1));
    blobs.addColumn("c", "INT"); // before any row: no new version, no schema record
    server.kafkaCdc().killDuringNextTransaction(1);
    blobs.addColumn("d", "INT"); // DDL does not trigger the kill
    server.transaction(
        tx -> {
          tx.insert(blobs, Map.of("id", 1));
          tx.insert(blobs, Map.of("id", 2));
          tx.insert(blobs, Map.of("id", 3));
        });
    blobs.addColumn("e", "INT"); // the restarted router has seen no row of blobs yet: lost
    blobs.update(Map.of("id", 1), Map.of("e", 5));
    blobs.addColumn("f", "INT"); // after a row: version 2

    assertEquals(
        List.of("0-1-1", "0-1-4:1", "0-1-6:1", "0-1-6:2", "0-1-7"),
        keys(),
        "rows 2 and 3 of 0-1-4 and the schema of ALTER 0-1-5 are lost");
    assertTrue(lastValue().contains("\"version\":2,\"gtid\":\"0-1-7\""), lastValue());
    assertTrue(lastValue().contains("{\"name\":\"e\""), "the lost ALTER's column is there too");
  }

  @Test
  void aKillOfZeroRowsLosesTheWholeTransaction() {
    start(FakeKafkaCdc.inMemory(1));
    server.kafkaCdc().killDuringNextTransaction(0);
    blobs.insert(Map.of("id", 1));
    blobs.insert(Map.of("id", 2));

    assertEquals(List.of("0-1-1", "0-1-3:1"), keys());
  }

  @Test
  void recordsCarryTheStatementTimeAndAnUpdateIsTwoRecords() {
    start(FakeKafkaCdc.inMemory(1));
    clock.set(1700000100);
    blobs.insert(Map.of("id", 1));
    clock.set(1700000200);
    blobs.update(Map.of("id", 1), Map.of("vb", "v"));

    List<KafkaCdcRecording.KafkaRecord> records = server.kafkaCdc().records();
    assertEquals(List.of("0-1-1", "0-1-2:1", "0-1-3:1", "0-1-3:2"), keys());
    assertEquals(1700000000000L, records.get(0).timestamp());
    assertEquals(1700000200000L, records.get(3).timestamp());
    assertTrue(lastValue().contains("\"event_type\":\"update_after\""), lastValue());
  }

  @Test
  void theRouterIsConfiguredForScriptedTablesOnly(@TempDir Path dir) {
    assertThrows(IllegalArgumentException.class, () -> FakeKafkaCdc.inMemory(0));
    assertThrows(
        IllegalStateException.class,
        () -> FakeMaxScale.builder().avroDirectory(dir).kafkaCdc(FakeKafkaCdc.inMemory(1)).build());
    try (FakeMaxScale plain = FakeMaxScale.builder().build()) {
      assertThrows(IllegalStateException.class, plain::kafkaCdc);
    }
    start(FakeKafkaCdc.inMemory(2));
    assertThrows(
        IllegalArgumentException.class, () -> server.kafkaCdc().killDuringNextTransaction(-1));
  }
}
