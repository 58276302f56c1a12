package io.github.maxcdc;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.testing.Recorder;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workshop's tables, scripted on a fake MaxScale. */
final class Workshop {
  static final TableDefinition COMMANDES = TableDefinition.commandes();

  static final TableDefinition RETOURS =
      TableDefinition.builder()
          .column("id", "INT")
          .column("commande_id", "INT")
          .column("motif", "VARCHAR(50)")
          .primaryKey("id")
          .autoIncrement("id")
          .build();

  private Workshop() {}

  static Map<String, Object> order(String client, String amount, String status) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("client", client);
    row.put("montant", new BigDecimal(amount));
    row.put("statut", status);
    return row;
  }

  /** A phase-1-like workload: inserts, updates, deletes, and one multi-row transaction. */
  static void phase1(FakeMaxScale server) {
    ScriptedTable t = server.createTable("shop_tx", "commandes", COMMANDES);
    t.insert(order("Alice Martin", "120.50", "NOUVELLE"));
    t.insert(order("Bruno Lefèvre", "75.00", "NOUVELLE"));
    t.insert(order("Chloé Dubois", "300.99", "NOUVELLE"));
    t.update(Map.of("id", 1), Map.of("statut", "PAYEE", "montant", new BigDecimal("125.50")));
    t.delete(Map.of("id", 2));
    server.transaction(
        tx -> {
          tx.insert(t, order("Damien Petit", "10.00", "NOUVELLE"));
          tx.insert(t, order("Élodie Roux", "20.00", "NOUVELLE"));
          tx.insert(t, order("François Moreau", "30.00", "NOUVELLE"));
          tx.update(t, Map.of("id", 3), Map.of("statut", "EXPEDIEE"));
          tx.delete(t, Map.of("id", 4));
        });
    t.update(Map.of("id", 1), Map.of("client", "Alice Martin-Durand"));
  }

  /** Every event of the workload, read once from the beginning. */
  static List<ChangeEvent> phase1Events(FakeMaxScale server, StreamFormat format) throws Exception {
    Recorder all = new Recorder();
    try (CdcClient client =
        CdcClient.builder()
            .address(server.host(), server.port())
            .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
            .format(format)
            .table("shop_tx", "commandes")
            .listener(all)
            .stopWhenIdle(Duration.ofMillis(500))
            .build()) {
      client.start();
      client.awaitTermination(Duration.ofSeconds(20));
    }
    return all.events;
  }
}
