package io.github.maxcdc.jdbc.internal.target;

import java.util.Locale;

/**
 * A column of the target table, from information_schema.
 *
 * @param name the column name as the target spells it
 * @param dataType the base type in lowercase ({@code int}, {@code decimal}, {@code enum}, ...)
 * @param columnType the full type ({@code int(10) unsigned}, {@code enum('a','b')}, ...)
 * @param nullable whether it accepts NULL
 */
public record TargetColumn(String name, String dataType, String columnType, boolean nullable) {

  /** Whether the type is one of MariaDB's text types (CHAR, VARCHAR, TEXT...). */
  public boolean isText() {
    return dataType.endsWith("char") || dataType.endsWith("text");
  }

  /** Whether the type is ENUM. */
  public boolean isEnum() {
    return dataType.equals("enum");
  }

  /** Whether the type is SET. */
  public boolean isSet() {
    return dataType.equals("set");
  }

  /** Whether the column holds integers. */
  public boolean isInteger() {
    return dataType.endsWith("int");
  }

  /** Whether the type is DATETIME. */
  public boolean isDateTime() {
    return dataType.equals("datetime");
  }

  /** Whether the type is TIMESTAMP. */
  public boolean isTimestamp() {
    return dataType.equals("timestamp");
  }

  static TargetColumn of(String name, String dataType, String columnType, boolean nullable) {
    return new TargetColumn(
        name, dataType.toLowerCase(Locale.ROOT), columnType.toLowerCase(Locale.ROOT), nullable);
  }
}
