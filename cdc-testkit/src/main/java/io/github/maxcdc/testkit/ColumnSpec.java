package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.scripted.ColumnDef;
import io.github.maxcdc.testkit.internal.scripted.TableAlteration.Position;
import java.util.Objects;

/**
 * A column definition as written in {@code ALTER TABLE ... ADD COLUMN} or {@code CHANGE}: a name, a
 * MariaDB type, and optionally a default and a position. For {@link
 * ScriptedTable#addColumn(ColumnSpec)}, {@link ScriptedTable#addColumns}, {@link
 * ScriptedTable#changeColumn} and {@link TableDefinition.Builder#column(ColumnSpec)}.
 *
 * <pre>{@code
 * // ALTER TABLE items ADD COLUMN price DECIMAL(8,2) DEFAULT 1.25 AFTER label
 * items.addColumn(ColumnSpec.of("price", "DECIMAL(8,2)")
 *     .defaultValue(new BigDecimal("1.25")).after("label"));
 * }</pre>
 *
 * <p>Each method validates its argument at once and returns a new spec: immutable and thread-safe.
 */
public final class ColumnSpec {
  private final String typeText;
  private final ColumnDef column;
  private final Position position;

  private ColumnSpec(String typeText, ColumnDef column, Position position) {
    this.typeText = typeText;
    this.column = column;
    this.position = position;
  }

  /**
   * Starts a nullable column whose default is NULL, placed at the end.
   *
   * @param name column name
   * @param type MariaDB type, e.g. {@code "VARCHAR(20)"} (kept as written: MaxScale copies it into
   *     {@code real_type})
   * @return the spec
   * @throws IllegalArgumentException if the name is blank or the type is not supported
   */
  public static ColumnSpec of(String name, String type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    return new ColumnSpec(type, ColumnDef.define(name, type, null, false), null);
  }

  /**
   * Sets the default ({@code DEFAULT value}): the value of rows inserted without the column, and,
   * when the column is added, of the rows the table already holds.
   *
   * @param value a value of the column's Java type (see {@link ScriptedTable}), {@link
   *     TableDefinition#CURRENT_TIMESTAMP}, or null for NULL
   * @return a new spec
   * @throws IllegalArgumentException if the value does not fit the type
   */
  public ColumnSpec defaultValue(Object value) {
    boolean now = value == TableDefinition.CURRENT_TIMESTAMP;
    return new ColumnSpec(
        typeText, ColumnDef.define(column.name(), typeText, now ? null : value, now), position);
  }

  /**
   * Places the column first ({@code FIRST}).
   *
   * @return a new spec
   */
  public ColumnSpec first() {
    return new ColumnSpec(typeText, column, Position.FIRST);
  }

  /**
   * Places the column right after another one ({@code AFTER column}).
   *
   * @param column the column it follows (possibly one added earlier in the same statement)
   * @return a new spec
   */
  public ColumnSpec after(String column) {
    Objects.requireNonNull(column, "column");
    return new ColumnSpec(typeText, this.column, Position.after(column));
  }

  /**
   * Returns the column name.
   *
   * @return name
   */
  public String name() {
    return column.name();
  }

  ColumnDef column() {
    return column;
  }

  Position position() {
    return position;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(column.name()).append(' ').append(typeText);
    if (column.defaultNow()) {
      sb.append(" DEFAULT CURRENT_TIMESTAMP");
    } else if (column.defaultValue() != null) {
      sb.append(" DEFAULT ...");
    }
    return position == null ? sb.toString() : sb.append(' ').append(position).toString();
  }
}
