package io.github.maxcdc.testkit.internal.kafkacdc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the records into a topic with a Kafka producer (acks=all, idempotent, so that retries
 * neither reorder nor duplicate them), each to the partition the router chose. The only class of
 * the testkit's fake KafkaCDC router that needs {@code kafka-clients}. Used by one thread at a
 * time.
 */
public final class TopicSink implements RecordSink {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final String bootstrapServers;
  private final Duration timeout;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * Connects a producer and checks that the topic exists.
   *
   * @param bootstrapServers the broker's {@code host:port} list
   * @param topic an existing topic
   * @param timeout how long one blocking step (metadata, a send, the flush) may take
   * @param properties producer properties that override the defaults
   * @throws IllegalStateException if the topic cannot be found within the timeout
   */
  public TopicSink(
      String bootstrapServers, String topic, Duration timeout, Map<String, String> properties) {
    this.topic = topic;
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("key.serializer", ByteArraySerializer.class.getName());
    config.put("value.serializer", ByteArraySerializer.class.getName());
    config.put("client.id", "maxcdc-fake-kafkacdc");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("linger.ms", "0");
    config.put("max.block.ms", Long.toString(timeout.toMillis()));
    config.put("request.timeout.ms", Long.toString(timeout.toMillis()));
    config.put("delivery.timeout.ms", Long.toString(timeout.toMillis()));
    config.putAll(properties);
    this.producer = new KafkaProducer<>(config);
    try {
      partitions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  @Override
  public int partitions() {
    try {
      return producer.partitionsFor(topic).size();
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "topic "
              + topic
              + " not found on "
              + bootstrapServers
              + " within "
              + timeout.toMillis()
              + " ms: create it first (e.g. EmbeddedKafka.createTopic)",
          e);
    }
  }

  @Override
  public void send(int partition, long timestamp, byte[] key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, partition, timestamp, key, value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.getAndSet(null);
    if (e != null) {
      throw new IllegalStateException(
          "the fake KafkaCDC router could not write to topic "
              + topic
              + " on "
              + bootstrapServers
              + ": "
              + e,
          e);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
