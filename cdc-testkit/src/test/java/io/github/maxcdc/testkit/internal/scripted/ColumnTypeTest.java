package io.github.maxcdc.testkit.internal.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.internal.avro.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

  @Test
  void parsesNamesArgumentsAndAttributes() {
    assertEquals(
        new ColumnType("DECIMAL", List.of("10", "2"), false), ColumnType.parse("DECIMAL(10,2)"));
    assertEquals(
        new ColumnType("int", List.of("11"), true),
        ColumnType.parse(" int(11) unsigned zerofill "));
    assertEquals(
        new ColumnType("ENUM", List.of("a'b", "c,d", ""), false),
        ColumnType.parse("ENUM('a''b','c,d','')"));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("INT PRIMARY KEY"));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("ENUM('a"));
    assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("(1)"));
  }

  @Test
  void resolvesAvroTypesAndRealTypesAsInTheRecordings() {
    assertEquals(FieldType.Kind.INT, ResolvedType.of(ColumnType.parse("INT UNSIGNED")).avroKind());
    assertEquals(FieldType.Kind.LONG, ResolvedType.of(ColumnType.parse("BIGINT")).avroKind());
    assertEquals(FieldType.Kind.BYTES, ResolvedType.of(ColumnType.parse("BINARY(4)")).avroKind());
    assertEquals(
        FieldType.Kind.STRING, ResolvedType.of(ColumnType.parse("VARBINARY(4)")).avroKind());
    assertEquals(FieldType.Kind.DOUBLE, ResolvedType.of(ColumnType.parse("DECIMAL")).avroKind());
    assertEquals("TIMESTAMP_", ResolvedType.of(ColumnType.parse("TIMESTAMP(6)")).realType());
    assertEquals("BOOLEAN", ResolvedType.of(ColumnType.parse("BOOLEAN")).realType());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ResolvedType.of(ColumnType.parse("DECIMAL(5,6)")))
            .getMessage()
            .contains("DECIMAL(5,6)"));
  }

  @Test
  void maxScaleDecimalMatchesTheRecordedValues() {
    assertEquals(
        429493434632704.0,
        MaxScaleDecimal.toDouble(new java.math.BigDecimal("99999999999999.999999"), 20, 6));
    assertEquals(
        12345.678901, MaxScaleDecimal.toDouble(new java.math.BigDecimal("12345.678901"), 20, 6));
    assertEquals(-99999.0, MaxScaleDecimal.toDouble(new java.math.BigDecimal("-99999"), 5, 0));
    assertEquals(0.5, MaxScaleDecimal.toDouble(new java.math.BigDecimal("0.50"), 2, 2));
  }
}
