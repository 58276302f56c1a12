package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * MaxScale's conversions beyond the recorded values, derived from its source: fraction digits, zero
 * dates, YEAR, two-byte ENUM/SET, DECIMAL groups, the TIME2 offset bug, names.
 */
class TypeConversionTest {

  private static String convert(String type, Object value) throws IOException {
    return convert(type, value, ZoneId.of("UTC"));
  }

  private static String convert(String type, Object value, ZoneId zone) throws IOException {
    try (FakeMaxScale server = FakeMaxScale.builder().timeZone(zone).build()) {
      ScriptedTable t =
          server.createTable("db", "t", TableDefinition.builder().column("c", type).build());
      Map<String, Object> row = new HashMap<>();
      row.put("c", value);
      t.insert(row);
      return JsonStream.field(JsonStream.lines(server, "db.t", 2).get(1), "c");
    }
  }

  @Test
  void oddFractionPrecisionsGetSevenDigits() throws IOException {
    assertEquals("\"14:40:59.5140000\"", convert("TIME(3)", LocalTime.parse("14:40:59.514")));
    assertEquals("\"14:40:59.510000\"", convert("TIME(2)", LocalTime.parse("14:40:59.514")));
    assertEquals(
        "\"2024-01-02 03:04:05.5000000\"",
        convert("DATETIME(1)", LocalDateTime.parse("2024-01-02T03:04:05.56")));
    assertEquals(
        "\"2024-01-02 03:04:05.1234500\"",
        convert("TIMESTAMP(5)", Instant.parse("2024-01-02T03:04:05.1234567Z")));
    assertEquals(
        "\"2024-01-02 03:04:05.123456\"",
        convert("DATETIME(6)", LocalDateTime.parse("2024-01-02T03:04:05.123456789")));
  }

  @Test
  void negativeTimesComeOutWrong() throws IOException {
    assertEquals("\"185:04:05\"", convert("TIME", Duration.parse("-PT838H59M59S")));
    assertEquals("\"1023:63:62.60536000\"", convert("TIME(3)", Duration.parse("-PT1.5S")));
    // -0.000001 is stored as 0x7FFFFF FFFFFF: every field overflows.
    assertEquals("\"1023:63:63.16777215\"", convert("TIME(6)", Duration.ofNanos(-1000)));
  }

  @Test
  void timestampsAreRenderedInMaxScalesZone() throws IOException {
    Instant t = Instant.parse("2024-07-01T12:00:00Z");
    assertEquals("\"2024-07-01 14:00:00\"", convert("TIMESTAMP", t, ZoneId.of("Europe/Paris")));
    assertEquals("\"0-00-00 00:00:00\"", convert("TIMESTAMP", Instant.EPOCH));
    assertEquals("\"0-00-00 00:00:00.000000\"", convert("TIMESTAMP(6)", Instant.EPOCH));
    // is_zero_date() looks at local time: one hour after the epoch is "zero" one hour west of UTC.
    assertEquals(
        "\"0-00-00 00:00:00\"",
        convert("TIMESTAMP", Instant.ofEpochSecond(3600), ZoneId.of("-01:00")));
    assertThrows(
        IllegalArgumentException.class,
        () -> convert("TIMESTAMP", Instant.parse("2038-01-19T03:14:08Z")));
  }

  @Test
  void yearsAreOffsetsFrom1900() throws IOException {
    assertEquals("\"1900\"", convert("YEAR", 0));
    assertEquals("\"2024\"", convert("YEAR", 24));
    assertEquals("\"1999\"", convert("YEAR", 99));
    assertThrows(IllegalArgumentException.class, () -> convert("YEAR", 1900));
  }

  @Test
  void enumAndSetAreStorageBytesInUpperCaseHex() throws IOException {
    List<String> many = IntStream.rangeClosed(1, 300).mapToObj(i -> "v" + i).toList();
    String members = many.stream().map(m -> "'" + m + "'").collect(Collectors.joining(","));
    assertEquals("\"0201\"", convert("ENUM(" + members + ")", "v258"));
    assertEquals("\"0A00\"", convert("ENUM(" + members + ")", 10)); // two bytes past 255 members
    assertEquals("\"0002\"", convert("SET('a','b','c','d','e','f','g','h','i','j')", "j"));
    assertEquals("\"0A\"", convert("SET('a','b','c','d')", List.of("b", "d")));
    assertEquals("\"00\"", convert("SET('a')", ""));
  }

