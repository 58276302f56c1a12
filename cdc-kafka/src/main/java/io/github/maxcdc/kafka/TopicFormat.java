package io.github.maxcdc.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.kafka.internal.KafkaConfig;
import io.github.maxcdc.kafka.internal.RecordKey;
import io.github.maxcdc.kafka.internal.envelope.EnvelopeReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The record format of a topic, recognised from its first record rather than configured: MaxScale's
 * KafkaCDC router ({@link KafkaCdcSource}) or the keyed topics {@code maxcdc publish} writes
 * ({@link KeyedTopicReader}).
 */
public enum TopicFormat {
  /**
   * MaxScale's KafkaCDC: schema records keyed by a bare GTID, rows keyed {@code GTID:event_number}
   * with {@code domain}, {@code server_id}, {@code sequence}, {@code event_number}, {@code
   * event_type}, {@code table_schema} and {@code table_name}.
   */
  KAFKA_CDC,

  /** An envelope of {@code maxcdc publish}: a value whose {@code source.connector} is maxcdc. */
  MAXCDC_ENVELOPE;

  private static final Duration EMPTY_WAIT = Duration.ofSeconds(2);

  private static final List<String> KAFKA_CDC_ROW =
      List.of(
          "domain",
          "server_id",
          "sequence",
          "event_number",
          "event_type",
          "table_schema",
          "table_name");
  private static final List<String> KAFKA_CDC_SCHEMA =
      List.of("namespace", "name", "fields", "database", "table", "version");

  /**
   * The format of one record, or empty if it is neither.
   *
   * @param key the record's key, or null
   * @param value the record's value, or null
   */
  public static java.util.Optional<TopicFormat> of(byte[] key, byte[] value) {
    JsonNode node;
    try {
      node = EnvelopeReader.json(value);
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
    if (EnvelopeReader.isEnvelope(node)) {
      return java.util.Optional.of(MAXCDC_ENVELOPE);
    }
    RecordKey parsed;
    try {
      parsed = RecordKey.parse(key);
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
    List<String> needed = parsed.isSchema() ? KAFKA_CDC_SCHEMA : KAFKA_CDC_ROW;
    return needed.stream().allMatch(node::has)
        ? java.util.Optional.of(KAFKA_CDC)
        : java.util.Optional.empty();
  }

  /**
   * Reads the first committed record of {@code topic} (its lowest partition that has one) and tells
   * its format. Nothing is consumed: no group, no offset committed.
   *
   * @param bootstrapServers the brokers, {@code host:port[,...]}
   * @param properties more consumer properties (security...), may be empty
   * @param timeout how long to wait for the broker and the record
   * @throws NoSuchTopicException if the topic does not exist
   * @throws TopicFormatException if the topic is empty or its first record is neither format,
   *     naming the record ({@code topic-partition@offset}) and what was expected
   * @throws CdcTimeoutException if the broker does not answer in time
   */
  public static TopicFormat detect(
      String bootstrapServers, String topic, Map<String, String> properties, Duration timeout)
      throws CdcException {
    Objects.requireNonNull(topic, "topic");
    Map<String, Object> config =
        KafkaConfig.consumer(bootstrapServers, properties, "maxcdc-peek-" + topic);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = partitions(consumer, bootstrapServers, topic, timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      // an empty topic is waited for briefly: a transaction's records are readable (and counted
      // by the end offsets read_committed sees) only once its commit marker is written
      long emptyDeadline = System.nanoTime() + Math.min(timeout.toNanos(), EMPTY_WAIT.toNanos());
      while (System.nanoTime() < deadline) {
        ConsumerRecord<byte[], byte[]> first = null;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (first == null || r.partition() < first.partition()) {
            first = r;
          }
        }
        if (first != null) {
          return of(first);
        }
        if (System.nanoTime() > emptyDeadline && empty(consumer, partitions, timeout)) {
          throw new TopicFormatException(
              "topic "
                  + topic
                  + " is empty: its format cannot be told (expected records of MaxScale's"
                  + " KafkaCDC router or envelopes of maxcdc publish); start once it has records",
              topic);
        }
      }
      throw new TopicFormatException(
          "topic "
              + topic
              + " has no committed record to tell its format from after "
              + timeout.toMillis()
              + " ms (only aborted or pending transactions?)",
          topic);
    } catch (TimeoutException e) {
      throw new CdcTimeoutException(
          "no answer from the Kafka broker " + bootstrapServers + " about topic " + topic, e);
    } catch (KafkaException e) {
      throw new CdcException(
          "cannot read topic " + topic + " on " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  private static boolean empty(
      KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Duration timeout) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
    return partitions.stream().allMatch(tp -> ends.get(tp).equals(starts.get(tp)));
  }

  private static TopicFormat of(ConsumerRecord<byte[], byte[]> r) throws TopicFormatException {
    return of(r.key(), r.value())
        .orElseThrow(
            () ->
                new TopicFormatException(
                    "record "
                        + r.topic()
                        + "-"
                        + r.partition()
                        + "@"
                        + r.offset()
                        + " (value "
                        + EnvelopeReader.excerpt(r.value())
                        + ") is neither a record of MaxScale's KafkaCDC router (key GTID or"
                        + " GTID:event_number, a JSON row with domain, server_id, sequence,"
                        + " event_number, event_type, table_schema and table_name, or a schema)"
                        + " nor an envelope of maxcdc publish (a JSON object with"
                        + " \"source\":{\"connector\":\"maxcdc\",...})",
                    r.topic()));
  }

  /** The topic's partitions, in order. */
  static List<TopicPartition> partitions(
      KafkaConsumer<?, ?> consumer, String bootstrapServers, String topic, Duration timeout)
      throws CdcException {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new NoSuchTopicException(
          "topic " + topic + " does not exist on the Kafka broker " + bootstrapServers, topic);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
    return partitions;
  }
}
