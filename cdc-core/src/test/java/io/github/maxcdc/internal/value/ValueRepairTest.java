package io.github.maxcdc.internal.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value repair, one column type at a time, for the forms MaxScale sends. */
class ValueRepairTest {

  static Row convert(String realType, boolean unsigned, Object raw, ZoneId zone) {
    ColumnType type = ColumnType.fromRealType(realType);
    TableSchema schema =
        new TableSchema(
            TableId.parse("db.t"),
            1,
            null,
            List.of(
                new Column(
                    "c",
                    0,
                    type,
                    realType,
                    unsigned,
                    WireType.STRING,
                    Caveats.of(type, unsigned, true))),
            true);
    return new RowConverter(schema, zone).toRow(new Object[] {raw});
  }

  static Row convert(String realType, Object raw) {
    return convert(realType, false, raw, ZoneOffset.UTC);
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    // MaxScale prints TIME(3)/TIMESTAMP(3)/DATETIME(3) (and 1, 5) with 7 fraction digits
    "TIME, 14:40:59.5140000, PT14H40M59.514S, EXACT",
    "TIME, 14:40:59.5000000, PT14H40M59.5S, EXACT",
    "TIME, 14:40:59.51, PT14H40M59.51S, EXACT",
    "TIME, 838:59:59.999999, PT838H59M59.999999S, EXACT",
    "TIME, 185:04:05.000000, PT185H4M5S, EXACT",
    "TIME, 1022:63:64, PT1023H4M4S, CORRUPT",
    "TIME, 10:60:00, PT11H, CORRUPT"
  })
  void times(String type, String raw, String expected, Fidelity fidelity) {
    Row row = convert(type, raw);
    assertEquals(Duration.parse(expected), row.get(0));
    assertEquals(fidelity, row.fidelity(0));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    "DATETIME, 2024-01-02 03:04:05.1230000, 2024-01-02T03:04:05.123, EXACT",
    "DATETIME, 999-01-01 00:00:00, 0999-01-01T00:00, EXACT",
    "DATE, 2024-02-29, 2024-02-29, EXACT",
    "DATE, 999-12-31, 0999-12-31, EXACT"
  })
  void datesAndDateTimes(String type, String raw, String expected, Fidelity fidelity) {
    Row row = convert(type, raw);
    Object value = row.get(0);
    assertEquals(expected, value.toString());
    assertEquals(fidelity, row.fidelity(0));
  }

  @ParameterizedTest
  @CsvSource({
    "DATE, 0-00-00",
    "DATE, 2024-00-00",
    "DATETIME, 0-00-00 00:00:00",
    "TIMESTAMP_, 0-00-00 00:00:00"
  })
  void zeroDatesAreFlaggedNotNull(String type, String raw) {
    Row row = convert(type, raw);
    assertEquals(null, row.get(0));
    assertEquals(Fidelity.ZERO_DATE, row.fidelity(0));
    assertTrue(!row.isNull(0));
    assertEquals(raw, row.raw(0));
  }

  @Test
  void timestampsUseTheServerZone() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    Row winter = convert("TIMESTAMP_", false, "2024-01-15 10:00:00", paris);
    assertEquals(Instant.parse("2024-01-15T09:00:00Z"), winter.get(0));
    assertEquals(Fidelity.REPAIRED, winter.fidelity(0));
    // 02:30 happens twice on 2024-10-27 in Paris: MaxScale's text cannot tell which
    Row overlap = convert("TIMESTAMP_", false, "2024-10-27 02:30:00", paris);
    assertEquals(Fidelity.INEXACT, overlap.fidelity(0));
    Row utc = convert("TIMESTAMP_", false, "2024-10-27 02:30:00.5140000", ZoneOffset.UTC);
    assertEquals(Instant.parse("2024-10-27T02:30:00.514Z"), utc.get(0));
  }

  @Test
  void yearZeroIsPrintedAs1900() {
    assertEquals(0, convert("YEAR", "1900").get(0));
    assertEquals(Fidelity.REPAIRED, convert("YEAR", "1900").fidelity(0));
    assertEquals(1901, convert("YEAR", "1901").get(0));
    assertEquals(Fidelity.EXACT, convert("YEAR", "2155").fidelity(0));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
    "300.99000000000001, 300.99, REPAIRED",
    // MaxScale's integer + fraction / 10^scale, one ulp off the nearest double of the decimal
    "1.1400000000000001, 1.14, REPAIRED",
    "1.5699999999999998, 1.57, REPAIRED",
    "-1.3599999999999999, -1.36, REPAIRED",
    "75.0, 75, REPAIRED",
    "-0.10000000000000001, -0.1, REPAIRED",
    "99999999.989999995, 99999999.99, REPAIRED",
    "12345.678900999999, 12345.678901, REPAIRED",
    "0.30000000000000004, 0.30000000000000004, INEXACT",
    "1e-7, 0.0000001, REPAIRED",
    "429493434632704.0, 100000000000000, INEXACT",
    "4294967296.0, 1000000000, INEXACT",
    "-21474836480.5, -5000000000.5, INEXACT"
  })
  void decimals(double raw, String expected, Fidelity fidelity) {
    Row row = convert("DECIMAL", raw);
    assertEquals(new BigDecimal(expected), row.get(0));
    assertEquals(fidelity, row.fidelity(0));
  }

  @Test
  void unsignedWrapAround() {
    assertEquals(4294967295L, convert("INT", true, -1L, ZoneOffset.UTC).get(0));
    assertEquals(2147483648L, convert("INT", true, -2147483648L, ZoneOffset.UTC).get(0));
    assertEquals(Fidelity.REPAIRED, convert("INT", true, -1L, ZoneOffset.UTC).fidelity(0));
    assertEquals(
        new BigInteger("9223372036854775808"),
        convert("BIGINT", true, Long.MIN_VALUE, ZoneOffset.UTC).get(0));
    assertEquals(Fidelity.CORRUPT, convert("TINYINT", false, 300L, ZoneOffset.UTC).fidelity(0));
    assertEquals(255, convert("TINYINT", true, 255, ZoneOffset.UTC).get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // 1-byte and 2-byte (little-endian, binlog order) ENUM indexes and SET bitmasks
    "ENUM, 02, 2",
    "ENUM, 00, 0",
    "ENUM, 0201, 258",
    "SET, 05, 5",
    "SET, 0001, 256",
    "SET, ffffffffffffffff, -1"
  })
  void enumsAndSets(String type, String raw, long expected) {
    Object value = convert(type, raw).get(0);
    assertEquals(expected, ((Number) value).longValue());
  }

  @Test
  void binaryInJsonIsTextUnlessOnlyHexCanExplainIt() {
    // valid UTF-8 after hex decoding: MaxScale would have sent those bytes, so this is text
    Row text = convert("BLOB", "0102");
    assertArrayEquals("0102".getBytes(), (byte[]) text.get(0));
    assertEquals(Fidelity.EXACT, text.fidelity(0));
    Row hex = convert("BLOB", "c3");
    assertArrayEquals(new byte[] {(byte) 0xc3}, (byte[]) hex.get(0));
    assertEquals(Fidelity.AMBIGUOUS, hex.fidelity(0));
    Row odd = convert("VARBINARY", "abc");
    assertArrayEquals("abc".getBytes(), (byte[]) odd.get(0));
    Row raw = convert("BLOB", new byte[] {0});
    assertArrayEquals(new byte[0], (byte[]) raw.get(0));
    assertEquals(Fidelity.AMBIGUOUS, raw.fidelity(0));
    Row binaryNul = convert("BINARY", new byte[] {0});
    assertArrayEquals(new byte[] {0}, (byte[]) binaryNul.get(0));
  }

  @Test
  void textInAnotherCharacterSetIsFlagged() {
    Row latin1 = convert("TEXT", new byte[] {(byte) 0xe9});
    assertEquals(Fidelity.CORRUPT, latin1.fidelity(0));
  }

  @Test
  void notCarriedTypes() {
    assertEquals(Fidelity.UNAVAILABLE, convert("BIT", "").fidelity(0));
    assertEquals(Fidelity.UNAVAILABLE, convert("JSON", "").fidelity(0));
    assertEquals(
        "{\"a\":1}", convert("JSON", "{\"a\":1}").get(0)); // a later MaxScale that carries it
  }

  @Test
  void malformedValuesNameTheColumnNotTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> convert("DATE", "secret-value"));
    assertTrue(e.getMessage().contains("column 'c'"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret"), e.getMessage());
  }
}
