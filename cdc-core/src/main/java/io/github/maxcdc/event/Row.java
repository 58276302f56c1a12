package io.github.maxcdc.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row image (before or after a change): for each column of its {@link TableSchema}, the typed
 * value ({@link #get(int)}, see {@link ColumnType} for the Java types), the value exactly as
 * MaxScale sent it ({@link #raw(int)}) and how far the typed value can be trusted ({@link
 * #fidelity(int)}).
 *
 * <p>Immutable and thread-safe; {@code byte[]} values are copied on the way in and out. SQL NULL is
 * a null typed value with {@link #isNull(int)} true; a null typed value can also mean the value is
 * {@link Fidelity#UNAVAILABLE} or a {@link Fidelity#ZERO_DATE}, which {@code isNull} tells apart.
 */
public final class Row {
  private static final Fidelity[] FIDELITIES = Fidelity.values();

  private final TableSchema schema;
  private final Object[] values;
  private final Object[] raw;
  // null when every value is EXACT, the common case
  private final byte[] fidelity;

  private Row(TableSchema schema, Object[] values, Object[] raw, byte[] fidelity) {
    this.schema = schema;
    this.values = values;
    this.raw = raw;
    this.fidelity = fidelity;
  }

  /**
   * Creates a row. The arrays are copied.
   *
   * @param schema the schema the values follow, not null
   * @param values typed values, one per column, of the Java types {@link ColumnType} lists
   * @param raw values as sent by the source, one per column
   * @param fidelity fidelity of each typed value, or null if all are {@link Fidelity#EXACT}
   * @throws IllegalArgumentException if an array's length differs from the number of columns
   */
  public static Row of(TableSchema schema, Object[] values, Object[] raw, Fidelity[] fidelity) {
    Objects.requireNonNull(schema, "schema");
    checkLength(schema, values, "values");
    checkLength(schema, raw, "raw");
    byte[] codes = null;
    if (fidelity != null) {
      checkLength(schema, fidelity, "fidelity");
      for (int i = 0; i < fidelity.length; i++) {
        Fidelity f = fidelity[i];
        if (f == null) {
          // the message is built only on failure: this loop runs for every decoded row
          throw new NullPointerException("fidelity[" + i + "]");
        }
        if (f != Fidelity.EXACT) {
          if (codes == null) {
            codes = new byte[fidelity.length];
          }
          codes[i] = (byte) f.ordinal();
        }
      }
    }
    return new Row(schema, copyValues(values), copyValues(raw), codes);
  }

  private static void checkLength(TableSchema schema, Object[] array, String what) {
    Objects.requireNonNull(array, what);
    if (array.length != schema.size()) {
      throw new IllegalArgumentException(
          what
              + " has "
              + array.length
              + " elements but "
              + schema.table()
              + " v"
              + schema.version()
              + " has "
              + schema.size()
              + " columns");
    }
  }

  private static Object[] copyValues(Object[] source) {
    Object[] copy = source.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] instanceof byte[] bytes) {
        copy[i] = bytes.clone();
      }
    }
    return copy;
  }

  private static Object out(Object value) {
    return value instanceof byte[] bytes ? bytes.clone() : value;
  }

  /** The schema of this row. */
  public TableSchema schema() {
    return schema;
  }

  /** Number of columns. */
  public int size() {
    return values.length;
  }

  /** The typed value of column {@code index}; null for SQL NULL (see {@link #isNull(int)}). */
  public Object get(int index) {
    return out(values[index]);
  }

  /**
   * The typed value of the column named {@code column}.
   *
   * @throws IllegalArgumentException if the schema has no such column
   */
  public Object get(String column) {
    return get(schema.indexOf(column));
  }

  /** Whether column {@code index} is SQL NULL. */
  public boolean isNull(int index) {
    return raw[index] == null;
  }

  /** Whether the column named {@code column} is SQL NULL. */
  public boolean isNull(String column) {
    return isNull(schema.indexOf(column));
  }

  /**
   * The value of column {@code index} exactly as the source sent it: for MaxScale's JSON a {@link
   * Long}, {@link Double} or {@link String}; for AVRO an {@link Integer}, {@link Long}, {@link
   * Float}, {@link Double}, {@link String} or {@code byte[]}; null for SQL NULL; {@link
   * io.github.maxcdc.spi.SourceItem#ABSENT} for a value the record left out (then of {@link
   * Fidelity#UNAVAILABLE} fidelity).
   */
  public Object raw(int index) {
    return out(raw[index]);
  }

  /** The raw value of the column named {@code column}, see {@link #raw(int)}. */
  public Object raw(String column) {
    return raw(schema.indexOf(column));
  }

  /** How far the typed value of column {@code index} can be trusted. */
  public Fidelity fidelity(int index) {
    return fidelity == null ? Fidelity.EXACT : FIDELITIES[fidelity[index]];
  }

  /** How far the typed value of the column named {@code column} can be trusted. */
  public Fidelity fidelity(String column) {
    return fidelity(schema.indexOf(column));
  }

  /** Whether every typed value is {@link Fidelity#isTrustworthy() trustworthy}. */
  public boolean isTrustworthy() {
    for (int i = 0; i < values.length; i++) {
      if (!fidelity(i).isTrustworthy()) {
        return false;
      }
    }
    return true;
  }

  /** The String value of a text column (CHAR, VARCHAR, TEXT types), or null. */
  public String getString(String column) {
    return as(schema.indexOf(column), String.class, "getString");
  }

  /** The String value of column {@code index}, see {@link #getString(String)}. */
  public String getString(int index) {
    return as(index, String.class, "getString");
  }

  /** An integer value (Integer, Long or BigInteger column) as a long, or null. */
  public Long getLong(String column) {
    return getLong(schema.indexOf(column));
  }

  /**
   * An integer value of column {@code index} as a long, or null.
   *
   * @throws ArithmeticException if a BIGINT UNSIGNED value is above Long.MAX_VALUE
   */
  public Long getLong(int index) {
    Object value = values[index];
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.longValueExact();
    }
    throw wrongType(index, "getLong");
  }

  /** An integer value that fits an int (Integer column), or null. */
  public Integer getInt(String column) {
    return as(schema.indexOf(column), Integer.class, "getInt");
  }

  /** The Integer value of column {@code index}, or null. */
  public Integer getInt(int index) {
    return as(index, Integer.class, "getInt");
  }

  /** The value of a DECIMAL column, or any integer column, as a BigDecimal, or null. */
  public BigDecimal getBigDecimal(String column) {
    return getBigDecimal(schema.indexOf(column));
  }

  /** The value of column {@code index} as a BigDecimal, see {@link #getBigDecimal(String)}. */
  public BigDecimal getBigDecimal(int index) {
    Object value = values[index];
    if (value == null || value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    throw wrongType(index, "getBigDecimal");
  }

  /** The value of a BIGINT UNSIGNED column, or any integer column, as a BigInteger, or null. */
  public BigInteger getBigInteger(String column) {
    Object value = values[schema.indexOf(column)];
    if (value == null || value instanceof BigInteger) {
      return (BigInteger) value;
    }
    if (value instanceof Integer || value instanceof Long) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    throw wrongType(schema.indexOf(column), "getBigInteger");
  }

  /** The value of a FLOAT or DOUBLE column as a double, or null. */
  public Double getDouble(String column) {
    Object value = values[schema.indexOf(column)];
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    throw wrongType(schema.indexOf(column), "getDouble");
  }

  /** A copy of the bytes of a binary column (BINARY, VARBINARY, BLOB types), or null. */
  public byte[] getBytes(String column) {
    byte[] bytes = as(schema.indexOf(column), byte[].class, "getBytes");
    return bytes == null ? null : bytes.clone();
  }

  /** The value of a DATE column, or null. */
  public LocalDate getLocalDate(String column) {
    return as(schema.indexOf(column), LocalDate.class, "getLocalDate");
  }

  /** The value of a DATETIME column, or null. */
  public LocalDateTime getLocalDateTime(String column) {
    return as(schema.indexOf(column), LocalDateTime.class, "getLocalDateTime");
  }

  /** The value of a TIMESTAMP column, or null. */
  public Instant getInstant(String column) {
    return as(schema.indexOf(column), Instant.class, "getInstant");
  }

  /** The value of a TIME column (which may exceed 24 hours), or null. */
  public Duration getDuration(String column) {
    return as(schema.indexOf(column), Duration.class, "getDuration");
  }

  private <T> T as(int index, Class<T> type, String getter) {
    Object value = values[index];
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw wrongType(index, getter);
  }

  private IllegalStateException wrongType(int index, String getter) {
    Column column = schema.column(index);
    return new IllegalStateException(
        getter
            + " cannot read column '"
            + column.name()
            + "' of "
            + schema.table()
            + ": it is "
            + column.type()
            + " and its values are "
            + values[index].getClass().getSimpleName()
            + " (see ColumnType for the Java type of each column type)");
  }

  /**
   * The typed values by column name, in column order; an unmodifiable copy ({@code byte[]} values
   * copied).
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(schema.column(i).name(), out(values[i]));
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Row r
        && r.schema.columns().equals(schema.columns())
        && Arrays.deepEquals(r.values, values)
        && sameFidelity(r);
  }

  private boolean sameFidelity(Row other) {
    for (int i = 0; i < values.length; i++) {
      if (fidelity(i) != other.fidelity(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  /** Renders {@code {name=value, ...}}, bytes in hex, long values cut, flags after the value. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(schema.column(i).name()).append('=');
      Object value = values[i];
      String text =
          value instanceof byte[] bytes
              ? "0x" + HexFormat.of().formatHex(bytes)
              : String.valueOf(value);
      out.append(text.length() > 80 ? text.substring(0, 77) + "..." : text);
      if (fidelity(i) != Fidelity.EXACT) {
        out.append(" (").append(fidelity(i).name().toLowerCase(java.util.Locale.ROOT)).append(')');
      }
    }
    return out.append('}').toString();
  }
}
