package io.github.maxcdc.examples.demo;

import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The workshop's changes on the simulated source, and the rows they leave (the demo checks the
 * target against them). Not thread-safe.
 */
final class Workshop {
  /** The workshop's source table. */
  static final TableDefinition SOURCE = TableDefinition.commandes();

  /** The workshop's target table. */
  static final String TARGET_DDL =
      "CREATE TABLE shop_dw.commandes_dw (id INT PRIMARY KEY, client VARCHAR(100), "
          + "montant DECIMAL(10,2), statut VARCHAR(20), date_creation TIMESTAMP NULL)";

  private static final String[] CLIENTS = {
    "Alice", "Bruno", "Chloé", "Damien", "Élodie", "François", "Gaëlle"
  };

  private final ScriptedTable table;
  private final FakeMaxScale maxscale;
  private final TreeMap<Integer, Map<String, Object>> rows = new TreeMap<>();
  private int nextId = 1;
  private Connection sourceDb; // the source database, kept equal to what the stream says

  Workshop(ScriptedTable table, FakeMaxScale maxscale) {
    this.table = table;
    this.maxscale = maxscale;
  }

  /** The source's DDL of the workshop's table, for the source database. */
  static final String SOURCE_DDL =
      "CREATE TABLE shop_tx.commandes (id INT AUTO_INCREMENT PRIMARY KEY, client VARCHAR(100),"
          + " montant DECIMAL(10,2), statut VARCHAR(20),"
          + " date_creation TIMESTAMP DEFAULT CURRENT_TIMESTAMP)";

  /** Orders the shop had before MaxScale watched the table: no change stream carries them. */
  static final List<List<Object>> HISTORY =
      List.of(
          List.of(1, "Historique Alpha", new BigDecimal("35.00"), "EXPEDIEE"),
          List.of(2, "Historique Beta", new BigDecimal("980.10"), "EXPEDIEE"),
          List.of(3, "Historique Gamma", new BigDecimal("12.99"), "PAYEE"));

  /**
   * Creates the workshop's table on the source database with the older orders, written with {@code
   * sql_log_bin = 0}: in the table, in no binary log, so in no change stream.
   */
  static void createSourceTable(EmbeddedMariaDb source) throws SQLException {
    try (Connection c = source.connect("");
        Statement s = c.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
      s.execute("CREATE DATABASE shop_tx");
      s.execute(SOURCE_DDL);
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO shop_tx.commandes (id, client, montant, statut) VALUES (?, ?, ?, ?)")) {
        for (List<Object> h : HISTORY) {
          for (int i = 0; i < h.size(); i++) {
            p.setObject(i + 1, h.get(i));
          }
          p.executeUpdate();
        }
      }
    }
  }

  /**
   * Applies every later change to {@code source}'s table too (outside its binary log), as a shop's
   * own database holds what MaxScale streams: the sink re-reads some columns from it.
   */
  void mirrorTo(EmbeddedMariaDb source) throws SQLException {
    sourceDb = source.connect("shop_tx");
    try (Statement s = sourceDb.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
    }
  }

  private void onSource(String sql, Object... values) {
    if (sourceDb == null) {
      return;
    }
    try (PreparedStatement p = sourceDb.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        p.setObject(i + 1, values[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("the demo's source database refused " + sql, e);
    }
  }

  /**
   * Gives the simulated source the shop's older orders, which it holds without streaming them (the
   * source database gets them too, see the demo); returns how many.
   */
  int seedHistory() {
    for (List<Object> h : HISTORY) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", h.get(0));
      row.put("client", h.get(1));
      row.put("montant", h.get(2));
      row.put("statut", h.get(3));
      table.seed(row);
      rows.put((Integer) h.get(0), new LinkedHashMap<>(row));
      nextId = (Integer) h.get(0) + 1;
    }
    return HISTORY.size();
  }

  void insertClientA() {
    insert(table::insert, "Client A", new BigDecimal("120.50"));
  }

  void payClientA() {
    onSource("UPDATE commandes SET statut = 'PAYEE' WHERE id = ?", clientA());
    table.update(Map.of("id", clientA()), Map.of("statut", "PAYEE"));
    rows.get(clientA()).put("statut", "PAYEE");
  }

  void deleteClientA() {
    int id = clientA();
    onSource("DELETE FROM commandes WHERE id = ?", id);
    table.delete(Map.of("id", id));
    rows.remove(id);
  }

  private int clientA() {
    return HISTORY.size() + 1;
  }

  /** Scripts {@code orders} new orders and some changes to them; returns the number of changes. */
  int randomOrders(int orders) {
    SplittableRandom random = new SplittableRandom(2026);
    int changes = 0;
    for (int made = 0; made < orders; ) {
      List<Runnable> model = new ArrayList<>();
      int[] count = {0};
      int size = 1 + random.nextInt(5);
      int first = made;
      maxscale.transaction(
          tx -> {
            for (int i = 0; i < size && first + i < orders; i++) {
              String client = CLIENTS[random.nextInt(CLIENTS.length)] + " " + (first + i);
              BigDecimal amount = BigDecimal.valueOf(random.nextInt(100_000), 2);
              insert(row -> tx.insert(table, row), client, amount);
              count[0]++;
              if (random.nextInt(3) == 0 && !rows.isEmpty()) {
                int id = rows.lastKey();
                String status = random.nextBoolean() ? "PAYEE" : "EXPEDIEE";
                onSource("UPDATE commandes SET statut = ? WHERE id = ?", status, id);
                tx.update(table, Map.of("id", id), Map.of("statut", status));
                model.add(() -> rows.get(id).put("statut", status));
                count[0]++;
              }
              if (random.nextInt(10) == 0 && rows.size() > 1) {
                int id = rows.firstKey();
                onSource("DELETE FROM commandes WHERE id = ?", id);
                tx.delete(table, Map.of("id", id));
                model.add(() -> rows.remove(id));
                count[0]++;
              }
              model.forEach(Runnable::run);
              model.clear();
            }
          });
      made += size;
      changes += count[0];
    }
    return changes;
  }

  private void insert(
      java.util.function.Consumer<Map<String, Object>> insert, String client, BigDecimal amount) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", nextId);
    row.put("client", client);
    row.put("montant", amount);
    row.put("statut", "NOUVELLE");
    onSource(
        "INSERT INTO commandes (id, client, montant, statut) VALUES (?, ?, ?, 'NOUVELLE')",
        nextId,
        client,
        amount);
    insert.accept(row);
    rows.put(nextId++, new LinkedHashMap<>(row));
  }

  /** The rows the source holds now: id to (id, client, montant, statut). */
  Map<Integer, Map<String, Object>> expectedRows() {
    return rows;
  }
}
