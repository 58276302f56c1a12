package io.github.maxcdc.examples;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.position.StartPosition;
import java.time.Duration;

/**
 * Quick start: print every change of {@code shop_tx.commandes} as it happens.
 *
 * <pre>
 * MAXSCALE_HOST=maxscale-host CDC_PASSWORD=... java -cp maxcdc.jar io.github.maxcdc.examples.PrintChanges
 * </pre>
 */
public final class PrintChanges {
  private PrintChanges() {}

  /** Streams until stopped (Ctrl-C) or, with a first argument, until that many seconds idle. */
  public static void main(String[] args) throws Exception {
    try (CdcClient client =
        CdcClient.builder()
            .address(Env.maxscaleHost(), Env.maxscalePort())
            .credentials(Env.get("CDC_USER", "cdcuser"), Env.required("CDC_PASSWORD"))
            .format(StreamFormat.JSON)
            .table("shop_tx", "commandes")
            .startAt(StartPosition.beginning())
            .listener(
                event ->
                    System.out.println(event.type() + " " + event.position() + " " + event.row()))
            .stopWhenIdle(Env.secondsArgument(args))
            .build()) {
      client.start();
      client.awaitTermination(Duration.ofDays(36500));
    }
  }
}
