package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Two source tables, {@code shop_tx.commandes} and {@code shop_tx.clients}, on a fake MaxScale, fed
 * by rounds of changes (transactions across both tables, updates, deletes), with a model of the
 * rows each should hold and of the number of changes in each stream: the source of truth the
 * targets are checked against, row by row.
 */
final class TwoTables {
  static final String DW = "multi_dw";
  static final String COMMANDES_DW = DW + ".commandes_dw";
  static final String CLIENTS_DW = DW + ".clients_dw";
  static final String COMMANDES_STREAM = "shop_tx.commandes->" + COMMANDES_DW;
  static final String CLIENTS_STREAM = "shop_tx.clients->" + CLIENTS_DW;
  static final TableDefinition CLIENTS =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("nom", "VARCHAR(100)")
          .column("ville", "VARCHAR(50)")
          .build();

  private final FakeMaxScale server;
  private final ScriptedTable commandes;
  private final ScriptedTable clients;
  // each stream's changes in order, as edits of its rows (id to the row's values)
  private final List<Consumer<TreeMap<Integer, List<Object>>>> commandesChanges = new ArrayList<>();
  private final List<Consumer<TreeMap<Integer, List<Object>>>> clientsChanges = new ArrayList<>();
  private int rounds;

  TwoTables(FakeMaxScale server) {
    this.server = server;
    this.commandes = server.createTable("shop_tx", "commandes", ReplicateCommandIT.COMMANDES);
    this.clients = server.createTable("shop_tx", "clients", CLIENTS);
  }

  /** Creates the target database and tables, empty. */
  static void createTargets(TestDatabase db) throws SQLException {
    db.recreateDatabase(DW);
    db.execute(
        "CREATE TABLE "
            + COMMANDES_DW
            + " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2), "
            + "statut VARCHAR(20), date_creation TIMESTAMP NULL)",
        "CREATE TABLE "
            + CLIENTS_DW
            + " (id INT PRIMARY KEY, nom VARCHAR(100), ville VARCHAR(50))");
  }

  /**
   * Writes {@code count} rounds: each a transaction inserting an order and a customer and paying
   * the previous order, every third round a transaction deleting an older customer and renaming
   * another one.
   */
  void feed(int count) {
    for (int i = 0; i < count; i++) {
      int n = ++rounds;
      String amount = new BigDecimal(n).movePointLeft(2).add(BigDecimal.TEN).toPlainString();
      server.transaction(
          tx -> {
            Map<String, Object> order = ReplicateCommandIT.order("client " + n, amount, "NOUVELLE");
            order.put("id", n);
            tx.insert(commandes, order);
            tx.insert(clients, Map.of("id", n, "nom", "client " + n, "ville", "Lyon"));
            if (n > 1) {
              tx.update(commandes, Map.of("id", n - 1), Map.of("statut", "PAYEE"));
            }
          });
      List<Object> order = List.of(n, "client " + n, new BigDecimal(amount), "NOUVELLE");
      commandesChanges.add(rows -> rows.put(n, order));
      clientsChanges.add(rows -> rows.put(n, List.of(n, "client " + n, "Lyon")));
      if (n > 1) {
        commandesChanges.add(rows -> rows.put(n - 1, with(rows.get(n - 1), 3, "PAYEE")));
      }
      if (n % 3 == 0) {
        server.transaction(
            tx -> {
              tx.delete(clients, Map.of("id", n - 2));
              tx.update(clients, Map.of("id", n - 1), Map.of("ville", "Paris"));
            });
        clientsChanges.add(rows -> rows.remove(n - 2));
        clientsChanges.add(rows -> rows.put(n - 1, with(rows.get(n - 1), 2, "Paris")));
      }
    }
  }

  private static List<Object> with(List<Object> row, int index, Object value) {
    List<Object> changed = new ArrayList<>(row);
    changed.set(index, value);
    return changed;
  }

  // the rows after the first `count` changes
  private static List<List<Object>> rowsAfter(
      List<Consumer<TreeMap<Integer, List<Object>>>> changes, long count) {
    TreeMap<Integer, List<Object>> rows = new TreeMap<>();
    changes.stream().limit(count).forEach(change -> change.accept(rows));
    return List.copyOf(rows.values());
  }

  /** Changes in both streams so far. */
  long changes() {
    return commandesChanges.size() + clientsChanges.size();
  }

  /**
   * Checks that both targets hold exactly the expected rows and the checkpoints count each change
   * once.
   */
  void assertExact(TestDatabase db) throws Exception {
    assertEquals(rowsAfter(commandesChanges, commandesChanges.size()), commandesRows(db));
    assertEquals(rowsAfter(clientsChanges, clientsChanges.size()), clientsRows(db));
    assertEquals(
        Map.of(
            COMMANDES_STREAM, (long) commandesChanges.size(),
            CLIENTS_STREAM, (long) clientsChanges.size()),
        checkpoints(db),
        "the checkpoint rows count each change once");
  }

  /**
   * Checks that each target holds exactly the rows of the first N changes of its stream, where N is
   * what its checkpoint counts (none without a checkpoint): no stream is half-applied.
   */
  void assertEachAsItsCheckpointSays(TestDatabase db) throws Exception {
    Map<String, Long> applied = checkpoints(db);
    assertEquals(
        rowsAfter(commandesChanges, applied.getOrDefault(COMMANDES_STREAM, 0L)),
        commandesRows(db),
        "commandes_dw after " + applied);
    assertEquals(
        rowsAfter(clientsChanges, applied.getOrDefault(CLIENTS_STREAM, 0L)),
        clientsRows(db),
        "clients_dw after " + applied);
  }

  /** Waits (with a deadline) until both targets hold exactly the expected rows. */
  void awaitRows(TestDatabase db, Duration timeout) throws Exception {
    List<List<Object>> commandesRows = rowsAfter(commandesChanges, commandesChanges.size());
    List<List<Object>> clientsRows = rowsAfter(clientsChanges, clientsChanges.size());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!commandesRows.equals(commandesRows(db)) || !clientsRows.equals(clientsRows(db))) {
      if (System.nanoTime() > deadline) {
        assertEquals(commandesRows, commandesRows(db), "commandes_dw");
        assertEquals(clientsRows, clientsRows(db), "clients_dw");
      }
      Thread.sleep(50);
    }
  }

  /** Waits (with a deadline) until both targets have at least one row. */
  static void awaitSomeRows(TestDatabase db) throws Exception {
    Rows.await(db, COMMANDES_DW, "id", rows -> !rows.isEmpty());
    Rows.await(db, CLIENTS_DW, "id", rows -> !rows.isEmpty());
  }

  static List<List<Object>> commandesRows(TestDatabase db) throws SQLException {
    return values(Rows.of(db, COMMANDES_DW, "id", "id", "client", "montant", "statut"));
  }

  static List<List<Object>> clientsRows(TestDatabase db) throws SQLException {
    return values(Rows.of(db, CLIENTS_DW, "id", "id", "nom", "ville"));
  }

  private static List<List<Object>> values(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> List.copyOf(r.values())).toList();
  }

  /** Stream id to the count of changes its checkpoint row says were applied. */
  static Map<String, Long> checkpoints(TestDatabase db) throws SQLException {
    Map<String, Long> applied = new LinkedHashMap<>();
    try (Connection c = db.connect(DW);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT stream_id, applied_events FROM maxcdc_checkpoint")) {
      while (rs.next()) {
        applied.put(rs.getString(1), rs.getLong(2));
      }
    }
    return applied;
  }
}
