package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.sql.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sink's one connection to the target: opened on demand with autocommit off and the session
 * time zone set to UTC, dropped after a failure and opened again on the next use. Not thread-safe:
 * used by the thread applying the stream.
 */
public final class TargetSession implements AutoCloseable {
  private final ConnectionFactory factory;
  private Connection connection;
  private StatementCache statements;

  /** A session opening its connections with {@code factory}. */
  public TargetSession(ConnectionFactory factory) {
    this.factory = factory;
  }

  /** The open connection, opened if needed. */
  public Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = factory.open();
      try {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute(MariaDbDialect.utcSession());
        }
        c.commit();
      } catch (SQLException e) {
        closeQuietly(c);
        throw e;
      }
      connection = c;
      statements = new StatementCache(c);
    }
    return connection;
  }

  StatementCache statements() throws SQLException {
    connection();
    return statements;
  }

  /** Rolls back the open transaction, if any, ignoring failures (the connection may be gone). */
  public void rollbackQuietly() {
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        reset();
      }
    }
  }

  /** Drops the connection: the next use opens a new one. */
  public void reset() {
    if (statements != null) {
      statements.close();
      statements = null;
    }
    if (connection != null) {
      closeQuietly(connection);
      connection = null;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken
    }
  }

  @Override
  public void close() {
    reset();
  }
}
