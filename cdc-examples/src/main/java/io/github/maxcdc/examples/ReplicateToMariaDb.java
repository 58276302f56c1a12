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
                .jdbcUrl(
                    Env.required("DW_URL"),
                    Env.get("DW_USER", "etl_user"),
                    Env.required("DW_PASSWORD"))
                .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
                .build();
        CdcClient client =
            sink.attach(
                    CdcClient.builder()
                        .address(Env.maxscaleHost(), Env.maxscalePort())
                        .credentials(Env.get("CDC_USER", "cdcuser"), Env.required("CDC_PASSWORD")))
                .stopWhenIdle(Env.secondsArgument(args))
                .build()) {
      client.start();
      client.awaitTermination(Duration.ofDays(36500));
      System.out.println(
          sink.metrics().events()
              + " changes applied; checkpoint "
              + sink.lastApplied().orElse(null));
    }
  }
}
