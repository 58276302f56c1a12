package io.github.maxcdc.jdbc.internal.source;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A source table as its own server describes it, with the key its rows are read by: the primary
 * key, else the first unique key on NOT NULL columns. Immutable.
 *
 * @param description columns and unique keys, from information_schema
 * @param key the key columns, in index order, never empty
 */
public record SourceTable(TargetTable description, List<TargetColumn> key) {

  /** Validates and copies. */
  public SourceTable {
    key = List.copyOf(key);
  }

  /**
   * Reads the description of {@code table}.
   *
   * @throws SinkSchemaException if the table does not exist (or the user cannot see it) or has no
   *     primary key and no unique key on NOT NULL columns
   * @throws SQLException if information_schema cannot be read
   */
  public static SourceTable read(Connection connection, TableId table)
      throws SQLException, SinkSchemaException {
    return read(
        connection,
        table,
        "maxcdc copies, re-reads and compares its rows by key; add a primary key to it");
  }

  /**
   * Reads the description of {@code table}; a table without key is refused with {@code withoutKey}
   * (what needs the key, and what to do).
   *
   * @throws SinkSchemaException if the table does not exist (or the user cannot see it) or has no
   *     primary key and no unique key on NOT NULL columns
   * @throws SQLException if information_schema cannot be read
   */
  public static SourceTable read(Connection connection, TableId table, String withoutKey)
      throws SQLException, SinkSchemaException {
    TargetTable description =
        TargetTable.read(connection, table)
            .orElseThrow(
                () ->
                    new SinkSchemaException(
                        "source table "
                            + table
                            + " does not exist, or the source user cannot see it (it needs"
                            + " SELECT on it)",
                        null));
    List<String> names = description.key();
    boolean usable =
        !names.isEmpty()
            && names.stream()
                .allMatch(n -> description.column(n).map(c -> !c.nullable()).orElse(false));
    if (!usable) {
      throw new SinkSchemaException(
          "source table "
              + table
              + " has no primary key and no unique key on NOT NULL columns: "
              + withoutKey,
          null);
    }
    return new SourceTable(
        description, names.stream().map(n -> description.column(n).orElseThrow()).toList());
  }

  /** The table. */
  public TableId id() {
    return description.id();
  }

  /** The columns, in table order. */
  public List<TargetColumn> columns() {
    return description.columns();
  }

  /** The key columns' names. */
  public List<String> keyNames() {
    return key.stream().map(TargetColumn::name).toList();
  }
}
