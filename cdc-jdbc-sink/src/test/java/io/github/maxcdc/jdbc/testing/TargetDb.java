package io.github.maxcdc.jdbc.testing;

import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The target database of a test: the testkit's embedded MariaDB, or the server named by the
 * environment variable {@code MAXCDC_TEST_JDBC_URL} (e.g. {@code
 * jdbc:mariadb://localhost:3306/?user=root&password=secret}), which the same tests then use.
 */
public final class TargetDb implements AutoCloseable {
  static final String EXTERNAL = System.getenv("MAXCDC_TEST_JDBC_URL");

  private final EmbeddedMariaDb embedded; // null for an external server

  private TargetDb(EmbeddedMariaDb embedded) {
    this.embedded = embedded;
  }

  /** An embedded server, or the external one. */
  public static TargetDb embedded() {
    return new TargetDb(EXTERNAL == null ? EmbeddedMariaDb.builder().start() : null);
  }

  /** An embedded server with access control on and one user (tests of credentials). */
  public static TargetDb secured(String user, String password) {
    return new TargetDb(EmbeddedMariaDb.builder().user(user, password).start());
  }

  /** A JDBC URL for {@code database}, user root. */
  public String jdbcUrl(String database) {
    if (embedded != null) {
      return embedded.jdbcUrl(database);
    }
    int query = EXTERNAL.indexOf('?');
    String base = query < 0 ? EXTERNAL : EXTERNAL.substring(0, query);
    String params = query < 0 ? "" : EXTERNAL.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }

  /** The TCP port of the embedded server (tests needing it are skipped on an external one). */
  public int port() {
    Assumptions.assumeTrue(embedded != null, "needs the embedded server");
    return embedded.port();
  }

  /** A new connection to {@code database}. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database));
  }

  /** Runs statements on no particular database. */
  public void execute(String... statements) throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Drops and creates {@code database}. */
  public void recreateDatabase(String database) throws SQLException {
    execute("DROP DATABASE IF EXISTS `" + database + "`", "CREATE DATABASE `" + database + "`");
  }

  /** Takes the server away (embedded only: the test is skipped on an external one). */
  public void stop() {
    Assumptions.assumeTrue(embedded != null, "needs the embedded server");
    embedded.stop();
  }

  /** Brings the server back. */
  public void start() {
    embedded.start();
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
