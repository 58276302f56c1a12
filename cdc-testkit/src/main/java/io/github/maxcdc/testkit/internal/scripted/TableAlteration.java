package io.github.maxcdc.testkit.internal.scripted;

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
   * {@code ADD COLUMN}: existing rows get the column's default.
   *
   * @param column the column
   * @param position where it goes, null for the end
   * @throws IllegalArgumentException if the name is taken or the position names an unknown column
   */
  public void addColumn(ColumnDef column, Position position) {
    requireFree(column.name(), -1);
    int at = position == null ? columns.size() : target(position);
    Object fill = column.defaultFor(now, zone);
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

  /** Checks the table the statement leaves; called once, by {@link TableModel#alter}. */
  void finish() {
    TableModel.checkAvroNames(columns);
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
