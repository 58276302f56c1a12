package io.github.maxcdc.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The SQL that {@link EmbeddedMariaDb} and {@link TestDatabase} run for their callers. */
final class JdbcStatements {
  private JdbcStatements() {}

  /** Runs {@code statements} in order on one new connection to {@code url}. */
  static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Drops {@code database} if it exists and creates it empty, on the server of {@code url}. */
  static void recreateDatabase(String url, String database) throws SQLException {
    String quoted = "`" + database.replace("`", "``") + "`";
    execute(url, "DROP DATABASE IF EXISTS " + quoted, "CREATE DATABASE " + quoted);
  }
}
