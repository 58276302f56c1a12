package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How to test your own pipeline against a fake MaxScale: script the changes of a table, point the
 * client at the fake server, and check what your listener received. The workshop's scenario.
 */
class TestYourPipelineTest {

  @Test
  void theWorkshopScenario() throws Exception {
    try (FakeMaxScale maxscale =
        FakeMaxScale.builder().build()) { // cdcuser / cdcpass, ephemeral port
      ScriptedTable commandes =
          maxscale.createTable(
              "shop_tx",
              "commandes",
              TableDefinition.builder()
                  .column("id", "INT")
                  .autoIncrement("id")
                  .primaryKey("id")
                  .column("client", "VARCHAR(100)")
                  .column("montant", "DECIMAL(10,2)")
                  .column("statut", "VARCHAR(20)")
                  .build());
      commandes.insert(
          Map.of("client", "Client A", "montant", new BigDecimal("120.50"), "statut", "NOUVELLE"));
      commandes.update(Map.of("client", "Client A"), Map.of("statut", "PAYEE"));
      commandes.delete(Map.of("client", "Client A"));

      List<ChangeEvent> received = new CopyOnWriteArrayList<>();
      try (CdcClient client =
          CdcClient.builder()
              .address(maxscale.host(), maxscale.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .table("shop_tx", "commandes")
              .listener(received::add)
              .stopWhenIdle(Duration.ofMillis(500))
              .build()) {
        client.start();
        client.awaitTermination(Duration.ofSeconds(10));
      }

      assertEquals(
          List.of("INSERT", "UPDATE", "DELETE"),
          received.stream().map(e -> e.type().name()).toList());
      assertEquals("PAYEE", received.get(1).after().getString("statut"));
      assertEquals(new BigDecimal("120.5"), received.get(1).after().getBigDecimal("montant"));
    }
  }
}
