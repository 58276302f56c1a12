package io.github.maxcdc.kafka.internal.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.PublishException;
import io.github.maxcdc.position.StreamPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a publisher's last committed position from the positions topic: every record of the topic
 * ({@code read_committed}: an aborted or still open transaction's record does not count), the last
 * one keyed by the publisher id wins. Call it after the producer's {@code initTransactions}, which
 * aborts what a killed predecessor left open (a {@code read_committed} read stops at an open
 * transaction).
 */
public final class PositionReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PositionReader() {}

  /**
   * The position stored for {@code id}, with its source offset, if any.
   *
   * @throws PublishException if the record cannot be read, holds another table's position or does
   *     not parse
   */
  public static Optional<StreamPosition> read(
      Map<String, Object> config, String topic, String id, TableId table, Duration timeout)
      throws PublishException {
    Map<String, Object> c = new HashMap<>(config);
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    c.put("isolation.level", "read_committed");
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.remove("group.id");
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    byte[] last = null;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end, timeout)) {
        if (System.nanoTime() > deadline) {
          throw PublishTopics.unreachable(
              String.valueOf(c.get("bootstrap.servers")), timeout, null);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (Arrays.equals(key, r.key())) {
            last = r.value(); // null: a tombstone, the position was deleted
          }
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw PublishTopics.unreachable(String.valueOf(c.get("bootstrap.servers")), timeout, e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new PublishException(
          "cannot read the positions topic " + topic + ": " + e.getMessage(), false, e);
    }
    return last == null ? Optional.empty() : Optional.of(parse(last, topic, id, table));
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, Duration timeout) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), timeout) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The position a position record's value holds. */
  static StreamPosition parse(byte[] value, String topic, String id, TableId table)
      throws PublishException {
    String where = "the position of publisher '" + id + "' in " + topic;
    try {
      JsonNode node = MAPPER.readTree(value);
      JsonNode stored = node.get("table");
      if (stored == null || !table.toString().equals(stored.asText())) {
        throw new PublishException(
            where
                + " is that of table "
                + (stored == null ? "(none)" : stored.asText())
                + ", not of "
                + table
                + ": give this publisher another id",
            false,
            null);
      }
      JsonNode offset = node.get("source_offset");
      return StreamPosition.parse(node.get("position").asText())
          .withSourceOffset(offset == null || offset.isNull() ? null : offset.asText());
    } catch (IOException | RuntimeException e) {
      throw new PublishException(
          where
              + " does not parse ("
              + e.getMessage()
              + "): "
              + new String(value, StandardCharsets.UTF_8),
          false,
          e);
    }
  }
}
