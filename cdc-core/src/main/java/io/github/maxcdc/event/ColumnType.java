package io.github.maxcdc.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * The MariaDB type of a column, as MaxScale names it in the schema's {@code real_type} key, and the
 * Java type its values are given as by {@link Row#get(int)}.
 *
 * <table>
 *   <caption>Java types</caption>
 *   <tr><th>column type</th><th>Java type</th></tr>
 *   <tr><td>TINYINT, SMALLINT, MEDIUMINT, INT, BOOLEAN, and their UNSIGNED forms but
 *       INT</td><td>{@link Integer}</td></tr>
 *   <tr><td>INT UNSIGNED, BIGINT</td><td>{@link Long}</td></tr>
 *   <tr><td>BIGINT UNSIGNED</td><td>{@link BigInteger}</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link BigDecimal}</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>{@link Float} / {@link Double}</td></tr>
 *   <tr><td>CHAR, VARCHAR, TEXT types</td><td>{@link String}</td></tr>
 *   <tr><td>BINARY, VARBINARY, BLOB types</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE / DATETIME / TIMESTAMP / TIME</td><td>{@link LocalDate} / {@link LocalDateTime}
 *       / {@link Instant} / {@link Duration}</td></tr>
 *   <tr><td>YEAR</td><td>{@link Integer} (0 for YEAR 0000)</td></tr>
 *   <tr><td>ENUM / SET</td><td>{@link Integer} 1-based index / {@link Long} bitmask</td></tr>
 *   <tr><td>BIT, JSON</td><td>always null when not NULL ({@link Fidelity#UNAVAILABLE})</td></tr>
 *   <tr><td>UUID</td><td>{@link java.util.UUID}</td></tr>
 *   <tr><td>INET4 / INET6</td><td>{@link java.net.Inet4Address} / {@link java.net.Inet6Address}
 *       (an IPv4-mapped INET6 value stays an {@code Inet6Address})</td></tr>
 *   <tr><td>GEOMETRY and its subtypes</td><td>the raw value (MaxScale 24.02 stops on the first
 *       row of such a table, see the README's type table)</td></tr>
 *   <tr><td>UNKNOWN</td><td>the raw value</td></tr>
 * </table>
 */
public enum ColumnType {
  /** TINYINT. */
  TINYINT,
  /** SMALLINT. */
  SMALLINT,
  /** MEDIUMINT. */
  MEDIUMINT,
  /** INT. */
  INT,
  /** BIGINT. */
  BIGINT,
  /** BOOLEAN (TINYINT(1)). */
  BOOLEAN,
  /** DECIMAL / NUMERIC. */
  DECIMAL,
  /** FLOAT. */
  FLOAT,
  /** DOUBLE. */
  DOUBLE,
  /** CHAR. */
  CHAR,
  /** VARCHAR. */
  VARCHAR,
  /** TINYTEXT. */
  TINYTEXT,
  /** TEXT. */
  TEXT,
  /** MEDIUMTEXT. */
  MEDIUMTEXT,
  /** LONGTEXT. */
  LONGTEXT,
  /** TINYBLOB. */
  TINYBLOB,
  /** BLOB. */
  BLOB,
  /** MEDIUMBLOB. */
  MEDIUMBLOB,
  /** LONGBLOB. */
  LONGBLOB,
  /** BINARY(n). */
  BINARY,
  /** VARBINARY(n). */
  VARBINARY,
  /** DATE. */
  DATE,
  /** TIME. */
  TIME,
  /** DATETIME. */
  DATETIME,
  /** TIMESTAMP (MaxScale names it {@code TIMESTAMP_}). */
  TIMESTAMP,
  /** YEAR. */
  YEAR,
  /** ENUM. */
  ENUM,
  /** SET. */
  SET,
  /** BIT(n). */
  BIT,
  /** JSON. */
  JSON,
  /** UUID (MariaDB 10.7+). */
  UUID,
  /** INET4 (MariaDB 10.10+). */
  INET4,
  /** INET6 (MariaDB 10.5+). */
  INET6,
  /**
   * GEOMETRY, POINT, LINESTRING, POLYGON and the MULTI and collection types: MaxScale 24.02's
   * avrorouter stops on the first row of such a table, so no value ever arrives.
   */
  GEOMETRY,
  /** A type this library does not know: values are given raw. */
  UNKNOWN;

  private static final Map<String, ColumnType> ALIASES =
      Map.ofEntries(
          Map.entry("INTEGER", INT),
          Map.entry("INT1", TINYINT),
          Map.entry("INT2", SMALLINT),
          Map.entry("INT3", MEDIUMINT),
          Map.entry("INT4", INT),
          Map.entry("INT8", BIGINT),
          Map.entry("MIDDLEINT", MEDIUMINT),
          Map.entry("BOOL", BOOLEAN),
          Map.entry("DEC", DECIMAL),
          Map.entry("NUMERIC", DECIMAL),
          Map.entry("FIXED", DECIMAL),
          Map.entry("REAL", DOUBLE),
          Map.entry("DOUBLE PRECISION", DOUBLE),
          Map.entry("FLOAT4", FLOAT),
          Map.entry("FLOAT8", DOUBLE),
          Map.entry("CHARACTER", CHAR),
          Map.entry("NCHAR", CHAR),
          Map.entry("NATIONAL CHAR", CHAR),
          Map.entry("CHARACTER VARYING", VARCHAR),
          Map.entry("NVARCHAR", VARCHAR),
          Map.entry("VARCHAR2", VARCHAR),
          Map.entry("NATIONAL VARCHAR", VARCHAR),
          Map.entry("LONG", MEDIUMTEXT),
          Map.entry("LONG VARCHAR", MEDIUMTEXT),
          Map.entry("TIMESTAMP_", TIMESTAMP),
          Map.entry("POINT", GEOMETRY),
          Map.entry("LINESTRING", GEOMETRY),
          Map.entry("POLYGON", GEOMETRY),
          Map.entry("MULTIPOINT", GEOMETRY),
          Map.entry("MULTILINESTRING", GEOMETRY),
          Map.entry("MULTIPOLYGON", GEOMETRY),
          Map.entry("GEOMETRYCOLLECTION", GEOMETRY),
          Map.entry("GEOMCOLLECTION", GEOMETRY));

  /**
   * The column type for a MaxScale {@code real_type} name, case-insensitive, with the usual MariaDB
   * synonyms ({@code INTEGER}, {@code NUMERIC}, ...); {@link #UNKNOWN} otherwise.
   */
  public static ColumnType fromRealType(String realType) {
    if (realType == null) {
      return UNKNOWN;
    }
    String upper = realType.trim().toUpperCase(Locale.ROOT);
    ColumnType alias = ALIASES.get(upper);
    if (alias != null) {
      return alias;
    }
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** Whether values are integers (TINYINT to BIGINT, BOOLEAN, YEAR excluded). */
  public boolean isInteger() {
    return ordinal() <= BOOLEAN.ordinal();
  }

  /** Whether values are text (CHAR, VARCHAR and the TEXT types). */
  public boolean isText() {
    return this == CHAR || this == VARCHAR || isTextBlob();
  }

  /** Whether this is one of the TEXT types. */
  public boolean isTextBlob() {
    return this == TINYTEXT || this == TEXT || this == MEDIUMTEXT || this == LONGTEXT;
  }

  /** Whether values are bytes (BINARY, VARBINARY and the BLOB types). */
  public boolean isBinary() {
    return this == BINARY || this == VARBINARY || isBlob();
  }

  /** Whether this is one of the BLOB types. */
  public boolean isBlob() {
    return this == TINYBLOB || this == BLOB || this == MEDIUMBLOB || this == LONGBLOB;
  }

  /**
   * Whether MaxScale sends the values in the column's binary form, cut at its first NUL byte (UUID,
   * INET4, INET6): {@link #binaryLength()} bytes when whole.
   */
  public boolean isBinaryForm() {
    return this == UUID || this == INET4 || this == INET6;
  }

  /** The length of a whole value in binary form: 16 for UUID and INET6, 4 for INET4, else 0. */
  public int binaryLength() {
    return this == INET4 ? 4 : isBinaryForm() ? 16 : 0;
  }

  /** Whether values are dates or times. */
  public boolean isTemporal() {
    return this == DATE || this == TIME || this == DATETIME || this == TIMESTAMP || this == YEAR;
  }
}
