package io.github.maxcdc.testing;

import io.github.maxcdc.CdcClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A program using a client, run as a separate JVM by {@code JvmExitIT}: streams from the fake
 * MaxScale at {@code args[0]} until it has a change, then returns from main, closing the client
 * first or not ({@code args[1]}: {@code close} or {@code leave}).
 */
public final class ClientProgram {
  private ClientProgram() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CdcClient client =
        CdcClient.builder()
            .address("127.0.0.1", Integer.parseInt(args[0]))
            .credentials("cdcuser", "cdcpass")
            .table("shop_tx", "commandes")
            .listener(event -> first.countDown())
            .build();
    client.start();
    if (!first.await(20, TimeUnit.SECONDS)) {
      System.exit(3);
    }
    if (args[1].equals("close")) {
      client.close();
      client.awaitTermination(Duration.ofSeconds(5));
    }
    System.out.println("main returns");
  }
}
