package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the topics {@code publish} writes, as a consumer of them would: {@code read_committed}. */
final class TopicRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TopicRecords() {}

  /** A record as text: the key, then the envelope without its publish time {@code ts_ms}. */
  record Published(String key, String value) {}

  /**
   * Every committed record of {@code topic}, partition by partition in offset order, once no
   * transaction is open on it (a commit returns before the broker has written its markers).
   */
  static List<ConsumerRecord<byte[], byte[]>> committed(String bootstrap, String topic) {
    awaitNoOpenTransaction(bootstrap, topic);
    return read(bootstrap, topic, "read_committed");
  }

  /** Every record of {@code topic} committed so far, open transactions or not. */
  static List<ConsumerRecord<byte[], byte[]>> committedSoFar(String bootstrap, String topic) {
    return read(bootstrap, topic, "read_committed");
  }

  private static void awaitNoOpenTransaction(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> committed =
            new KafkaConsumer<>(config(bootstrap, "read_committed"));
        KafkaConsumer<byte[], byte[]> all =
            new KafkaConsumer<>(config(bootstrap, "read_uncommitted"))) {
      List<TopicPartition> partitions =
          committed.partitionsFor(topic, Duration.ofSeconds(20)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!committed.endOffsets(partitions).equals(all.endOffsets(partitions))) {
        assertTrue(System.nanoTime() < deadline, topic + ": a transaction stays open");
        Thread.sleep(10); // polling for the markers, with a deadline
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The committed records of a table's topic, without their publish times. */
  static List<Published> published(String bootstrap, String topic) {
    return published(committed(bootstrap, topic));
  }

  /** The records committed so far to a table's topic, without their publish times. */
  static List<Published> publishedSoFar(String bootstrap, String topic) {
    return published(committedSoFar(bootstrap, topic));
  }

  private static List<Published> published(List<ConsumerRecord<byte[], byte[]>> records) {
    List<Published> list = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      list.add(new Published(text(r.key()), withoutPublishTime(r.value())));
    }
    return list;
  }

  /**
   * The offset after the last record of {@code topic}'s partition 0, committed or not; 0 while the
   * topic does not exist.
   */
  static long endOffset(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
      return 0;
    }
    TopicPartition p = new TopicPartition(topic, 0);
    return consumer.endOffsets(List.of(p), Duration.ofSeconds(10)).getOrDefault(p, 0L);
  }

  /** A consumer to ask end offsets with, {@code read_uncommitted}. */
  static KafkaConsumer<byte[], byte[]> offsetReader(String bootstrap) {
    return new KafkaConsumer<>(config(bootstrap, "read_uncommitted"));
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String withoutPublishTime(byte[] value) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(value);
      assertTrue(node.remove("ts_ms").asLong() > 0, node.toString());
      return node.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> config(String bootstrap, String isolation) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    c.put("isolation.level", isolation);
    c.put("enable.auto.commit", "false");
    return c;
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, String isolation) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config(bootstrap, isolation))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertTrue(System.nanoTime() < deadline, "reading " + topic + " to " + end);
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
