package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a column's type as MaxScale names it and the same column's type as the source's {@code
 * information_schema.COLUMNS.DATA_TYPE} gives it are the same type.
 *
 * <p>MaxScale writes the type keyword of the {@code CREATE} or {@code ALTER TABLE} statement it
 * parsed ({@code BOOLEAN}, {@code TIMESTAMP_} for TIMESTAMP, {@code INTEGER}, read through {@link
 * ColumnType#fromRealType}); information_schema gives the type MariaDB stores ({@code tinyint},
 * {@code timestamp}, {@code int}). Where MariaDB silently stores another type than the one written
 * ({@code FLOAT(53)} is a {@code double}, {@code TEXT(100)} a {@code tinytext}, {@code VARCHAR} of
 * a binary character set a {@code varbinary}, {@code VARCHAR(70000)} a {@code mediumtext}), the
 * mapping accepts every type it may become: a false alarm would stop a replication for nothing.
 * Integer, decimal and temporal types are compared exactly; character and binary strings only as a
 * family. A type this library does not know ({@link ColumnType#UNKNOWN}, {@code SERIAL}, an AVRO
 * stream without types) is not compared at all.
 */
final class TypeMatch {
  private static final Set<String> STRINGS =
      Set.of(
          "char",
          "varchar",
          "tinytext",
          "text",
          "mediumtext",
          "longtext",
          "binary",
          "varbinary",
          "tinyblob",
          "blob",
          "mediumblob",
          "longblob");

  private static final Map<ColumnType, Set<String>> DATA_TYPES = new EnumMap<>(ColumnType.class);

  static {
    DATA_TYPES.put(ColumnType.TINYINT, Set.of("tinyint"));
    DATA_TYPES.put(ColumnType.BOOLEAN, Set.of("tinyint"));
    DATA_TYPES.put(ColumnType.SMALLINT, Set.of("smallint"));
    DATA_TYPES.put(ColumnType.MEDIUMINT, Set.of("mediumint"));
    DATA_TYPES.put(ColumnType.INT, Set.of("int"));
    DATA_TYPES.put(ColumnType.BIGINT, Set.of("bigint"));
    DATA_TYPES.put(ColumnType.DECIMAL, Set.of("decimal"));
    DATA_TYPES.put(ColumnType.FLOAT, Set.of("float", "double"));
    DATA_TYPES.put(ColumnType.DOUBLE, Set.of("double"));
    for (ColumnType t : ColumnType.values()) {
      if (t.isText() || t.isBinary()) {
        DATA_TYPES.put(t, STRINGS);
      }
    }
    DATA_TYPES.put(ColumnType.DATE, Set.of("date"));
    DATA_TYPES.put(ColumnType.TIME, Set.of("time"));
    DATA_TYPES.put(ColumnType.DATETIME, Set.of("datetime"));
    DATA_TYPES.put(ColumnType.TIMESTAMP, Set.of("timestamp"));
    DATA_TYPES.put(ColumnType.YEAR, Set.of("year"));
    DATA_TYPES.put(ColumnType.ENUM, Set.of("enum"));
    DATA_TYPES.put(ColumnType.SET, Set.of("set"));
    DATA_TYPES.put(ColumnType.BIT, Set.of("bit"));
    // MariaDB's JSON is LONGTEXT with a check; MySQL has a type of its own
    DATA_TYPES.put(ColumnType.JSON, Set.of("longtext", "json"));
    DATA_TYPES.put(ColumnType.UUID, Set.of("uuid"));
    DATA_TYPES.put(ColumnType.INET4, Set.of("inet4"));
    DATA_TYPES.put(ColumnType.INET6, Set.of("inet6"));
    DATA_TYPES.put(
        ColumnType.GEOMETRY,
        Set.of(
            "geometry",
            "point",
            "linestring",
            "polygon",
            "multipoint",
            "multilinestring",
            "multipolygon",
            "geometrycollection"));
  }

  private TypeMatch() {}

  /**
   * Whether {@code maxscale}'s type may be the source column's {@code dataType}; true when the type
   * MaxScale named is not known.
   */
  static boolean matches(Column maxscale, String dataType) {
    Set<String> accepted = DATA_TYPES.get(maxscale.type());
    return accepted == null || accepted.contains(dataType.toLowerCase(Locale.ROOT));
  }

  /** The DATA_TYPE values {@code type} accepts, or null when it is not compared. */
  static Set<String> dataTypes(ColumnType type) {
    return DATA_TYPES.get(type);
  }
}
