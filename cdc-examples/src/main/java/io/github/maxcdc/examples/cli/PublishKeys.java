package io.github.maxcdc.examples.cli;

import io.github.maxcdc.event.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The key columns of each published table: {@code --key-columns [DB.TABLE=]COLS} when given, else
 * the source's primary key when a source connection is given, else none (the whole row).
 */
final class PublishKeys {
  private final CommandSpec spec;
  private final List<String> options;
  private final List<TableId> tables;

  PublishKeys(CommandSpec spec, List<String> options, List<TableId> tables) {
    this.spec = spec;
    this.options = options;
    this.tables = tables;
  }

  /** The key columns of every table (an empty list: the whole row). */
  Map<TableId, List<String>> resolve(SourceDatabaseOptions source, Map<String, String> env)
      throws SQLException {
    Map<TableId, List<String>> keys = given();
    boolean connect = source.database(env).isPresent();
    for (TableId table : tables) {
      if (!keys.containsKey(table)) {
        keys.put(table, connect ? primaryKey(source, env, table) : List.of());
      }
    }
    return keys;
  }

  private Map<TableId, List<String>> given() {
    Map<TableId, List<String>> keys = new LinkedHashMap<>();
    for (String entry : options) {
      int eq = entry.indexOf('=');
      TableId table;
      if (eq < 0) {
        if (tables.size() != 1) {
          throw usage(
              "--key-columns '"
                  + entry
                  + "' names no table, and "
                  + tables.size()
                  + " tables are published: write --key-columns DB.TABLE=COLS");
        }
        table = tables.get(0);
      } else {
        try {
          table = TableId.parse(entry.substring(0, eq).trim());
        } catch (IllegalArgumentException e) {
          throw usage("--key-columns takes [DB.TABLE=]COLS: " + e.getMessage());
        }
        if (!tables.contains(table)) {
          throw usage("--key-columns names " + table + ", which is not a --table");
        }
      }
      List<String> columns =
          Arrays.stream((eq < 0 ? entry : entry.substring(eq + 1)).split(","))
              .map(String::trim)
              .toList();
      if (columns.stream().anyMatch(String::isEmpty)) {
        throw usage("--key-columns '" + entry + "': a column name is empty");
      }
      if (keys.put(table, columns) != null) {
        throw usage("--key-columns gives the key columns of " + table + " twice");
      }
    }
    return keys;
  }

  // the PRIMARY KEY's columns in key order; none when the table has none
  private static List<String> primaryKey(
      SourceDatabaseOptions source, Map<String, String> env, TableId table) throws SQLException {
    try (Connection c =
        DriverManager.getConnection(source.url, source.user, env.get(source.passwordEnv))) {
      Map<Integer, String> columns = new TreeMap<>();
      try (ResultSet rs = c.getMetaData().getPrimaryKeys(table.database(), null, table.table())) {
        while (rs.next()) {
          columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        }
      }
      return new ArrayList<>(columns.values());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
