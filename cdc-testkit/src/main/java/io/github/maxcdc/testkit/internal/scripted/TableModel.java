package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The state of one scripted table: columns, rows (full images, like {@code binlog_row_image=FULL}),
 * keys and the current avrorouter version. Rows are kept in insertion order (the order in which
 * multi-row updates and deletes visit them) and, when the table has a primary key, indexed by it: a
 * transaction of a million inserts, or a lookup by key in a table of a million rows, costs no scan.
 * Guarded by the scripted database's lock.
 */
public final class TableModel {
  private final String database;
  private final String name;
  private List<String> primaryKey;
  private String autoIncrement;
  private List<ColumnDef> columns;
  private List<Object[]> rows = new ArrayList<>();
  private KeyIndex keys; // null without a primary key
  private long nextAutoIncrement = 1;
  private int version = 1;
  private String versionGtid;
  private AvroTableFile file;

  TableModel(
      String database,
      String name,
      List<ColumnDef> columns,
      List<String> primaryKey,
      String autoIncrement,
      String gtid) {
    this.database = database;
    this.name = name;
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(primaryKey);
    this.autoIncrement = autoIncrement;
    this.versionGtid = gtid;
    reindex();
  }

  /**
   * Returns the database name.
   *
   * @return database
   */
  public String database() {
    return database;
  }

  /**
   * Returns the table name.
   *
   * @return table
   */
  public String name() {
    return name;
  }

  /**
   * Returns the current avrorouter version of the table.
   *
   * @return version, 1-based
   */
  public int version() {
    return version;
  }

  List<ColumnDef> columns() {
    return columns;
  }

  List<String> primaryKey() {
    return primaryKey;
  }

  String autoIncrement() {
    return autoIncrement;
  }

  /** The rows in insertion order; read only (change them through the methods below). */
  List<Object[]> rows() {
    return rows;
  }

  void addRow(Object[] row) {
    rows.add(row);
    if (keys != null) {
      keys.put(row);
    }
  }

  /**
   * The rows that may match {@code where}, in insertion order: the one row of the key when {@code
   * where} names every primary key column, else every row. Callers still check {@link #matches}.
   */
  List<Object[]> candidates(Map<String, ?> where) {
    if (keys == null || !namesWholeKey(where)) {
      return new ArrayList<>(rows);
    }
    Object[] probe = new Object[columns.size()];
    where.forEach(
        (column, value) -> {
          int i = indexOf(column);
          probe[i] = columns.get(i).normalize(value);
        });
    Object[] row = keys.get(probe);
    return row == null ? List.of() : Collections.singletonList(row);
  }

  private boolean namesWholeKey(Map<String, ?> where) {
    for (String k : primaryKey) {
      if (where.keySet().stream().noneMatch(k::equalsIgnoreCase)) {
        return false;
      }
    }
    return true;
  }

  private void reindex() {
    keys =
        primaryKey.isEmpty()
            ? null
            : new KeyIndex(primaryKey.stream().mapToInt(this::indexOf).toArray(), rows);
  }

