package io.github.maxcdc.event;

import io.github.maxcdc.position.Gtid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema of one version of a table, as MaxScale's avrorouter recorded it: a new version starts
 * with every schema change ({@code ALTER TABLE}) of the source table.
 *
 * <p>Immutable and thread-safe. Events carry the schema they were decoded with.
 */
public final class TableSchema {
  private final TableId table;
  private final int version;
  private final Gtid ddlGtid;
  private final List<Column> columns;
  private final Map<String, Column> byName;
  private final boolean realTypesKnown;

  /**
   * Creates a schema.
   *
   * @param table the table, not null
   * @param version MaxScale's schema version (the number of the table's {@code .avro} file), at
   *     least 1
   * @param ddlGtid the GTID of the statement that created this version, or null if not known (the
   *     AVRO header does not carry it)
   * @param columns the columns in order, their {@link Column#index()} matching their position
   * @param realTypesKnown whether the MariaDB types are known (false for an AVRO stream whose JSON
   *     schema could not be looked up)
   */
  public TableSchema(
      TableId table, int version, Gtid ddlGtid, List<Column> columns, boolean realTypesKnown) {
    this.table = Objects.requireNonNull(table, "table");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    this.version = version;
    this.ddlGtid = ddlGtid;
    this.columns = List.copyOf(columns);
    this.realTypesKnown = realTypesKnown;
    Map<String, Column> names = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      Column column = this.columns.get(i);
      if (column.index() != i) {
        throw new IllegalArgumentException(
            "column '" + column.name() + "' has index " + column.index() + " at position " + i);
      }
      if (names.put(column.name(), column) != null) {
        throw new IllegalArgumentException("duplicate column name '" + column.name() + "'");
      }
    }
    this.byName = Map.copyOf(names);
  }

  /** The table. */
  public TableId table() {
    return table;
  }

  /** MaxScale's schema version, 1 for the table's first file. */
  public int version() {
    return version;
  }

  /** The GTID of the DDL that created this version, if the stream said it (JSON format). */
  public Optional<Gtid> ddlGtid() {
    return Optional.ofNullable(ddlGtid);
  }

  /** The columns, in table order. */
  public List<Column> columns() {
    return columns;
  }

  /** Number of columns. */
  public int size() {
    return columns.size();
  }

  /** The column at {@code index}. */
  public Column column(int index) {
    return columns.get(index);
  }

  /** The column named {@code name}, if any (exact, case-sensitive match). */
  public Optional<Column> column(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Index of the column named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such column
   */
  public int indexOf(String name) {
    Column column = byName.get(name);
    if (column == null) {
      throw new IllegalArgumentException(
          "table "
              + table
              + " version "
              + version
              + " has no column '"
              + name
              + "'; columns: "
              + columnNames());
    }
    return column.index();
  }

  /** The column names, in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** Whether the MariaDB column types are known, so that values were repaired. */
  public boolean realTypesKnown() {
    return realTypesKnown;
  }

  /** Whether any column loses information for good (see {@link Caveat#isLossy()}). */
  public boolean hasLossyColumns() {
    return columns.stream().anyMatch(Column::isLossy);
  }

  /**
   * This schema with the source's declared column types (column name to type, see {@link
   * io.github.maxcdc.DeclaredTypes}); columns not named keep theirs.
   */
  public TableSchema withDeclaredTypes(Map<String, String> declared) {
    if (declared.isEmpty()) {
      return this;
    }
    List<Column> typed = new java.util.ArrayList<>(columns.size());
    for (Column column : columns) {
      String type = declared.get(column.name());
      typed.add(type == null ? column : column.withDeclaredType(type));
    }
    return new TableSchema(table, version, ddlGtid, typed, realTypesKnown);
  }

  /** Whether both schemas have the same columns with the same types, whatever their version. */
  public boolean sameColumns(TableSchema other) {
    return columns.equals(other.columns);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableSchema s
        && s.table.equals(table)
        && s.version == version
        && s.columns.equals(columns)
        && s.realTypesKnown == realTypesKnown;
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, version, columns);
  }

  @Override
  public String toString() {
    return table + " v" + version + " " + columns;
  }
}
