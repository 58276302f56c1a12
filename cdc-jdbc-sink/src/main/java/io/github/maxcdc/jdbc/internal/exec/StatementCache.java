package io.github.maxcdc.jdbc.internal.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, by SQL text, the {@value #MAX_STATEMENTS} last used:
 * runs of changes are written in statements of their exact length, so a table may use hundreds of
 * texts, and with server-side prepared statements each open one holds a handle on the server
 * (bounded by its {@code max_prepared_stmt_count}). The least recently used statement is closed
 * when another one is prepared: callers bind and execute a statement before they ask for the next,
 * so an evicted statement has nothing pending. Closed with the connection. Not thread-safe.
 */
final class StatementCache implements AutoCloseable {
  /** Open statements at most. */
  static final int MAX_STATEMENTS = 128;

  private final Connection connection;
  private final LinkedHashMap<String, PreparedStatement> statements =
      new LinkedHashMap<>(16, 0.75f, true);

  StatementCache(Connection connection) {
    this.connection = connection;
  }

  PreparedStatement get(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      if (statements.size() == MAX_STATEMENTS) {
        Map.Entry<String, PreparedStatement> eldest = statements.entrySet().iterator().next();
        statements.remove(eldest.getKey());
        eldest.getValue().close();
      }
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  @Override
  public void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // the connection is being dropped anyway
      }
    }
    statements.clear();
  }
}
