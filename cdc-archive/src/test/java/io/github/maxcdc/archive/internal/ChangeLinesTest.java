package io.github.maxcdc.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Archive lines round-trip: an event of every column type, from a fake MaxScale in both formats,
 * encoded then decoded gives the same event (a repaired value comes back exact), and encoding that
 * again gives the same bytes. Malformed lines are refused saying what was expected.
 */
class ChangeLinesTest {
  static final TableDefinition ALL_TYPES =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("t", "TINYINT")
          .column("s", "SMALLINT UNSIGNED")
          .column("m", "MEDIUMINT")
          .column("u", "INT UNSIGNED")
          .column("b", "BIGINT UNSIGNED")
          .column("d", "DECIMAL(20,6)")
          .column("f", "FLOAT")
          .column("g", "DOUBLE")
          .column("c", "CHAR(3)")
          .column("x", "TEXT")
          .column("vb", "VARBINARY(8)")
          .column("bl", "BLOB")
          .column("dt", "DATE")
          .column("dtm", "DATETIME(6)")
          .column("ts", "TIMESTAMP(3)")
          .column("tm", "TIME(6)")
          .column("y", "YEAR")
          .column("e", "ENUM('small','large')")
          .column("st", "SET('red','blue')")
          .column("bt", "BIT(8)")
          .column("j", "JSON")
          .build();

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void everyTypeRoundTrips(StreamFormat format) throws Exception {
    List<ChangeEvent> events = stream(format);
    assertEquals(4, events.size());
    ChangeLines lines = new ChangeLines();
    for (ChangeEvent event : events) {
      TableSchema schema =
          ((ArchiveLine.SchemaLine) decode(SchemaLines.encode(event.schema()), null)).schema();
      assertEquals(event.schema(), schema, "the schema line carries the whole schema");
      byte[] line = lines.encode(event);
      ChangeEvent back = ((ArchiveLine.ChangeLine) decode(line, schema)).event();
      assertEquals(event.type(), back.type());
      assertEquals(event.position(), back.position());
      assertEquals(event.eventNumber(), back.eventNumber());
      assertEquals(event.timestamp(), back.timestamp());
      assertSameRow(event.before(), back.before(), format + " " + event.type() + " before");
      assertSameRow(event.after(), back.after(), format + " " + event.type() + " after");
      assertArrayEquals(line, lines.encode(back), "encoding the decoded event gives the same line");
    }
  }

