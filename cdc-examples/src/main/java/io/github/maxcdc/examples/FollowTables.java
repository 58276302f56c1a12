package io.github.maxcdc.examples;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows several tables in one program: one client per table, each with its own connection, thread
 * and position. The listener is shared, so it must be thread-safe (here it only prints).
 *
 * <pre>
 * MAXSCALE_HOST=maxscale-host CDC_PASSWORD=... java -cp maxcdc.jar io.github.maxcdc.examples.FollowTables
 * </pre>
 */
public final class FollowTables {
  private FollowTables() {}

  /** Follows shop_tx.commandes and shop_tx.retours until the first one ends. */
  public static void main(String[] args) throws Exception {
    ChangeListener print =
        event -> System.out.println(event.table() + " " + event.type() + " " + event.after());
    List<CdcClient> clients = new ArrayList<>();
    for (String table : List.of("commandes", "retours")) {
      clients.add(
          CdcClient.builder()
              .address(System.getenv().getOrDefault("MAXSCALE_HOST", "localhost"), 4001)
              .credentials("cdcuser", System.getenv("CDC_PASSWORD"))
              .table("shop_tx", table)
              .listener(print)
              .build());
    }
    try {
      clients.forEach(CdcClient::start);
      clients.get(0).awaitTermination(Duration.ofDays(365));
    } finally {
      clients.forEach(CdcClient::close);
    }
  }
}
