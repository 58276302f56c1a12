package io.github.maxcdc.jdbc.testing;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One orders table on two sides kept in step: a real source MariaDB (binlog on, server id 1) and
 * the fake MaxScale's scripted table, which serves the stream of what the source binlogged. Each
 * change runs on the fake first, which gives it GTID {@code 0-1-k}, then on the source after {@code
 * SET gtid_seq_no = k}, so that the source's binlog and the stream agree on every GTID. {@link
 * #seed} writes rows no stream carries ({@code sql_log_bin = 0}). Not thread-safe.
 */
public final class MirroredTable implements AutoCloseable {
  /** The table's definition: id, client, montant, statut, heure (TIME, possibly negative). */
  public static final TableDefinition ORDERS =
      TableDefinition.builder()
          .column("id", "INT")
          .column("client", "VARCHAR(100)")
          .column("montant", "DECIMAL(10,2)")
          .column("statut", "VARCHAR(20)")
          .column("heure", "TIME")
          .primaryKey("id")
          .build();

  /** The same table's DDL, for MariaDB. */
  public static String ddl(String table) {
    return "CREATE TABLE "
        + table
        + " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2),"
        + " statut VARCHAR(20), heure TIME)";
  }

  private final FakeMaxScale server;
  private final ScriptedTable fake;
  private final Connection source;
  private final String table;

  /**
   * Creates the table on both sides ({@code database.table}, which the source must not have yet;
   * its DDL is not binlogged).
   */
  public MirroredTable(FakeMaxScale server, Connection source, String database, String name)
      throws SQLException {
    this.server = server;
    this.source = source;
    this.table = database + "." + name;
    try (Statement s = source.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
      s.execute("CREATE DATABASE IF NOT EXISTS " + database);
      s.execute(ddl(table));
      s.execute("SET SESSION sql_log_bin = 1");
    }
    this.fake = server.createTable(database, name, ORDERS);
  }

  static Map<String, Object> row(int id, String client, String montant, String statut, Duration t) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("client", client);
    row.put("montant", new BigDecimal(montant));
    row.put("statut", statut);
    row.put("heure", t);
    return row;
  }

  /** A row that the source has and no stream carries (also known to the fake, not streamed). */
  public void seed(int id, String client, String montant, String statut, Duration heure)
      throws SQLException {
    fake.seed(row(id, client, montant, statut, heure));
    try (Statement s = source.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
    }
    insertOnSource(id, client, montant, statut, heure);
    try (Statement s = source.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 1");
    }
  }

  /**
   * Seeds rows {@code from..to} ({@code old <id>}, {@code <id>.50}, PAYEE, {@code -<id>} seconds),
   * in multi-row statements on the source.
   */
  public void seedRange(int from, int to) throws SQLException {
    try (Statement s = source.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
      StringBuilder values = new StringBuilder();
      for (int id = from; id <= to; id++) {
        Duration t = Duration.ofSeconds(-id);
        fake.seed(row(id, "old " + id, id + ".50", "PAYEE", t));
        values.append(values.length() == 0 ? "" : ", ");
        values.append(
            String.format(
                Locale.ROOT, "(%d, 'old %d', %d.50, 'PAYEE', '%s')", id, id, id, time(t)));
        if ((id - from) % 1000 == 999 || id == to) {
          s.execute("INSERT INTO " + table + " VALUES " + values);
          values.setLength(0);
        }
      }
      s.execute("SET SESSION sql_log_bin = 1");
    }
  }

  /** An INSERT, binlogged and streamed. */
  public void insert(int id, String client, String montant, String statut, Duration heure)
      throws SQLException {
    fake.insert(row(id, client, montant, statut, heure));
    nextGtid();
    insertOnSource(id, client, montant, statut, heure);
  }

  /** An UPDATE of one row's status and time; false if the row does not exist. */
  public boolean update(int id, String statut, Duration heure) throws SQLException {
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("statut", statut);
    changes.put("heure", heure);
    if (fake.update(Map.of("id", id), changes) == 0) {
      return false;
    }
    nextGtid();
    execute("UPDATE " + table + " SET statut = ?, heure = ? WHERE id = ?", statut, time(heure), id);
    return true;
  }

  /** A DELETE of one row; false if the row does not exist. */
  public boolean delete(int id) throws SQLException {
    if (fake.delete(Map.of("id", id)) == 0) {
      return false;
    }
    nextGtid();
    execute("DELETE FROM " + table + " WHERE id = ?", id);
    return true;
  }

  private void insertOnSource(int id, String client, String montant, String statut, Duration t)
      throws SQLException {
    execute(
        "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)",
        id,
        client,
        new BigDecimal(montant),
        statut,
        time(t));
  }

  // the source's next transaction gets the GTID the fake just used
  private void nextGtid() throws SQLException {
    String gtid = server.lastGtid().orElseThrow();
    long sequence = Long.parseLong(gtid.substring(gtid.lastIndexOf('-') + 1));
    try (Statement s = source.createStatement()) {
      s.execute("SET SESSION gtid_seq_no = " + sequence);
    }
  }

  private void execute(String sql, Object... values) throws SQLException {
    try (PreparedStatement p = source.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        p.setObject(i + 1, values[i]);
      }
      p.executeUpdate();
    }
  }

  /** {@code [-]H:MM:SS}, as MariaDB reads a TIME. */
  static String time(Duration d) {
    if (d == null) {
      return null;
    }
    long s = Math.abs(d.getSeconds());
    return String.format(
        Locale.ROOT, "%s%d:%02d:%02d", d.isNegative() ? "-" : "", s / 3600, s / 60 % 60, s % 60);
  }

  @Override
  public void close() throws SQLException {
    source.close();
  }
}