  @org.junit.jupiter.api.Test
  void decimalsComeBackWithTheirScaleAndEveryDigit() throws Exception {
    ChangeEvent insert = stream(StreamFormat.JSON).get(0);
    TableSchema schema = insert.schema();
    int d = schema.indexOf("d");
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = insert.after().get(i);
    }
    values[d] = new BigDecimal("12345678901234.567890"); // more digits than a double holds
    Row row = Row.of(schema, values, values, null);
    ChangeEvent big =
        new io.github.maxcdc.event.Insert(schema, insert.gtid(), 1, insert.timestamp(), row);
    ChangeEvent back =
        ((ArchiveLine.ChangeLine) decode(new ChangeLines().encode(big), schema)).event();
    assertEquals(new BigDecimal("12345678901234.567890"), back.after().get(d));
  }

  static void assertSameRow(Row expected, Row actual, String where) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, where);
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      String column = where + " " + expected.schema().column(i).name();
      assertTrue(
          Objects.deepEquals(expected.get(i), actual.get(i)),
          column + ": " + describe(expected.get(i)) + " became " + describe(actual.get(i)));
      assertEquals(expected.isNull(i), actual.isNull(i), column);
      Fidelity f = expected.fidelity(i);
      assertEquals(f == Fidelity.REPAIRED ? Fidelity.EXACT : f, actual.fidelity(i), column);
    }
  }

  static String describe(Object value) {
    return value == null
        ? "null"
        : value.getClass().getSimpleName()
            + " "
            + (value instanceof byte[] b ? Arrays.toString(b) : value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | expected a JSON object",
        "[1,2] | expected a JSON object",
        "{\"type\":\"insert\"} | expected a string \"table\"",
        "{\"type\":\"merge\",\"table\":\"db.t\",\"version\":1,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\",\"timestamp\":\"2026-11-24T00:00:00Z\"}"
            + " | expected \"type\" insert, update, delete or schema",
        "{\"type\":\"insert\",\"table\":\"db.t\",\"version\":2,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\",\"timestamp\":\"2026-11-24T00:00:00Z\"}"
            + " | follows the schema line of db.t version 1",
        "{\"type\":\"insert\",\"table\":\"db.t\",\"version\":1,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-2:1\",\"timestamp\":\"2026-11-24T00:00:00Z\"}"
            + " | position 0-1-2:1 is not in transaction 0-1-1",
        "{\"type\":\"insert\",\"table\":\"db.t\",\"version\":1,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\",\"timestamp\":\"yesterday\"}"
            + " | expected an ISO-8601 instant \"timestamp\"",
        "{\"type\":\"insert\",\"table\":\"db.t\",\"version\":1,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\",\"timestamp\":\"2026-11-24T00:00:00Z\",\"after\":{\"id\":1}}"
            + " | expected the 2 columns [id, at]",
        "{\"type\":\"insert\",\"table\":\"db.t\",\"version\":1,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\",\"timestamp\":\"2026-11-24T00:00:00Z\","
            + "\"after\":{\"id\":1.5,\"at\":null}}"
            + " | column 'id' (INT): expected a whole number, got 1.5",
        "{\"type\":\"insert\",\"table\":\"db.t\",\"version\":1,\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\",\"timestamp\":\"2026-11-24T00:00:00Z\","
            + "\"after\":{\"id\":1,\"at\":\"noon\"}}"
            + " | column 'at' (TIME): expected a time [H]HH:MM:SS[.ffffff], got \"noon\"",
      })
  void refusesAMalformedLineSayingWhatItExpected(String line, String message) {
    TableSchema schema =
        ((ArchiveLine.SchemaLine)
                decode(
                    ("{\"type\":\"schema\",\"table\":\"db.t\",\"version\":1,\"columns\":["
                            + "{\"name\":\"id\",\"type\":\"INT\",\"real_type\":\"int\","
                            + "\"wire_type\":\"int\"},"
                            + "{\"name\":\"at\",\"type\":\"TIME\",\"real_type\":\"time\","
                            + "\"wire_type\":\"string\"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                    null))
            .schema();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChangeLines.decode(line.getBytes(StandardCharsets.UTF_8), schema));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  static ArchiveLine decode(byte[] line, TableSchema schema) {
    int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
    return ChangeLines.decode(Arrays.copyOf(line, end), schema);
  }

  static List<ChangeEvent> stream(StreamFormat format) throws Exception {
    try (FakeMaxScale maxscale = FakeMaxScale.builder().build()) {
      ScriptedTable table = maxscale.createTable("lab", "all_types", ALL_TYPES);
      table.insert(row(1));
      Map<String, Object> zeros = new HashMap<>(row(2));
      zeros.put("ts", Instant.EPOCH); // the zero date
      zeros.put("x", null);
      zeros.put("bl", new byte[0]);
      table.insert(zeros);
      table.update(Map.of("id", 1), Map.of("d", new BigDecimal("-12.500001"), "j", "{\"a\":2}"));
      table.delete(Map.of("id", 2));
      List<ChangeEvent> received = new CopyOnWriteArrayList<>();
      try (CdcClient client =
          CdcClient.builder()
              .address(maxscale.host(), maxscale.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .format(format)
              .table("lab", "all_types")
              .listener(received::add)
              .stopWhenIdle(Duration.ofMillis(500))
              .build()) {
        client.start();
        client.awaitTermination(Duration.ofSeconds(30));
      }
      return received;
    }
  }

  static Map<String, Object> row(int id) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("t", -5);
    row.put("s", 65535);
    row.put("m", -8388608);
    row.put("u", 4294967295L);
    row.put("b", new BigInteger("18446744073709551615"));
    row.put("d", new BigDecimal("12345.678901"));
    row.put("f", 1.5f);
    row.put("g", Math.PI);
    row.put("c", "abc");
    row.put("x", "tëxt\nwith \"quotes\"");
    row.put("vb", new byte[] {1, 2, 3});
    row.put("bl", new byte[] {(byte) 0xff, 0, 1});
    row.put("dt", LocalDate.of(2026, 11, 24));
    row.put("dtm", LocalDateTime.of(2026, 11, 24, 23, 59, 59, 999999000));
    row.put("ts", Instant.parse("2026-11-24T10:00:00.125Z"));
    row.put("tm", Duration.ofHours(838).plusMinutes(59).plusSeconds(58).plusNanos(1000));
    row.put("y", 2026);
    row.put("e", "large");
    row.put("st", "red,blue");
    row.put("bt", 5L);
    row.put("j", "{\"a\":1}");
    return row;
  }
}