  @Test
  void decimalGroupsAreShiftedAndLongFractionsLost() throws IOException {
    assertEquals("1.3160493798499999", convert("DECIMAL(12,11)", new BigDecimal("1.12345678901")));
    assertEquals(
        "1.4846795749467896e18",
        convert("DECIMAL(30,0)", new BigDecimal("123456789012345678901234567890")));
    assertEquals("1.0", convert("DECIMAL(30,20)", new BigDecimal("1.5")));
    assertEquals("-0.5", convert("DECIMAL(3,1)", "-0.5"));
    assertEquals("2.0", convert("DECIMAL(3,0)", 1.5));
  }

  @Test
  void integersAndBitsAndJson() throws IOException {
    assertEquals("-1", convert("INT UNSIGNED", 4294967295L));
    assertEquals("-2", convert("INT(10) UNSIGNED ZEROFILL", 4294967294L));
    assertEquals("16777215", convert("MEDIUMINT UNSIGNED", 16777215));
    assertEquals("\"\"", convert("BIT(3)", 5L));
    assertEquals("\"\"", convert("JSON", "{\"a\": 1}"));
    assertThrows(IllegalArgumentException.class, () -> convert("JSON", "{nope"));
    assertThrows(IllegalArgumentException.class, () -> convert("TINYINT UNSIGNED", 256));
    assertThrows(IllegalArgumentException.class, () -> convert("BIT(3)", 8L));
  }

  @Test
  void stringsAndBinaries() throws IOException {
    assertEquals("\"\\u0000\\u0001\"", convert("BINARY(4)", new byte[] {0, 1}));
    assertEquals("\"ab\"", convert("VARCHAR(10)", "ab\0cd"));
    assertEquals("\"ab\"", convert("CHAR(5)", "ab   "));
    assertEquals("\"\\u0000\"", convert("TEXT", ""));
    assertEquals("\"c3\"", convert("BLOB", new byte[] {(byte) 0xC3}));
    assertEquals("\"é\\u001F/\"", convert("VARBINARY(8)", "é\u001F/"));
    assertThrows(IllegalArgumentException.class, () -> convert("VARCHAR(2)", "abc"));
  }

  @Test
  void schemaLineUsesMaxScalesNames() throws IOException {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable(
              "db",
              "t",
              TableDefinition.builder()
                  .column("timestamp", "timestamp(3)")
                  .column("prix-ttc", "Decimal(5,2) unsigned")
                  .build());
      t.insert(Map.of("prix-ttc", 1));
      List<String> lines = JsonStream.lines(server, "db.t", 2);
      assertTrue(
          lines
              .get(0)
              .endsWith(
                  "{\"name\":\"timestamp_\",\"type\":[\"null\",\"string\"],\"real_type\":"
                      + "\"timestamp_\",\"length\":-1,\"unsigned\":false},{\"name\":\"prix_ttc\",\"type\":[\"null\","
                      + "\"double\"],\"real_type\":\"Decimal\",\"length\":-1,\"unsigned\":true}]}"),
          lines.get(0));
      assertTrue(lines.get(1).endsWith("\"timestamp_\": null, \"prix_ttc\": 1.0}"), lines.get(1));
    }
  }

  @Test
  void unsupportedTypesAndValuesAreRefusedWithTheColumnName() {
    assertThrows(
        IllegalArgumentException.class, () -> TableDefinition.builder().column("g", "GEOMETRY"));
    assertThrows(
        IllegalArgumentException.class, () -> TableDefinition.builder().column("v", "VARCHAR"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TableDefinition.builder().column("v", "INT NOT NULL"));
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable("db", "t", TableDefinition.builder().column("d", "DATE").build());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> t.insert(Map.of("d", "2024-01-01")));
      assertTrue(
          e.getMessage().contains("'d'") && e.getMessage().contains("LocalDate"), e.getMessage());
    }
  }
}
