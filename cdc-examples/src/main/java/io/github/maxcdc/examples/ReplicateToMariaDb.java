package io.github.maxcdc.examples;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import java.time.Duration;

/**
 * Replicates {@code shop_tx.commandes} into {@code shop_dw.commandes_dw} on another MariaDB,
 * exactly once: run it again after a stop or a crash and it resumes right after the last change it
 * committed.
 *
 * <pre>
 * MAXSCALE_HOST=maxscale-host CDC_PASSWORD=... DW_URL=jdbc:mariadb://dw-host:3306/shop_dw DW_PASSWORD=... \
 *   java -cp maxcdc.jar io.github.maxcdc.examples.ReplicateToMariaDb
 * </pre>
 */
public final class ReplicateToMariaDb {
  private ReplicateToMariaDb() {}

  /** Replicates until stopped (Ctrl-C), or, with a first argument, until that many seconds idle. */
  public static void main(String[] args) throws Exception {
    try (JdbcSink sink =
            JdbcSink.builder()
                .jdbcUrl(System.getenv("DW_URL"), "etl_user", System.getenv("DW_PASSWORD"))
                .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
                .build();
        CdcClient client =
            sink.attach(
                    CdcClient.builder()
                        .address(System.getenv().getOrDefault("MAXSCALE_HOST", "localhost"), 4001)
                        .credentials("cdcuser", System.getenv("CDC_PASSWORD")))
                .stopWhenIdle(
                    Duration.ofSeconds(
                        args.length > 0 ? Long.parseLong(args[0]) : 365L * 24 * 3600))
                .build()) {
      client.start();
      client.awaitTermination(Duration.ofDays(365));
      System.out.println(sink.metrics());
    }
  }
}
