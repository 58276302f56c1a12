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
 * @param declaredType the type the source database declares for the column ({@code decimal(10,2)}),
 *     or null when not known: MaxScale's schema does not carry it, see {@link
 *     io.github.maxcdc.DeclaredTypes}
 */
public record Column(
    String name,
    int index,
    ColumnType type,
    String realType,
    boolean unsigned,
    WireType wireType,
    Set<Caveat> caveats,
    String declaredType) {

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

  private static final java.util.regex.Pattern DECIMAL_TYPE =
      java.util.regex.Pattern.compile(
          "(?i)\\s*(?:decimal|numeric|dec|fixed)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\).*");

  /** A column whose declared type is not known. */
  public Column(
      String name,
      int index,
      ColumnType type,
      String realType,
      boolean unsigned,
      WireType wireType,
      Set<Caveat> caveats) {
    this(name, index, type, realType, unsigned, wireType, caveats, null);
  }

  /** This column with {@code declared} as its declared type. */
  public Column withDeclaredType(String declared) {
    return new Column(name, index, type, realType, unsigned, wireType, caveats, declared);
  }

  /**
   * The precision and scale of a DECIMAL column's declared type ({@code decimal(65,30)} gives
   * {@code [65, 30]}), or null when not declared.
   */
  public int[] decimalPrecisionAndScale() {
    if (type != ColumnType.DECIMAL || declaredType == null) {
      return null;
    }
    java.util.regex.Matcher m = DECIMAL_TYPE.matcher(declaredType);
    if (!m.matches()) {
      return null;
    }
    return new int[] {
      Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))
    };
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
        + (declaredType != null ? " (" + declaredType + ")" : "")
        + (caveats.isEmpty() ? "" : " " + caveats);
  }
}
