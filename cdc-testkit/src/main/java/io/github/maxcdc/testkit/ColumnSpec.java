package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.scripted.ColumnDef;
import io.github.maxcdc.testkit.internal.scripted.ColumnDef.Generation;
import io.github.maxcdc.testkit.internal.scripted.TableAlteration.Position;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A column definition as written in {@code ALTER TABLE ... ADD COLUMN} or {@code CHANGE}: a name, a
 * MariaDB type, and optionally a default, a generation expression, {@code INVISIBLE} and a
 * position. For {@link ScriptedTable#addColumn(ColumnSpec)}, {@link ScriptedTable#addColumns},
 * {@link ScriptedTable#changeColumn} and {@link TableDefinition.Builder#column(ColumnSpec)}.
 *
 * <pre>{@code
 * // ALTER TABLE items ADD COLUMN price DECIMAL(8,2) DEFAULT 1.25 AFTER label
 * items.addColumn(ColumnSpec.of("price", "DECIMAL(8,2)")
 *     .defaultValue(new BigDecimal("1.25")).after("label"));
 * // ALTER TABLE items ADD COLUMN total DECIMAL(12,2) AS (price * qty) STORED
 * items.addColumn(ColumnSpec.of("total", "DECIMAL(12,2)").generatedStored(row ->
 *     row.get("price") == null || row.get("qty") == null ? null
 *         : ((BigDecimal) row.get("price")).multiply(BigDecimal.valueOf((Long) row.get("qty")))));
 * // ALTER TABLE items ADD COLUMN origin CHAR(2) INVISIBLE DEFAULT 'FR'
 * items.addColumn(ColumnSpec.of("origin", "CHAR(2)").invisible().defaultValue("FR"));
 * }</pre>
 *
 * <p>Each method validates its argument at once and returns a new spec: immutable, and thread-safe
 * if the expression of a generated column is.
 */
public final class ColumnSpec {
  private final String name;
  private final String type;
  private final Object defaultValue;
  private final Generation generation;
  private final boolean invisible;
  private final Position position;
  private final ColumnDef column;

  private ColumnSpec(
      String name,
      String type,
      Object defaultValue,
      Generation generation,
      boolean invisible,
      Position position) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.generation = generation;
    this.invisible = invisible;
    this.position = position;
    boolean now = defaultValue == TableDefinition.CURRENT_TIMESTAMP;
    ColumnDef c = ColumnDef.define(name, type, now ? null : defaultValue, now);
    c = generation == null ? c : c.generated(generation);
    this.column = invisible ? c.asInvisible() : c;
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
    return new ColumnSpec(name, type, null, null, false, null);
  }

  /**
   * Sets the default ({@code DEFAULT value}): the value of rows inserted without the column, and,
   * when the column is added, of the rows the table already holds.
   *
   * @param value a value of the column's Java type (see {@link ScriptedTable}), {@link
   *     TableDefinition#CURRENT_TIMESTAMP}, or null for NULL
   * @return a new spec
   * @throws IllegalArgumentException if the value does not fit the type, or the column is generated
   */
  public ColumnSpec defaultValue(Object value) {
    return new ColumnSpec(name, type, value, generation, invisible, position);
  }

  /**
   * Makes the column generated and stored ({@code AS (expression) STORED}).
   *
   * <p>The expression computes the value from the row as each insert or update leaves it (also for
   * the rows the table holds when the column is added or a column changes): a read-only map of
   * column name (case-insensitive) to value as stored: integers as {@code Long} (or {@code
   * BigInteger} beyond it), DECIMAL as {@code BigDecimal}, text, ENUM and SET as {@code String},
   * binary types as {@code byte[]}, TIME as {@code Duration}, TIMESTAMP as {@code Instant}, UUID
   * and INET as {@code UUID} and {@code InetAddress}, BIT as {@code BigInteger}, other types as
   * {@link ScriptedTable} lists them; NULL as null. Reading a column the table does not have throws
   * {@link IllegalArgumentException}: a change that drops or renames a column the expression reads
   * fails while the table has rows. Generated columns are computed in column order. The result is
   * converted like an inserted value (a BOOLEAN takes a {@code Boolean}); an insert or update that
   * names the column is refused, as in MariaDB's strict mode. MaxScale sends the value in every row
   * written after the column appears (recording {@code h_items2_json}).
   *
   * @param expression the column's expression; it must handle NULL inputs
   * @return a new spec
   * @throws IllegalArgumentException if the column has a default
   */
  public ColumnSpec generatedStored(Function<? super Map<String, Object>, ?> expression) {
    return generated(expression, true);
  }

  /**
   * Makes the column generated and virtual ({@code AS (expression) VIRTUAL}): MariaDB computes it
   * when read, but MaxScale sends it like a stored one, so it behaves exactly as {@link
   * #generatedStored}.
   *
   * @param expression the column's expression; it must handle NULL inputs
   * @return a new spec
   * @throws IllegalArgumentException if the column has a default
   */
  public ColumnSpec generatedVirtual(Function<? super Map<String, Object>, ?> expression) {
    return generated(expression, false);
  }

  private ColumnSpec generated(
      Function<? super Map<String, Object>, ?> expression, boolean stored) {
    Objects.requireNonNull(expression, "expression");
    Generation g = new Generation(expression::apply, stored);
    return new ColumnSpec(name, type, defaultValue, g, invisible, position);
  }

  /**
   * Makes the column {@code INVISIBLE}: MaxScale's schema has it like any column, and rows carry
   * its value; an insert that does not name it gets its default (as any column here, since rows are
   * given by name). A table must keep at least one visible column.
   *
   * @return a new spec
   */
  public ColumnSpec invisible() {
    return new ColumnSpec(name, type, defaultValue, generation, true, position);
  }

  /**
   * Places the column first ({@code FIRST}).
   *
   * @return a new spec
   */
  public ColumnSpec first() {
    return new ColumnSpec(name, type, defaultValue, generation, invisible, Position.FIRST);
  }

  /**
   * Places the column right after another one ({@code AFTER column}).
   *
   * @param column the column it follows (possibly one added earlier in the same statement)
   * @return a new spec
   */
  public ColumnSpec after(String column) {
    Objects.requireNonNull(column, "column");
    return new ColumnSpec(name, type, defaultValue, generation, invisible, Position.after(column));
  }

  /**
   * Returns the column name.
   *
   * @return name
   */
  public String name() {
    return name;
  }

  ColumnDef column() {
    return column;
  }

  Position position() {
    return position;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append(' ').append(type);
    if (generation != null) {
      sb.append(" AS (...) ").append(generation);
    }
    if (invisible) {
      sb.append(" INVISIBLE");
    }
    if (defaultValue != null) {
      sb.append(" DEFAULT ")
          .append(defaultValue == TableDefinition.CURRENT_TIMESTAMP ? defaultValue : "...");
    }
    return position == null ? sb.toString() : sb.append(' ').append(position).toString();
  }
}
