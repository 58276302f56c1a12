package io.github.maxcdc.jdbc.testing;

/** One embedded MariaDB per test JVM, started on first use, stopped when the JVM exits. */
public final class SharedMariaDb {
  private static EmbeddedMariaDb db;

  private SharedMariaDb() {}

  /** The server. */
  public static synchronized EmbeddedMariaDb get() {
    if (db == null) {
      db = EmbeddedMariaDb.start("shared");
      Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
    }
    return db;
  }
}
