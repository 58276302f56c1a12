package io.github.maxcdc.kafka.internal.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.archive.internal.SchemaLines;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.position.Gtid;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Envelopes written by {@link EnvelopeWriter} read back into the same events (golden): every column
 * type from a fake MaxScale in both formats, an update that changes its key (a delete then an
 * insert, in that order), untrusted values with their fidelity. Malformed envelopes are refused
 * saying what was expected.
 */
class EnvelopeReaderTest {
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

  final EnvelopeWriter writer = new EnvelopeWriter();

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void everyTypeReadsBackIntoTheSameEvent(StreamFormat format) throws Exception {
    List<ChangeEvent> events = stream(format);
    assertEquals(4, events.size());
    for (ChangeEvent event : events) {
      TableSchema schema =
          SchemaLines.decode(EnvelopeReader.json(EnvelopeWriter.schemaValue(event.schema())));
      assertEquals(event.schema(), schema, "the schema record carries the whole schema");
      List<EnvelopeRecord> records = writer.encode(event, List.of(event.schema().column(0)), 1L);
      assertEquals(1, records.size());
      Envelope envelope = EnvelopeReader.parse(records.get(0).value());
      ChangeEvent back = EnvelopeReader.event(envelope, schema, "t-0:1");
      assertEquals(event.type(), back.type());
      assertEquals(event.position().withSourceOffset("t-0:1"), back.position());
      assertEquals(event.eventNumber(), back.eventNumber());
      assertEquals(event.timestamp(), back.timestamp());
      assertSameRow(event.before(), back.before(), format + " " + event.type() + " before");
      assertSameRow(event.after(), back.after(), format + " " + event.type() + " after");
      assertEquals(
          text(records.get(0).value()),
          text(writer.encode(back, List.of(schema.column(0)), 1L).get(0).value()),
          "writing the event read gives the same envelope");
    }
  }

  @Test
  void anUpdateOfTheKeyComesBackAsADeleteThenAnInsertInThatOrder() throws Exception {
    ChangeEvent update =
        stream(StreamFormat.JSON).stream().filter(e -> e instanceof Update).findFirst().get();
    Row before = update.before();
    Object[] values = new Object[before.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = update.after().get(i);
    }
    values[0] = 99;
    Row moved = Row.of(update.schema(), values, values, null);
    Update keyChange =
        new Update(
            update.schema(),
            update.gtid(),
            update.eventNumber(),
            update.position().eventNumber(),
            update.timestamp(),
            before,
            moved);
    List<EnvelopeRecord> records = writer.encode(keyChange, List.of(update.schema().column(0)), 1L);
    Envelope delete = EnvelopeReader.parse(records.get(0).value());
    Envelope insert = EnvelopeReader.parse(records.get(1).value());
    assertTrue(delete.order().compareTo(insert.order()) < 0, "the delete comes first");
    ChangeEvent d = EnvelopeReader.event(delete, update.schema(), null);
    ChangeEvent c = EnvelopeReader.event(insert, update.schema(), null);
    assertTrue(d instanceof Delete && c instanceof Insert);
    assertEquals(update.eventNumber(), d.position().eventNumber());
    assertEquals(update.position(), c.position(), "the insert ends where the update ended");
    assertEquals(99, c.after().get(0));
  }

  @Test
  void decimalsKeepTheirScaleAndDigits() {
    TableSchema schema = EnvelopeWriterTest.SCHEMA;
    Object[] values = {
      7,
      "B",
      new BigDecimal("12345678901234567.50"),
      "X",
      LocalDateTime.parse("2023-11-14T22:15:01"),
      null
    };
    Row row = Row.of(schema, values, values, null);
    ChangeEvent insert = new Insert(schema, Gtid.parse("0-1-7"), 1, EnvelopeWriterTest.COMMIT, row);
    byte[] value = writer.encode(insert, List.of(schema.column(0)), 1L).get(0).value();
    ChangeEvent back = EnvelopeReader.event(EnvelopeReader.parse(value), schema, null);
    assertEquals(new BigDecimal("12345678901234567.50"), back.after().get(2));
  }

  @Test
  void untrustedValuesKeepTheirFidelity() throws Exception {
    ChangeEvent insert = stream(StreamFormat.JSON).get(0);
    TableSchema schema = insert.schema();
    Object[] values = new Object[schema.size()];
    Fidelity[] fidelity = new Fidelity[schema.size()];
    Arrays.fill(fidelity, Fidelity.EXACT);
    for (int i = 0; i < values.length; i++) {
      values[i] = insert.after().get(i);
    }
    int d = schema.indexOf("d");
    fidelity[d] = Fidelity.INEXACT;
    Row row = Row.of(schema, values, values, fidelity);
    ChangeEvent flagged = new Insert(schema, insert.gtid(), 1, insert.timestamp(), row);
    byte[] value = writer.encode(flagged, List.of(schema.column(0)), 1L).get(0).value();
    ChangeEvent back = EnvelopeReader.event(EnvelopeReader.parse(value), schema, null);
    assertEquals(Fidelity.INEXACT, back.after().fidelity(d));
    assertEquals(Fidelity.EXACT, back.after().fidelity(0));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | expected a JSON object",
        "{\"domain\":0} | expected an envelope of maxcdc publish",
        "{\"source\":{\"connector\":\"debezium\"}} | expected an envelope of maxcdc publish",
        "{\"op\":\"c\",\"source\":{\"connector\":\"maxcdc\",\"db\":\"d\",\"table\":\"t\","
            + "\"gtid\":\"0-1-1\",\"event_number\":1,\"position\":\"0-1-2:1\"}}"
            + " | source.position 0-1-2:1 is not at or after event 1 of transaction 0-1-1",
        "{\"op\":\"x\",\"source\":{\"connector\":\"maxcdc\",\"db\":\"d\",\"table\":\"t\","
            + "\"gtid\":\"0-1-1\",\"event_number\":1,\"position\":\"0-1-1:1\"}}"
            + " | expected \"op\" c, u or d",
        "{\"op\":\"c\",\"before\":null,\"after\":null,\"source\":{\"connector\":\"maxcdc\","
            + "\"db\":\"d\",\"table\":\"t\",\"gtid\":\"0-1-1\",\"event_number\":1,"
            + "\"position\":\"0-1-1:1\"}} | op \"c\" needs a \"after\" row image",
      })
  void refusesWhatIsNotAnEnvelopeSayingWhatItExpected(String value, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EnvelopeReader.parse(value.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
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
          column + ": " + expected.get(i) + " became " + actual.get(i));
      assertEquals(expected.isNull(i), actual.isNull(i), column);
      Fidelity f = expected.fidelity(i);
      assertEquals(f == Fidelity.REPAIRED ? Fidelity.EXACT : f, actual.fidelity(i), column);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
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
