package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.scripted.ColumnDef;
import io.github.maxcdc.testkit.internal.scripted.ScriptedDatabase;
import io.github.maxcdc.testkit.internal.scripted.TableModel;
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
   * {@code ALTER TABLE ... ADD COLUMN name type}: one GTID; existing rows get NULL. If the table
   * already has a file, MaxScale starts version N+1 (a new file, with a new schema, once it gets a
   * row).
   *
   * @param name column name
   * @param type MariaDB type
   */
  public void addColumn(String name, String type) {
    addColumn(name, type, null);
  }

  /**
   * {@code ALTER TABLE ... ADD COLUMN name type DEFAULT value}: like {@link #addColumn(String,
   * String)}, existing rows get the default.
   *
   * @param name column name
   * @param type MariaDB type
   * @param defaultValue default value, {@link TableDefinition#CURRENT_TIMESTAMP} or null
   */
  public void addColumn(String name, String type, Object defaultValue) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    boolean now = defaultValue == TableDefinition.CURRENT_TIMESTAMP;
    ColumnDef column = ColumnDef.define(name, type, now ? null : defaultValue, now);
    database.alter(model, a -> a.addColumn(column, null));
  }

  /**
   * {@code ALTER TABLE ... DROP COLUMN name}: one GTID, and a new version as for {@link
   * #addColumn}.
   *
   * @param name column name (not a key column)
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