  String qualifiedName() {
    return database + "." + name;
  }

  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "unknown column '" + column + "' in table " + qualifiedName());
  }

  /** The index of a column an insert or update may set: not a generated one. */
  private int settable(String column) {
    int i = indexOf(column);
    if (columns.get(i).generation() != null) {
      throw GeneratedColumns.given(columns.get(i), qualifiedName());
    }
    return i;
  }

  ChangeSchema schema() {
    return new ChangeSchema(columns.stream().map(ColumnDef::schemaColumn).toList());
  }

  /** State to restore when a transaction fails. */
  record Snapshot(List<Object[]> rows, long nextAutoIncrement) {}

  Snapshot snapshot() {
    return new Snapshot(new ArrayList<>(rows), nextAutoIncrement);
  }

  void restore(Snapshot s) {
    rows = new ArrayList<>(s.rows());
    nextAutoIncrement = s.nextAutoIncrement();
    reindex();
  }

  Object[] newRow(Map<String, ?> values, Instant now, ZoneId zone) {
    Object[] row = new Object[columns.size()];
    boolean[] given = new boolean[row.length];
    values.forEach(
        (column, value) -> {
          int i = settable(column);
          row[i] = columns.get(i).normalize(value);
          given[i] = true;
        });
    for (int i = 0; i < row.length; i++) {
      if (!given[i]) {
        row[i] = columns.get(i).defaultFor(now, zone);
      }
    }
    assignAutoIncrement(row);
    GeneratedColumns.compute(columns, row, qualifiedName());
    checkKey(row, null);
    return row;
  }

  private void assignAutoIncrement(Object[] row) {
    if (autoIncrement == null) {
      return;
    }
    int i = indexOf(autoIncrement);
    Object v = row[i];
    if (v == null || (v instanceof Long l && l == 0)) {
      row[i] = columns.get(i).normalize(nextAutoIncrement);
      nextAutoIncrement++;
    } else {
      long explicit = v instanceof BigInteger b ? b.longValue() : (Long) v;
      nextAutoIncrement = Math.max(nextAutoIncrement, explicit + 1);
    }
  }

  void checkKey(Object[] row, Object[] replacing) {
    if (primaryKey.isEmpty()) {
      return;
    }
    int[] idx = keys.columns();
    for (int i : idx) {
      if (row[i] == null) {
        throw new IllegalArgumentException(
            "primary key column '"
                + columns.get(i).name()
                + "' of "
                + qualifiedName()
                + " cannot be NULL");
      }
    }
    Object[] other = keys.get(row);
    if (other != null && other != replacing) {
      throw new IllegalArgumentException(
          "duplicate primary key " + keyText(row, idx) + " in " + qualifiedName());
    }
  }

  private String keyText(Object[] row, int[] idx) {
    StringBuilder sb = new StringBuilder("(");
    for (int k = 0; k < idx.length; k++) {
      sb.append(k > 0 ? ", " : "").append(Values.text(row[idx[k]]));
    }
    return sb.append(')').toString();
  }

  boolean matches(Object[] row, Map<String, ?> where) {
    for (Map.Entry<String, ?> e : where.entrySet()) {
      int i = indexOf(e.getKey());
      if (!Values.equal(row[i], columns.get(i).normalize(e.getValue()))) {
        return false;
      }
    }
    return true;
  }

  Object[] applied(Object[] row, Map<String, ?> changes) {
    Object[] after = row.clone();
    changes.forEach(
        (column, value) -> {
          int i = settable(column);
          after[i] = columns.get(i).normalize(value);
        });
    GeneratedColumns.compute(columns, after, qualifiedName());
    return after;
  }

  void replaceRow(Object[] before, Object[] after) {
    rows.set(indexOfRow(before), after);
    if (keys != null) {
      keys.remove(before);
      keys.put(after);
    }
  }

  void removeRow(Object[] row) {
    rows.remove(indexOfRow(row));
    if (keys != null) {
      keys.remove(row);
    }
  }

  // From the end: the rows a transaction just wrote, the usual target, are found at once.
  private int indexOfRow(Object[] row) {
    for (int i = rows.size() - 1; i >= 0; i--) {
      if (rows.get(i) == row) {
        return i;
      }
    }
    throw new IllegalStateException("row not found");
  }

  /**
   * Starts an {@code ALTER TABLE} on copies of this table's state.
   *
   * @param now the statement time (for {@code CURRENT_TIMESTAMP} defaults)
   * @param zone the session time zone
   * @return the alteration, to pass to {@link #alter} once its clauses are applied
   */
  TableAlteration alteration(Instant now, ZoneId zone) {
    return new TableAlteration(this, now, zone);
  }

  /**
   * Checks and installs the state an {@code ALTER TABLE} leaves, then starts a new version.
   *
   * @param a the alteration
   * @param gtid the statement's GTID
   * @throws IllegalArgumentException if the resulting table is invalid (nothing is changed then)
   */
  void alter(TableAlteration a, String gtid) {
    a.finish();
    columns = List.copyOf(a.columns());
    rows = a.rows();
    primaryKey = List.copyOf(a.primaryKey());
    autoIncrement = a.autoIncrement();
    reindex();
    newVersion(gtid);
  }

  /**
   * MaxScale only starts a new version (a new {@code .avro} file) when the current one has a file;
   * otherwise the current version is altered in place and keeps its GTID.
   */
  private void newVersion(String gtid) {
    if (file != null) {
      version++;
      versionGtid = gtid;
      file = null;
    }
  }

  static void checkAvroNames(List<ColumnDef> columns) {
    List<String> seen = new ArrayList<>();
    for (ColumnDef c : columns) {
      String avro = c.avroName().toLowerCase(Locale.ROOT);
      if (seen.contains(avro)) {
        throw new IllegalArgumentException(
            "columns map to the same Avro field name '" + c.avroName() + "'");
      }
      seen.add(avro);
    }
  }

  String versionGtid() {
    return versionGtid;
  }

  AvroTableFile file() {
    return file;
  }

  void setFile(AvroTableFile file) {
    this.file = file;
  }
}
