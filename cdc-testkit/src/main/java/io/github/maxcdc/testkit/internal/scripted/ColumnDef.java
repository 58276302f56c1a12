package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One column of a scripted table. Immutable (a generation's expression is the test's function).
 *
 * @param name the column name as defined
 * @param type the resolved type
 * @param defaultValue the canonical default value, null for NULL
 * @param defaultNow whether the default is {@code CURRENT_TIMESTAMP}
 * @param generation how a generated column is computed, null for an ordinary column
 * @param invisible whether the column is {@code INVISIBLE} (MaxScale's schema has it like any
 *     other; only {@code SELECT *} and {@code INSERT} without a column list skip it)
 */
public record ColumnDef(
    String name,
    ResolvedType type,
    Object defaultValue,
    boolean defaultNow,
    Generation generation,
    boolean invisible) {

  /**
   * {@code AS (expression) STORED|VIRTUAL}. MaxScale sends both kinds alike; the fake keeps both in
   * its rows, computed on every insert and update.
   *
   * @param expression computes the value from the row (see {@link RowView})
   * @param stored true for STORED, false for VIRTUAL
   */
  public record Generation(Function<Map<String, Object>, Object> expression, boolean stored) {
    @Override
    public String toString() {
      return stored ? "STORED" : "VIRTUAL";
    }
  }

  /**
   * Defines a column.
   *
   * @param name column name
   * @param typeText the type, e.g. {@code VARCHAR(20)}
   * @param defaultValue a Java value, null for NULL
   * @param defaultNow whether the default is {@code CURRENT_TIMESTAMP}
   * @return the column
   * @throws IllegalArgumentException if the name, type or default is invalid
   */
  public static ColumnDef define(
      String name, String typeText, Object defaultValue, boolean defaultNow) {
    requireName(name);
    ResolvedType type = ResolvedType.of(ColumnType.parse(typeText));
    if (defaultNow && !type.temporalDefault()) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "': CURRENT_TIMESTAMP default needs a TIMESTAMP or "
              + "DATETIME column, not "
              + typeText);
    }
    Object canonical = null;
    if (defaultValue != null) {
      try {
        canonical = type.codec().normalize(defaultValue);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "column '" + name + "': bad default value: " + e.getMessage(), e);
      }
    }
    return new ColumnDef(name, type, canonical, defaultNow, null, false);
  }

  /**
   * Returns this column made generated.
   *
   * @param g the generation
   * @return the generated column
   * @throws IllegalArgumentException if the column has a default (MariaDB refuses both)
   */
  public ColumnDef generated(Generation g) {
    if (defaultValue != null || defaultNow) {
      throw new IllegalArgumentException(
          "column '" + name + "': a generated column cannot have a DEFAULT");
    }
    return new ColumnDef(name, type, null, false, g, invisible);
  }

  /**
   * Returns this column made {@code INVISIBLE}.
   *
   * @return the invisible column
   */
  public ColumnDef asInvisible() {
    return new ColumnDef(name, type, defaultValue, defaultNow, generation, true);
  }

  /**
   * Returns this column under another name (same type and default), for a rename.
   *
   * @param newName the new name
   * @return the renamed column
   * @throws IllegalArgumentException if the name is blank
   */
  public ColumnDef renamed(String newName) {
    requireName(newName);
    return new ColumnDef(newName, type, defaultValue, defaultNow, generation, invisible);
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("column name must not be blank");
    }
  }

  /**
   * Returns a stored value as the Java value a test would supply (see {@link ValueCodec#toJava}).
   *
   * @param stored a canonical value or null
   * @return the Java value or null
   */
  Object javaValue(Object stored) {
    return stored == null ? null : type.codec().toJava(stored);
  }

  /**
   * Returns the field name MaxScale uses: bytes other than {@code [A-Za-z0-9_]} replaced by '_'
   * ({@code make_valid_avro_identifier}), then "_" appended to a reserved word ({@code
   * fix_reserved_word}, e.g. a column named {@code timestamp} becomes {@code timestamp_}).
   *
   * @return the Avro field name
   */
  public String avroName() {
    StringBuilder sb = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      sb.append(ok ? c : '_');
    }
    String s = sb.toString();
    return ResolvedType.RESERVED.contains(s.toLowerCase(Locale.ROOT)) ? s + "_" : s;
  }

  /**
   * Returns the schema field of this column.
   *
   * @return the field
   */
  ChangeSchema.Column schemaColumn() {
    return new ChangeSchema.Column(
        avroName(), type.avroKind(), type.realType(), type.type().unsigned());
  }

  /**
   * Returns the value a row gets when none is given.
   *
   * @param now the statement time
   * @param zone the session time zone (for DATETIME defaults)
   * @return the canonical value
   */
  Object defaultFor(Instant now, ZoneId zone) {
    if (!defaultNow) {
      return defaultValue;
    }
    Object value = type.upperNameIsTimestamp() ? now : LocalDateTime.ofInstant(now, zone);
    return type.codec().normalize(value);
  }

  /**
   * Normalises a value for this column.
   *
   * @param value a Java value or null
   * @return the canonical value or null
   * @throws IllegalArgumentException naming the column if the value is rejected
   */
  Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return type.codec().normalize(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "column '" + name + "' (" + type.type().name() + "): " + e.getMessage(), e);
    }
  }
}
