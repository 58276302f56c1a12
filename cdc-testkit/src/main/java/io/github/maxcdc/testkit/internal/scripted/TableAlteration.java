package io.github.maxcdc.testkit.internal.scripted;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code ALTER TABLE} statement on a scripted table, applied clause by clause to copies of the
 * table's columns, keys and rows: a clause that fails leaves the table as it was (MariaDB does not
 * log a failed ALTER, so it uses no GTID). {@link TableModel#alter} checks and installs the result.
 * Confined to the thread that holds the scripted database's lock.
 */
public final class TableAlteration {
  private final String table;
  private final Instant now;
  private final ZoneId zone;
  private final List<ColumnDef> columns;
  private final List<Object[]> rows;
  private final List<String> primaryKey;
  private String autoIncrement;

  TableAlteration(TableModel model, Instant now, ZoneId zone) {
    this.table = model.qualifiedName();
    this.now = now;
    this.zone = zone;
    this.columns = new ArrayList<>(model.columns());
    this.rows = new ArrayList<>(model.rows().size());
    model.rows().forEach(r -> rows.add(r.clone()));
    this.primaryKey = new ArrayList<>(model.primaryKey());
    this.autoIncrement = model.autoIncrement();
  }

  /**
   * Where a clause puts a column: {@code FIRST} or {@code AFTER column}.
   *
   * @param first whether the column goes first
   * @param after the column it follows, or null with {@code first}
   */
  public record Position(boolean first, String after) {
    /** {@code FIRST}. */
    public static final Position FIRST = new Position(true, null);

    /**
     * {@code AFTER column}.
     *
     * @param column the column the new one follows
     * @return the position
     */
    public static Position after(String column) {
      return new Position(false, Objects.requireNonNull(column, "column"));
    }

    @Override
    public String toString() {
      return first ? "FIRST" : "AFTER " + after;
    }
  }

  /**
   * {@code ADD COLUMN}: existing rows get the column's default, or its computed value if it is
   * generated (when the statement ends, see {@link #finish}).
   *
   * @param column the column
   * @param position where it goes, null for the end
   * @throws IllegalArgumentException if the name is taken or the position names an unknown column
   */
  public void addColumn(ColumnDef column, Position position) {
    requireFree(column.name(), -1);
    int at = position == null ? columns.size() : target(position);
    Object fill = column.generation() == null ? column.defaultFor(now, zone) : null;
    columns.add(at, column);
    rows.replaceAll(r -> inserted(r, at, fill));
  }

  /**
   * {@code DROP COLUMN}.
   *
   * @param name the column
   * @throws IllegalArgumentException if the column is unknown, the only one, or a key column
   */
  public void dropColumn(String name) {
    int i = indexOf(name);
    if (columns.size() == 1) {
      throw new IllegalArgumentException("cannot drop the only column of " + table);
    }
    if (primaryKey.stream().anyMatch(k -> k.equalsIgnoreCase(name))
        || name.equalsIgnoreCase(Objects.requireNonNullElse(autoIncrement, ""))) {
      throw new IllegalArgumentException("cannot drop key column '" + name + "' of " + table);
    }
    columns.remove(i);
    rows.replaceAll(r -> removed(r, i));
  }

  /**
   * {@code CHANGE [COLUMN] from to-definition [FIRST | AFTER col]}: the column takes the new
   * definition (name, type, default) at its place or at {@code position}. Stored values are kept,
   * converted to the new type as Java values (see {@link ValueCodec#toJava}; numbers also become
   * text); the statement fails if one does not fit, as in strict mode.
   *
   * @param from the column's current name
   * @param to its new definition
   * @param position where it goes, null to keep its place
   * @throws IllegalArgumentException if {@code from} is unknown, the new name is taken, a stored
   *     value does not fit the new type, or the position names an unknown column
   */
  public void changeColumn(String from, ColumnDef to, Position position) {
    int i = indexOf(from);
    requireFree(to.name(), i);
    ColumnDef old = columns.get(i);
    if (!old.type().type().equals(to.type().type())) {
      for (int r = 0; r < rows.size(); r++) {
        Object[] row = rows.get(r);
        row[i] = converted(old, to, row[i], r + 1);
      }
    }
    String name = old.name();
    primaryKey.replaceAll(k -> k.equalsIgnoreCase(name) ? to.name() : k);
    if (name.equalsIgnoreCase(Objects.requireNonNullElse(autoIncrement, ""))) {
      autoIncrement = to.name();
    }
    columns.set(i, to);
    if (position != null) {
      move(i, position);
    }
  }

  /**
   * {@code RENAME COLUMN from TO to}, or {@code CHANGE from to} with the same definition.
   *
   * @param from the column's current name
   * @param to the new name
   * @throws IllegalArgumentException if {@code from} is unknown or {@code to} is taken or blank
   */
  public void renameColumn(String from, String to) {
    changeColumn(from, columns.get(indexOf(from)).renamed(to), null);
  }

  private Object converted(ColumnDef from, ColumnDef to, Object stored, int rowNumber) {
    if (stored == null) {
      return null;
    }
    Object value = from.javaValue(stored);
    try {
      return to.type().codec().normalize(value);
    } catch (IllegalArgumentException e) {
      if (value instanceof Number n) { // MariaDB converts a number to its text
        try {
          return to.type()
              .codec()
              .normalize(n instanceof BigDecimal d ? d.toPlainString() : n.toString());
        } catch (IllegalArgumentException ignored) {
          // report the first failure
        }
      }
      throw new IllegalArgumentException(
          "cannot change column '"
              + from.name()
              + "' of "
              + table
              + " to "
              + to.type().type().text()
              + ": the stored value "
              + (value instanceof String s ? "'" + s + "'" : Values.text(value))
              + " at row "
              + rowNumber
              + " does not fit ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private void move(int from, Position position) {
    ColumnDef c = columns.remove(from);
    int at = target(position);
    columns.add(at, c);
    rows.replaceAll(r -> inserted(removed(r, from), at, r[from]));
  }

  private void requireFree(String name, int except) {
    for (int i = 0; i < columns.size(); i++) {
      if (i != except && columns.get(i).name().equalsIgnoreCase(name)) {
        throw new IllegalArgumentException("duplicate column name '" + name + "' in " + table);
      }
    }
  }

  private int target(Position position) {
    if (position.first()) {
      return 0;
    }
    return indexOf(position.after()) + 1;
  }

  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown column '" + column + "' in table " + table);
  }

  private static Object[] inserted(Object[] r, int at, Object value) {
    Object[] n = new Object[r.length + 1];
    System.arraycopy(r, 0, n, 0, at);
    n[at] = value;
    System.arraycopy(r, at, n, at + 1, r.length - at);
    return n;
  }

  private static Object[] removed(Object[] r, int at) {
    Object[] n = new Object[r.length - 1];
    System.arraycopy(r, 0, n, 0, at);
    System.arraycopy(r, at + 1, n, at, r.length - at - 1);
    return n;
  }

  /**
   * Checks the table the statement leaves and computes its generated columns (a change of type or a
   * new column changes their inputs; an expression reading a column that is gone fails here while
   * the table has rows). Called once, by {@link TableModel#alter}.
   */
  void finish() {
    TableModel.checkAvroNames(columns);
    if (columns.stream().allMatch(ColumnDef::invisible)) {
      throw new IllegalArgumentException(table + " must keep at least one visible column");
    }
    if (GeneratedColumns.any(columns)) {
      rows.forEach(r -> GeneratedColumns.compute(columns, r, table));
    }
    if (autoIncrement != null) {
      ColumnDef c = columns.get(indexOf(autoIncrement));
      if (!c.type().integer()) {
        throw new IllegalArgumentException(
            "AUTO_INCREMENT column '"
                + c.name()
                + "' of "
                + table
                + " must have an integer type, not "
                + c.type().type().text());
      }
    }
    checkDistinctKeys();
  }

  // A change of type can make two keys equal (a shorter scale, CHAR's trailing spaces).
  private void checkDistinctKeys() {
    if (primaryKey.isEmpty()) {
      return;
    }
    KeyIndex keys = new KeyIndex(primaryKey.stream().mapToInt(this::indexOf).toArray(), List.of());
    for (Object[] row : rows) {
      if (keys.get(row) != null) {
        throw new IllegalArgumentException(
            "the change would make two rows of "
                + table
                + " have the same primary key "
                + primaryKey);
      }
      keys.put(row);
    }
  }

  List<ColumnDef> columns() {
    return columns;
  }

  List<Object[]> rows() {
    return rows;
  }

  List<String> primaryKey() {
    return primaryKey;
  }

  String autoIncrement() {
    return autoIncrement;
  }
}
