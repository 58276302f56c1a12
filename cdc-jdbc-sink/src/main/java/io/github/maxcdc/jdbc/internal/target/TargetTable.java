package io.github.maxcdc.jdbc.internal.target;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The target table as the database describes it: its columns and its keys (the primary key, then
 * the unique keys, by name). Column names match case-insensitively, as in MariaDB. Immutable.
 */
public final class TargetTable {
  private final TableId id;
  private final Map<String, TargetColumn> columns;
  private final List<List<String>> uniqueKeys;

  private TargetTable(
      TableId id, Map<String, TargetColumn> columns, List<List<String>> uniqueKeys) {
    this.id = id;
    this.columns = columns;
    this.uniqueKeys = uniqueKeys;
  }

  /**
   * Reads the table's description, or returns empty if the table does not exist.
   *
   * @throws SQLException if information_schema cannot be read
   */
  public static Optional<TargetTable> read(Connection connection, TableId id) throws SQLException {
    Map<String, TargetColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement s = connection.prepareStatement(MariaDbDialect.selectColumns())) {
      s.setString(1, id.database());
      s.setString(2, id.table());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          TargetColumn c =
              TargetColumn.of(
                  rs.getString(1), rs.getString(2), rs.getString(3), "YES".equals(rs.getString(4)));
          columns.put(c.name().toLowerCase(Locale.ROOT), c);
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    try (PreparedStatement s = connection.prepareStatement(MariaDbDialect.selectUniqueIndexes())) {
      s.setString(1, id.database());
      s.setString(2, id.table());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          indexes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return Optional.of(new TargetTable(id, columns, List.copyOf(indexes.values())));
  }

  /** A description from its parts (columns in table order, unique keys primary first). */
  public static TargetTable of(
      TableId id, List<TargetColumn> columns, List<List<String>> uniqueKeys) {
    Map<String, TargetColumn> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
    return new TargetTable(id, byName, List.copyOf(uniqueKeys));
  }

  /**
   * The refusal of a source table whose columns {@code lacking} this table does not have, saying
   * what to do ({@code remedy}).
   */
  public io.github.maxcdc.jdbc.SinkSchemaException lacks(
      TableId source, List<String> lacking, String remedy) {
    return new io.github.maxcdc.jdbc.SinkSchemaException(
        "target table "
            + id
            + " lacks columns of source table "
            + source
            + ": "
            + String.join(", ", lacking)
            + "; "
            + remedy,
        null);
  }

  /** The table. */
  public TableId id() {
    return id;
  }

  /** The column named {@code name}, case-insensitively. */
  public Optional<TargetColumn> column(String name) {
    return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The columns in table order. */
  public List<TargetColumn> columns() {
    return List.copyOf(columns.values());
  }

  /** Whether a unique index of the table has exactly {@code columns} (any order, any case). */
  public boolean isUnique(List<String> columns) {
    java.util.Set<String> wanted = new java.util.HashSet<>();
    columns.forEach(c -> wanted.add(c.toLowerCase(Locale.ROOT)));
    for (List<String> key : uniqueKeys) {
      java.util.Set<String> have = new java.util.HashSet<>();
      key.forEach(c -> have.add(c.toLowerCase(Locale.ROOT)));
      if (have.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The columns identifying a row: the primary key, else the first unique key whose columns are all
   * NOT NULL; empty if there is none. (A unique key on nullable columns does not identify a row: it
   * admits several rows with NULL there.)
   */
  public List<String> key() {
    for (List<String> key : uniqueKeys) {
      if (key.stream().allMatch(c -> column(c).map(col -> !col.nullable()).orElse(false))) {
        return key;
      }
    }
    return List.of();
  }
}
