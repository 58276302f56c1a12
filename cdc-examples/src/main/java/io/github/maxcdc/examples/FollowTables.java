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

  /**
   * Follows shop_tx.commandes and shop_tx.retours until stopped (Ctrl-C) or, with a first argument,
   * until each has been idle that many seconds; a failure of either ends it.
   */
  public static void main(String[] args) throws Exception {
    ChangeListener print =
        event -> System.out.println(event.table() + " " + event.type() + " " + event.row());
    List<CdcClient> clients = new ArrayList<>();
    for (String table : List.of("commandes", "retours")) {
      clients.add(
          CdcClient.builder()
              .address(Env.maxscaleHost(), Env.maxscalePort())
              .credentials(Env.get("CDC_USER", "cdcuser"), Env.required("CDC_PASSWORD"))
              .table("shop_tx", table)
              .listener(print)
              .stopWhenIdle(Env.secondsArgument(args))
              .build());
    }
    try {
      clients.forEach(CdcClient::start);
      boolean ended = false;
      while (!ended) { // each wait throws the failure that stopped its client
        ended = true;
        for (CdcClient client : clients) {
          ended &= client.awaitTermination(Duration.ofMillis(200));
        }
      }
    } finally {
      clients.forEach(CdcClient::close);
    }
  }
}
