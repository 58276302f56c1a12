package io.github.maxcdc.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.KafkaCdcRecording.KafkaRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordTableTest {

  // every row KafkaCDC wrote in the recordings is read without the parser, to the parser's answer
  @Test
  void theRowsOfEveryRecordingAreReadFromTheirBytesAsTheParserReadsThem() {
    RecordTable tables = new RecordTable();
    int rows = 0;
    for (String name : KafkaCdcRecording.builtInNames()) {
      for (KafkaRecord r : KafkaCdcRecording.builtIn(name).records()) {
        boolean schema = RecordKey.parse(r.key()).isSchema();
        if (schema || r.value() == null) {
          continue;
        }
        TableId fast = tables.rowTable(r.value());
        assertNotNull(fast, name + "@" + r.offset());
        assertEquals(tables.parse(r.value(), false), fast, name + "@" + r.offset());
        assertEquals(fast, tables.of(r.value(), false));
        rows++;
      }
    }
    assertEquals(true, rows > 11_000, "rows read: " + rows);
  }

  @Test
  void anyOtherLayoutIsLeftToTheParser() {
    RecordTable tables = new RecordTable();
    String[] others = {
      "{\"event_type\":\"insert\", \"table_schema\": \"shop\", \"table_name\": \"t\", \"id\":1}",
      "{\"table_schema\":\"sh\\u006fp\",\"table_name\":\"t\",\"id\":1}",
      "{\"nested\":{\"a\":1},\"table_schema\":\"shop\",\"table_name\":\"t\"}",
      "{\"list\":[1],\"table_schema\":\"shop\",\"table_name\":\"t\"}",
      "{\"table_name\":\"t\",\"table_schema\":\"shop\"}",
      "{\"table_schema\":\"shop\",\"table_name\":\"t\"x}"
    };
    for (String other : others) {
      assertNull(tables.rowTable(other.getBytes(StandardCharsets.UTF_8)), other);
    }
    assertEquals(
        TableId.parse("shop.t"), tables.of(others[0].getBytes(StandardCharsets.UTF_8), false));
    assertEquals(
        TableId.parse("shop.t"), tables.of(others[1].getBytes(StandardCharsets.UTF_8), false));
    assertEquals(
        TableId.parse("shop.t"), tables.of(others[4].getBytes(StandardCharsets.UTF_8), false));
  }

  @Test
  void aKeyWrittenInsideAStringIsNotTakenForTheTable() {
    RecordTable tables = new RecordTable();
    byte[] value =
        "{\"note\":\"\\\"table_schema\\\":\\\"evil\\\"\",\"table_schema\":\"shop\",\"table_name\":\"t\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertEquals(TableId.parse("shop.t"), tables.of(value, false));
  }

  @Test
  void theLastTableIsKeptButAnotherIsReadAgain() {
    RecordTable tables = new RecordTable();
    byte[] a =
        "{\"table_schema\":\"shop\",\"table_name\":\"a\",\"id\":1}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] b =
        "{\"table_schema\":\"shop\",\"table_name\":\"b\",\"id\":1}"
            .getBytes(StandardCharsets.UTF_8);

    assertEquals(TableId.parse("shop.a"), tables.of(a, false));
    assertEquals(TableId.parse("shop.b"), tables.of(b, false));
    assertEquals(TableId.parse("shop.a"), tables.of(a, false));
  }
}
