package io.github.maxcdc.jdbc.internal.source;

import io.github.maxcdc.jdbc.internal.sql.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens sessions on the source database that can only read: {@code SET SESSION TRANSACTION READ
 * ONLY} (a write fails on the server, whatever the user's grants), session time zone UTC (TIMESTAMP
 * values read as UTC date-times, as the sink writes them), autocommit on. Thread-safe.
 */
public final class SourceConnector {
  private final ConnectionFactory factory;

  /** A connector opening its connections with {@code factory}. */
  public SourceConnector(ConnectionFactory factory) {
    this.factory = factory;
  }

  /** A new read-only session; the caller closes it. */
  public Connection open() throws SQLException {
    Connection c = factory.open();
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("SET SESSION TRANSACTION READ ONLY");
      s.execute("SET time_zone = '+00:00'");
      return c;
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
