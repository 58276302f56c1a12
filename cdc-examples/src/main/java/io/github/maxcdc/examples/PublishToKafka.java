package io.github.maxcdc.examples;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.KafkaPublisher;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the changes of {@code shop_tx.commandes} to the Kafka topic {@code
 * maxcdc.shop_tx.commandes} of {@code KAFKA_BOOTSTRAP} (default {@code localhost:9092}), keyed by
 * {@code id}, exactly once: run it again after a stop or a crash and it resumes right after the
 * position its last Kafka transaction recorded.
 *
 * <pre>
 * MAXSCALE_HOST=maxscale-host CDC_PASSWORD=... KAFKA_BOOTSTRAP=kafka:9092 \
 *   java -cp maxcdc.jar io.github.maxcdc.examples.PublishToKafka
 * </pre>
 */
public final class PublishToKafka {
  private PublishToKafka() {}

  /** Publishes until stopped (Ctrl-C) or, with a first argument, until that many seconds idle. */
  public static void main(String[] args) throws Exception {
    try (KafkaPublisher publisher =
            KafkaPublisher.builder()
                .bootstrap(Env.get("KAFKA_BOOTSTRAP", "localhost:9092"))
                .table(TableId.parse("shop_tx.commandes"))
                .keyColumns(List.of("id"))
                .build();
        CdcClient client =
            publisher
                .attach(
                    CdcClient.builder()
                        .address(Env.maxscaleHost(), Env.maxscalePort())
                        .credentials(Env.get("CDC_USER", "cdcuser"), Env.required("CDC_PASSWORD"))
                        .stopWhenIdle(Env.secondsArgument(args)))
                .build()) {
      client.start();
      client.awaitTermination(Duration.ofDays(36500));
      client.close(); // no change arrives any more: what was read can be committed
      publisher.flush();
      System.out.println(
          publisher.publishedRecords()
              + " records published to "
              + publisher.changeTopic()
              + "; last position "
              + publisher.lastCommitted().orElse(null));
    }
  }
}
