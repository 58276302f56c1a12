package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.scripted.ScriptedDatabase;
import io.github.maxcdc.testkit.internal.scripted.TableModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table of the fake server's scripted source, created by {@link FakeMaxScale#createTable}. Each
 * method is one autocommitted statement with its own GTID, visible at once to clients streaming the
 * table; the server keeps the rows, so updates and deletes produce full before/after images ({@code
 * binlog_row_image=FULL}).
 *
 * <p>Java values by column type: integer types take {@code Integer}, {@code Long} or {@code
 * BigInteger} (and {@code Boolean} for BOOLEAN); DECIMAL takes {@code BigDecimal} (or a String or
 * an integer); FLOAT/DOUBLE take a {@code Number}; CHAR, VARCHAR and TEXT types take a {@code
 * String} (or raw {@code byte[]}); BINARY, VARBINARY and BLOB types take {@code byte[]} (or a
 * String); DATE takes {@code LocalDate}; DATETIME {@code LocalDateTime}; TIMESTAMP {@code Instant}
 * ({@code Instant.EPOCH} is the zero date); TIME {@code Duration} (possibly negative) or {@code
 * LocalTime}; YEAR {@code Integer}; ENUM a member {@code String} or 1-based {@code Integer}; SET a
 * comma-separated {@code String}, a collection of members or a {@code Long} bitmask; BIT a {@code
 * Long} or {@code byte[]}; JSON a {@code String}. Values MariaDB would refuse in strict mode are
 * refused with an {@link IllegalArgumentException}; the statement then has no effect.
 *
 * <p>Schema changes ({@link #addColumn(ColumnSpec)}, {@link #renameColumn}, {@link #modifyColumn},
 * {@link #changeColumn}, {@link #dropColumn}...) are each one {@code ALTER TABLE} with its own
 * GTID, refused inside a transaction (MariaDB commits before DDL). If the table's current version
 * has a file, MaxScale starts version N+1, whose schema has the columns as the table now has them,
 * in its order; otherwise the current version is changed in place. Rows already stored take their
 * new values in the table (a new column's default, a converted type), which later updates and
 * deletes show in their before images, but MaxScale never sends stored rows again (recordings of
 * {@code maxscale-24.02.3-ddl}). A change that fails leaves the table as it was and uses no GTID.
 *
 * <p>Thread-safe: statements from several threads are serialized.
 */
public final class ScriptedTable {
  private final ScriptedDatabase database;
  private final TableModel model;

  ScriptedTable(ScriptedDatabase database, TableModel model) {
    this.database = database;
    this.model = model;
  }

  TableModel model() {
    return model;
  }

  /**
   * Returns the database name.
   *
   * @return database name
   */
  public String database() {
    return model.database();
  }

  /**
   * Returns the table name.
   *
   * @return table name
   */
  public String name() {
    return model.name();
  }

  /**
   * Returns the avrorouter version of the table (the {@code NNNNNN} of its current file).
   *
   * @return version, from 1
   */
  public int version() {
    synchronized (database) {
      return model.version();
    }
  }

  /**
   * Inserts one row in its own transaction. Columns not given get their default; the AUTO_INCREMENT
   * column gets the next number when absent, null or 0.
   *
   * @param row column name to value (use a {@code HashMap} for null values)
   */
  public void insert(Map<String, ?> row) {
    Objects.requireNonNull(row, "row");
    database.transaction(tx -> tx.insert(model, row));
  }

  /**
   * Adds a row the source had before MaxScale started to watch it (or wrote with {@code SET
   * sql_log_bin = 0}): the table holds it, so later updates and deletes see it with full images,
   * but it has no GTID and no stream carries it. For tests of an initial copy (a snapshot) taken
   * from the source database.
   *
   * @param row column name to value, as for {@link #insert}
   */
  public void seed(Map<String, ?> row) {
    Objects.requireNonNull(row, "row");
    database.seed(model, row);
  }

  /**
   * Updates rows in its own transaction, see {@link Transaction#update}.
   *
   * @param where column name to value
   * @param changes column name to new value
   * @return the number of rows changed (no GTID is used when 0)
   */
  public int update(Map<String, ?> where, Map<String, ?> changes) {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(changes, "changes");
    int[] changed = new int[1];
    database.transaction(tx -> changed[0] = tx.update(model, where, changes, Long.MAX_VALUE));
    return changed[0];
  }

  /**
   * Updates at most {@code limit} rows in its own transaction (with {@code limit} 1, one of several
   * identical rows), see {@link Transaction#update(ScriptedTable,Map,Map,int)}.
   *
   * @param where column name to value
   * @param changes column name to new value
   * @param limit most rows matched, at least 1
   * @return the number of rows changed (no GTID is used when 0)
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public int update(Map<String, ?> where, Map<String, ?> changes, int limit) {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(changes, "changes");
    long n = TransactionAdapter.requireLimit(limit);
    int[] changed = new int[1];
    database.transaction(tx -> changed[0] = tx.update(model, where, changes, n));
    return changed[0];
  }

  /**
   * Deletes rows in its own transaction, see {@link Transaction#delete}.
   *
   * @param where column name to value
   * @return the number of rows deleted (no GTID is used when 0)
   */
  public int delete(Map<String, ?> where) {
    Objects.requireNonNull(where, "where");
    int[] deleted = new int[1];
    database.transaction(tx -> deleted[0] = tx.delete(model, where, Long.MAX_VALUE));
    return deleted[0];
  }

  /**
   * Deletes at most {@code limit} rows in its own transaction (with {@code limit} 1, one of several
   * identical rows), see {@link Transaction#delete(ScriptedTable,Map,int)}.
   *
   * @param where column name to value
   * @param limit most rows deleted, at least 1
   * @return the number of rows deleted (no GTID is used when 0)
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public int delete(Map<String, ?> where, int limit) {
    Objects.requireNonNull(where, "where");
    long n = TransactionAdapter.requireLimit(limit);
    int[] deleted = new int[1];
    database.transaction(tx -> deleted[0] = tx.delete(model, where, n));
    return deleted[0];
  }

  /**
   * {@code ALTER TABLE ... ADD COLUMN name type} at the end; rows already stored get NULL.
   *
   * @param name column name
   * @param type MariaDB type
   * @throws IllegalArgumentException if the name is taken or the type is not supported
   */
  public void addColumn(String name, String type) {
    addColumn(ColumnSpec.of(name, type));
  }

  /**
   * {@code ALTER TABLE ... ADD COLUMN name type DEFAULT value} at the end; rows already stored take
   * the default.
   *
   * @param name column name
   * @param type MariaDB type
   * @param defaultValue default value, {@link TableDefinition#CURRENT_TIMESTAMP} or null
   * @throws IllegalArgumentException if the name is taken, or the type or the default is invalid
   */
  public void addColumn(String name, String type, Object defaultValue) {
    addColumn(ColumnSpec.of(name, type).defaultValue(defaultValue));
  }

  /**
   * {@code ALTER TABLE ... ADD COLUMN spec}, e.g. {@code ColumnSpec.of("price",
   * "DECIMAL(8,2)").defaultValue(new BigDecimal("1.25")).after("label")}: the column goes where the
   * spec says (at the end by default); rows already stored take its default.
   *
   * @param column the column
   * @throws IllegalArgumentException if the name is taken or the position names an unknown column
   */
  public void addColumn(ColumnSpec column) {
    Objects.requireNonNull(column, "column");
    addColumns(column);
  }

  /**
   * {@code ALTER TABLE ... ADD COLUMN a, ADD COLUMN b ...}: several columns in one statement, so
   * one GTID and one new version; the clauses apply in order (an {@code AFTER} may name a column
   * added by an earlier one).
   *
   * @param columns the columns, at least one
   * @throws IllegalArgumentException if no column is given, or a clause fails (then none applies)
   */
  public void addColumns(ColumnSpec... columns) {
    Objects.requireNonNull(columns, "columns");
    if (columns.length == 0) {
      throw new IllegalArgumentException("columns: give at least one column to add");
    }
    List<ColumnSpec> specs = List.of(columns); // refuses null elements
    database.alter(model, a -> specs.forEach(c -> a.addColumn(c.column(), c.position())));
  }

  /**
   * {@code ALTER TABLE ... CHANGE from to <same definition>}: the column keeps its position, type,
   * default and values under a new name. MaxScale makes a new version in which that one name
   * differs; nothing in the stream says "rename" (recording {@code h_items2_json}). Note that the
   * real MaxScale 24.02.3 does not understand the {@code RENAME COLUMN} syntax: it keeps the old
   * name, and stops streaming the table at the next ALTER that names the new one (recording {@code
   * h_items_json}); this method shows what it does with {@code CHANGE}.
   *
   * @param from the current name
   * @param to the new name
   * @throws IllegalArgumentException if {@code from} is unknown, or {@code to} is blank or taken
   */
  public void renameColumn(String from, String to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    database.alter(model, a -> a.renameColumn(from, to));
  }

  /**
   * {@code ALTER TABLE ... MODIFY name type}: the column keeps its name and position and takes a
   * new type, e.g. {@code modifyColumn("qty", "INT")} to widen a SMALLINT. Stored values are kept,
   * converted as Java values (see {@link #changeColumn}). As in MariaDB, the new definition
   * replaces the old one: a default the column had is dropped (give it again with {@link
   * #changeColumn}).
   *
   * @param name the column
   * @param type the new MariaDB type
   * @throws IllegalArgumentException if the column is unknown, the type is not supported, or a
   *     stored value does not fit it
   */
  public void modifyColumn(String name, String type) {
    Objects.requireNonNull(name, "name");
    changeColumn(name, ColumnSpec.of(name, type));
  }

  /**
   * {@code ALTER TABLE ... CHANGE from <spec>}: the column takes the spec's whole definition (name,
   * type, default) and, if the spec has one, its position. Stored values are kept, converted to the
   * new type as Java values, as in MariaDB's strict mode: integers and DECIMALs widen or narrow if
   * they fit, numbers also become text, text keeps its characters, ENUM members become text; a
   * stored value that does not fit fails the statement, which then changes nothing. A primary key
   * or AUTO_INCREMENT column keeps its role under its new name.
   *
   * @param from the current name
   * @param to the new definition
   * @throws IllegalArgumentException if {@code from} is unknown, the new name is taken, a stored
   *     value does not fit the new type, or the position names an unknown column
   */
  public void changeColumn(String from, ColumnSpec to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    database.alter(model, a -> a.changeColumn(from, to.column(), to.position()));
  }

  /**
   * {@code ALTER TABLE ... DROP COLUMN name}.
   *
   * @param name column name (not a key column)
   * @throws IllegalArgumentException if the column is unknown, the only one, or a key column
   */
  public void dropColumn(String name) {
    Objects.requireNonNull(name, "name");
    database.alter(model, a -> a.dropColumn(name));
  }

  @Override
  public String toString() {
    return "ScriptedTable[" + database() + "." + name() + "]";
  }
}
