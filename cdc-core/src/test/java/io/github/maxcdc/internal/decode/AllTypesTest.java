package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.testing.Decoded;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every column type of recording {@code e_all_types_*} (sql/20_types.sql), in both formats: the
 * typed value, and how far it can be trusted.
 */
class AllTypesTest {
  static final TableId ALL_TYPES = TableId.parse("cdc_types.all_types");

  static List<ChangeEvent> events(StreamFormat format) throws Exception {
    return format == StreamFormat.JSON
        ? Decoded.json("e_all_types_json", ALL_TYPES).events
        : Decoded.avro("e_all_types_avro", ALL_TYPES, 1).events;
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** JSON sends non-UTF-8 bytes as hex, which could be text: ambiguous there, exact in AVRO. */
  static Fidelity hexSent(StreamFormat format) {
    return format == StreamFormat.JSON ? Fidelity.AMBIGUOUS : Fidelity.EXACT;
  }

  static void check(Row row, String column, Object expected, Fidelity fidelity) {
    Object actual = row.get(column);
    if (expected instanceof byte[] bytes) {
      assertArrayEquals(bytes, (byte[]) actual, column);
    } else {
      assertEquals(expected, actual, column);
    }
    assertEquals(fidelity, row.fidelity(column), column + " fidelity");
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void schemaTypesAndCaveats(StreamFormat format) throws Exception {
    TableSchema schema = events(format).get(0).schema();
    assertEquals(42, schema.size());
    assertEquals(ColumnType.INT, schema.column("c_int_u").orElseThrow().type());
    assertTrue(schema.column("c_int_u").orElseThrow().unsigned());
    assertTrue(schema.column("c_int_u").orElseThrow().has(Caveat.UNSIGNED_WRAPPED));
    assertEquals(ColumnType.TIMESTAMP, schema.column("c_timestamp").orElseThrow().type());
    assertEquals("TIMESTAMP_", schema.column("c_timestamp").orElseThrow().realType());
    assertTrue(schema.column("c_bit64").orElseThrow().isLossy());
    assertTrue(schema.column("c_json").orElseThrow().has(Caveat.NOT_CARRIED));
    assertTrue(schema.column("c_varbinary").orElseThrow().has(Caveat.TRUNCATED_AT_NUL));
    assertTrue(schema.column("c_time6").orElseThrow().has(Caveat.NEGATIVE_TIME_CORRUPTED));
    assertEquals(
        format == StreamFormat.JSON,
        schema.column("c_blob").orElseThrow().has(Caveat.HEX_OR_TEXT_IN_JSON));
    assertTrue(schema.hasLossyColumns());
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void ordinaryRow(StreamFormat format) throws Exception {
    Row r = events(format).get(0).after();
    check(r, "id", 1, Fidelity.EXACT);
    check(r, "c_tinyint", -5, Fidelity.EXACT);
    check(r, "c_tinyint_u", 5, Fidelity.EXACT);
    check(r, "c_smallint", -300, Fidelity.EXACT);
    check(r, "c_smallint_u", 300, Fidelity.EXACT);
    check(r, "c_mediumint", -70000, Fidelity.EXACT);
    check(r, "c_mediumint_u", 70000, Fidelity.EXACT);
    check(r, "c_int", -123456, Fidelity.EXACT);
    check(r, "c_int_u", 123456L, Fidelity.EXACT);
    check(r, "c_bigint", -9876543210L, Fidelity.EXACT);
    check(r, "c_bigint_u", BigInteger.valueOf(9876543210L), Fidelity.EXACT);
    check(r, "c_decimal", new BigDecimal("12345.678901"), Fidelity.REPAIRED);
    check(r, "c_decimal0", new BigDecimal("42"), Fidelity.REPAIRED);
    check(r, "c_float", 3.14f, Fidelity.EXACT);
    check(r, "c_double", 2.718281828459045, Fidelity.EXACT);
    check(r, "c_bool", 1, Fidelity.EXACT);
    check(r, "c_char", "abc", Fidelity.EXACT);
    check(r, "c_varchar", "hello world", Fidelity.EXACT);
    check(r, "c_tinytext", "tiny", Fidelity.EXACT);
    check(r, "c_text", "some text", Fidelity.EXACT);
    check(r, "c_mediumtext", "medium text", Fidelity.EXACT);
    check(r, "c_longtext", "long text", Fidelity.EXACT);
    check(r, "c_tinyblob", hex("00010203"), Fidelity.EXACT);
    check(r, "c_blob", hex("deadbeef"), hexSent(format));
    check(r, "c_mediumblob", hex("cafebabe"), hexSent(format));
    check(r, "c_longblob", hex("0102"), Fidelity.EXACT);
    check(r, "c_binary", "bin".getBytes(), Fidelity.EXACT);
    check(r, "c_varbinary", new byte[0], Fidelity.EXACT); // x'000102FF' cut at its first NUL
    check(r, "c_date", LocalDate.of(2024, 2, 29), Fidelity.EXACT);
    check(r, "c_time", Duration.parse("PT13H45M30S"), Fidelity.EXACT);
    // -838:59:59 arrives as 185:04:05: undetectable, the column carries NEGATIVE_TIME_CORRUPTED
    check(r, "c_time6", Duration.parse("PT185H4M5S"), Fidelity.EXACT);
    check(r, "c_datetime", LocalDateTime.parse("2024-01-02T03:04:05"), Fidelity.EXACT);
    check(r, "c_datetime6", LocalDateTime.parse("2024-01-02T03:04:05.123456"), Fidelity.EXACT);
    check(r, "c_timestamp", Instant.parse("2024-01-02T03:04:05Z"), Fidelity.REPAIRED);
    check(r, "c_timestamp6", Instant.parse("2024-01-02T03:04:05.654321Z"), Fidelity.REPAIRED);
    check(r, "c_year", 2024, Fidelity.EXACT);
    check(r, "c_enum", 2, Fidelity.EXACT);
    check(r, "c_set", 5L, Fidelity.EXACT);
    for (String notCarried : List.of("c_bit1", "c_bit12", "c_bit64", "c_json")) {
      check(r, notCarried, null, Fidelity.UNAVAILABLE);
      assertTrue(!r.isNull(notCarried), notCarried + " is not NULL, only unavailable");
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void minimumRow(StreamFormat format) throws Exception {
    Row r = events(format).get(1).after();
    check(r, "c_tinyint", -128, Fidelity.EXACT);
    check(r, "c_int", Integer.MIN_VALUE, Fidelity.EXACT);
    check(r, "c_int_u", 0L, Fidelity.EXACT);
    check(r, "c_bigint", Long.MIN_VALUE, Fidelity.EXACT);
    check(r, "c_bigint_u", BigInteger.ZERO, Fidelity.EXACT);
    // -99999999999999.999999 arrives as -429493434632704.0: regrouped, fraction lost
    check(r, "c_decimal", new BigDecimal("-100000000000000"), Fidelity.INEXACT);
    check(r, "c_decimal0", new BigDecimal("-99999"), Fidelity.REPAIRED);
    check(r, "c_float", -3.40282e38f, Fidelity.EXACT);
    check(r, "c_double", -Double.MAX_VALUE, Fidelity.EXACT);
    check(r, "c_char", "", Fidelity.EXACT);
    for (String text : List.of("c_tinytext", "c_text", "c_mediumtext", "c_longtext")) {
      check(r, text, "", Fidelity.AMBIGUOUS); // one NUL byte: empty, or a one-NUL text
    }
    for (String blob : List.of("c_tinyblob", "c_blob", "c_mediumblob", "c_longblob")) {
      check(r, blob, new byte[0], Fidelity.AMBIGUOUS);
    }
    check(r, "c_binary", new byte[0], Fidelity.EXACT); // eight zero bytes, padding stripped
    check(r, "c_date", LocalDate.of(1000, 1, 1), Fidelity.EXACT);
    check(r, "c_time", Duration.ZERO, Fidelity.EXACT);
    check(r, "c_time6", Duration.ofNanos(1000), Fidelity.EXACT);
    check(r, "c_timestamp", Instant.ofEpochSecond(1), Fidelity.REPAIRED);
    check(r, "c_year", 1901, Fidelity.EXACT);
    check(r, "c_enum", 1, Fidelity.EXACT);
    check(r, "c_set", 0L, Fidelity.EXACT);
    check(r, "c_json", null, Fidelity.UNAVAILABLE);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void maximumRow(StreamFormat format) throws Exception {
    Row r = events(format).get(2).after();
    check(r, "c_tinyint_u", 255, Fidelity.EXACT);
    check(r, "c_smallint_u", 65535, Fidelity.EXACT);
    check(r, "c_mediumint_u", 16777215, Fidelity.EXACT);
    check(r, "c_int_u", 4294967295L, Fidelity.REPAIRED);
    check(r, "c_bigint", Long.MAX_VALUE, Fidelity.EXACT);
    check(r, "c_bigint_u", new BigInteger("18446744073709551615"), Fidelity.REPAIRED);
    check(r, "c_decimal", new BigDecimal("100000000000000"), Fidelity.INEXACT);
    check(r, "c_decimal0", new BigDecimal("99999"), Fidelity.REPAIRED);
    check(r, "c_varchar", "x".repeat(255), Fidelity.EXACT);
    check(r, "c_text", "T".repeat(1000), Fidelity.EXACT);
    check(r, "c_tinyblob", hex("ff"), hexSent(format));
    check(r, "c_blob", hex("fffe"), hexSent(format));
    check(r, "c_binary", hex("ffffffffffffffff"), hexSent(format));
    check(r, "c_varbinary", hex("ff"), hexSent(format));
    check(r, "c_date", LocalDate.of(9999, 12, 31), Fidelity.EXACT);
    check(r, "c_time", Duration.parse("PT838H59M59S"), Fidelity.EXACT);
    check(r, "c_time6", Duration.parse("PT838H59M59.999999S"), Fidelity.EXACT);
    check(r, "c_datetime6", LocalDateTime.parse("9999-12-31T23:59:59.999999"), Fidelity.EXACT);
    check(r, "c_timestamp6", Instant.parse("2038-01-19T03:14:07.999999Z"), Fidelity.REPAIRED);
    check(r, "c_year", 2155, Fidelity.EXACT);
    check(r, "c_enum", 3, Fidelity.EXACT);
    check(r, "c_set", 7L, Fidelity.EXACT);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void nullRowAndUnicodeRow(StreamFormat format) throws Exception {
    List<ChangeEvent> events = events(format);
    Row nulls = events.get(3).after();
    for (int i = 1; i < nulls.size(); i++) {
      assertTrue(nulls.isNull(i), nulls.schema().column(i).name());
      assertNull(nulls.get(i));
    }
    Row r = events.get(4).after();
    check(r, "c_char", "çà€", Fidelity.EXACT);
    check(
        r, "c_varchar", "Grüße, 日本語, emoji 😀, quote \" backslash \\ tab \t nl \n", Fidelity.EXACT);
    check(r, "c_text", "ligne1\r\nligne2", Fidelity.EXACT);
    check(r, "c_blob", hex("00ff00ff"), hexSent(format));
    check(r, "c_json", null, Fidelity.UNAVAILABLE);
    check(r, "c_enum", 1, Fidelity.EXACT);
    check(r, "c_set", 2L, Fidelity.EXACT);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void updateAndDelete(StreamFormat format) throws Exception {
    List<ChangeEvent> events = events(format);
    Update update = assertInstanceOf(Update.class, events.get(5));
    assertEquals(events.get(0).after().asMap().keySet(), update.before().asMap().keySet());
    check(update.before(), "c_int", -123456, Fidelity.EXACT);
    check(update.after(), "c_int", -123455, Fidelity.EXACT);
    check(update.after(), "c_varchar", "updated", Fidelity.EXACT);
    check(
        update.after(),
        "c_datetime6",
        LocalDateTime.parse("2025-06-30T12:00:00.000001"),
        Fidelity.EXACT);
    check(update.after(), "c_bit12", null, Fidelity.UNAVAILABLE);
    assertEquals(4, events.get(6).before().getInt("id"));
  }
}
