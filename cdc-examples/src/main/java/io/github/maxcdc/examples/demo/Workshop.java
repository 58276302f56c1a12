package io.github.maxcdc.examples.demo;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
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

  Workshop(ScriptedTable table, FakeMaxScale maxscale) {
    this.table = table;
    this.maxscale = maxscale;
  }

  void insertClientA() {
    insert(table::insert, "Client A", new BigDecimal("120.50"));
  }

  void payClientA() {
    table.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
    rows.get(1).put("statut", "PAYEE");
  }

  void deleteClientA() {
    table.delete(Map.of("id", 1));
    rows.remove(1);
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
                tx.update(table, Map.of("id", id), Map.of("statut", status));
                model.add(() -> rows.get(id).put("statut", status));
                count[0]++;
              }
              if (random.nextInt(10) == 0 && rows.size() > 1) {
                int id = rows.firstKey();
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
    insert.accept(row);
    rows.put(nextId++, new LinkedHashMap<>(row));
  }

  /** The rows the source holds now: id to (id, client, montant, statut). */
  Map<Integer, Map<String, Object>> expectedRows() {
    return rows;
  }
}
