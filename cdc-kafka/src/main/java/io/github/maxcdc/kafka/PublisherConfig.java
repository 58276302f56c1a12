package io.github.maxcdc.kafka;

import io.github.maxcdc.event.TableId;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings of a {@link KafkaPublisher}, validated by its builder. Immutable. */
record PublisherConfig(
    String bootstrap,
    TableId table,
    String prefix,
    int partitions,
    Map<String, String> properties,
    String id,
    List<String> keyColumns,
    boolean allowUntrusted,
    int transactionEvents,
    Duration transactionLatency,
    int maxTransactionEvents,
    Duration maxTransactionLatency,
    Duration timeout,
    String sourceTopic,
    javax.sql.DataSource rereadFrom,
    Clock clock) {

  PublisherConfig {
    properties = Map.copyOf(properties);
    keyColumns = List.copyOf(keyColumns);
  }

  /** Without the properties' values nor the source database, which may hold secrets. */
  @Override
  public String toString() {
    return "PublisherConfig[bootstrap="
        + bootstrap
        + ", table="
        + table
        + ", prefix="
        + prefix
        + ", id="
        + id
        + ", properties="
        + properties.keySet()
        + ", reread="
        + (rereadFrom != null)
        + "]";
  }

  /** The settings of every Kafka client of the publisher: the user's, then the brokers. */
  Map<String, Object> clientConfig() {
    Map<String, Object> c = new LinkedHashMap<>(properties);
    c.put("bootstrap.servers", bootstrap);
    c.put("default.api.timeout.ms", (int) timeout.toMillis());
    c.putIfAbsent("request.timeout.ms", (int) Math.min(timeout.toMillis(), 30_000));
    return c;
  }
}
