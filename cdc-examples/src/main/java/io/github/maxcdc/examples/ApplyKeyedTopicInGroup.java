package io.github.maxcdc.examples;

import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.kafka.KeyedTopicReader;
import io.github.maxcdc.kafka.PartitionApplier;
import java.time.Duration;

/**
 * Applies the keyed topic {@code maxcdc.shop_tx.commandes} (written by {@code maxcdc publish}) of
 * {@code KAFKA_BOOTSTRAP} to {@code shop_dw.commandes_dw} as a member of the consumer group {@code
 * dw-loader}: run it on several machines (or several times on one) and the partitions are applied
 * in parallel, each by a sink with a checkpoint row of its own ({@code
 * shop_tx.commandes->shop_dw.commandes_dw@maxcdc.shop_tx.commandes-N}); run it again after a crash
 * and each partition resumes right after its checkpoint. Per-key order is kept; a source
 * transaction whose rows span partitions is no longer applied atomically.
 *
 * <pre>
 * KAFKA_BOOTSTRAP=kafka:9092 DW_URL=jdbc:mariadb://dw-host:3306/shop_dw DW_PASSWORD=... \
 *   java -cp maxcdc.jar io.github.maxcdc.examples.ApplyKeyedTopicInGroup
 * </pre>
 */
public final class ApplyKeyedTopicInGroup {
  private ApplyKeyedTopicInGroup() {}

  /** Applies until stopped (Ctrl-C), or, with a first argument, until that many seconds idle. */
  public static void main(String[] args) throws Exception {
    try (KeyedTopicReader member =
        KeyedTopicReader.builder()
            .bootstrapServers(Env.get("KAFKA_BOOTSTRAP", "localhost:9092"))
            .topics("maxcdc.shop_tx.commandes")
            .property("session.timeout.ms", Env.get("KAFKA_SESSION_TIMEOUT_MS", "45000"))
            .group(
                "dw-loader",
                (topic, partition) -> {
                  JdbcSink sink =
                      JdbcSink.builder()
                          .jdbcUrl(
                              Env.required("DW_URL"),
                              Env.get("DW_USER", "etl_user"),
                              Env.required("DW_PASSWORD"))
                          .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
                          .streamId(
                              "shop_tx.commandes->shop_dw.commandes_dw@" + topic + "-" + partition)
                          .build();
                  return PartitionApplier.of(sink, sink::lastApplied);
                })
            .stopWhenIdle(Env.secondsArgument(args))
            .build()) {
      member.start();
      member.awaitTermination(Duration.ofDays(36500)); // until idle, Ctrl-C or a failure
      System.out.println("member of dw-loader stopped: no data for its idle time");
    }
  }
}
