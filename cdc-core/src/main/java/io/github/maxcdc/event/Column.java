package io.github.maxcdc.event;

import java.util.Objects;
import java.util.Set;

/**
 * One column of a {@link TableSchema}.
 *
 * @param name column name, as in the source table
 * @param index 0-based position among the table's columns (MaxScale's own fields excluded)
 * @param type the MariaDB type; {@link ColumnType#UNKNOWN} if MaxScale named a type this library
 *     does not know, or (AVRO) the type could not be looked up
 * @param realType the type name exactly as MaxScale sent it, or null if not known (AVRO without
 *     lookup)
 * @param unsigned whether the column is UNSIGNED
 * @param wireType the Avro type MaxScale declares for the column's values
 * @param caveats the ways MaxScale damages this column's values, see {@link Caveat}
 */
public record Column(
    String name,
    int index,
    ColumnType type,
    String realType,
    boolean unsigned,
    WireType wireType,
    Set<Caveat> caveats) {

  /** Validates and copies the components. */
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(wireType, "wireType");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    caveats = Set.copyOf(Objects.requireNonNull(caveats, "caveats"));
  }

  /** Whether {@code caveat} applies to this column. */
  public boolean has(Caveat caveat) {
    return caveats.contains(caveat);
  }

  /** Whether any of this column's caveats loses information for good. */
  public boolean isLossy() {
    for (Caveat caveat : caveats) {
      if (caveat.isLossy()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name
        + " "
        + (realType != null ? realType : type.name())
        + (unsigned ? " UNSIGNED" : "")
        + (caveats.isEmpty() ? "" : " " + caveats);
  }
}
