package io.github.maxcdc.bench.apply;

import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The target table of the apply and end-to-end benchmarks, {@code shop_dw.commandes_dw}. */
public final class Target {
  /** The target database. */
  public static final String DATABASE = "shop_dw";

  /** The target table, qualified. */
  public static final String TABLE = DATABASE + ".commandes_dw";

  /** The history table of the apply benchmark ({@code TargetMode.HISTORY}), qualified. */
  public static final String HISTORY = DATABASE + ".commandes_hist";

  private Target() {}

  /**
   * Drops and creates the target database and an empty history table: the target table's columns,
   * then the four history columns, keyed as the sink creates it.
   */
  public static void createHistory(EmbeddedMariaDb db) throws SQLException {
    db.recreateDatabase(DATABASE);
    db.execute(
        "CREATE TABLE "
            + HISTORY
            + " (id INT NULL, client VARCHAR(100), montant DECIMAL(10,2),"
            + " statut VARCHAR(20), date_creation TIMESTAMP NULL,"
            + (Boolean.parseBoolean(System.getProperty("apply.historyAscii", "true"))
                ? " _op VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                    + " _gtid VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                : " _op VARCHAR(8) NOT NULL, _gtid VARCHAR(64) NOT NULL,")
            + " _event_number INT NOT NULL,"
            + " _commit_time DATETIME NOT NULL, PRIMARY KEY (_gtid, _event_number)"
            // -Dapply.historyIndex=false: without the index on the source key, to measure its cost
            + (Boolean.parseBoolean(System.getProperty("apply.historyIndex", "true"))
                ? ", KEY (id))"
                : ")"));
  }

  /** Drops and creates the target database and an empty target table. */
  public static void create(EmbeddedMariaDb db) throws SQLException {
    db.recreateDatabase(DATABASE);
    db.execute(
        "CREATE TABLE "
            + TABLE
            + " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2),"
            + " statut VARCHAR(20), date_creation TIMESTAMP NULL)");
  }

  /** A JDBC URL of the target database for the sink. */
  public static String url(EmbeddedMariaDb db) {
    return "jdbc:mariadb://127.0.0.1:" + db.port() + "/" + DATABASE;
  }

  /** Rows in the target table. */
  public static long count(EmbeddedMariaDb db) throws SQLException {
    return count(db, TABLE);
  }

  /** Rows in {@code table}, qualified. */
  public static long count(EmbeddedMariaDb db, String table) throws SQLException {
    try (Connection c = db.connect(DATABASE);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
