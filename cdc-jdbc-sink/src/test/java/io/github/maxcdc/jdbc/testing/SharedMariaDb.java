package io.github.maxcdc.jdbc.testing;

/** One target database per test JVM, started on first use, stopped when the JVM exits. */
public final class SharedMariaDb {
  private static TargetDb db;

  private SharedMariaDb() {}

  /** The database. */
  public static synchronized TargetDb get() {
    if (db == null) {
      db = TargetDb.embedded();
      Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
    }
    return db;
  }
}
