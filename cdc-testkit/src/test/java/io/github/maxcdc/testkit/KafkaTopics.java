package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic back with a {@link KafkaConsumer}, for the integration tests. */
final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * Reads every record of a topic, partition by partition in offset order (as a recording lists
   * them), after checking that the topic holds exactly {@code expected} records.
   */
  static List<KafkaCdcRecording.KafkaRecord> readAll(
      String bootstrapServers, String topic, int partitions, int expected) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", bootstrapServers,
            "key.deserializer", ByteArrayDeserializer.class.getName(),
            "value.deserializer", ByteArrayDeserializer.class.getName());
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition(topic, p));
    }
    List<KafkaCdcRecording.KafkaRecord> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      assertEquals(expected, ends.values().stream().mapToLong(Long::longValue).sum());
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(
              new KafkaCdcRecording.KafkaRecord(
                  r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
        }
      }
    }
    out.sort(
        Comparator.comparingInt(KafkaCdcRecording.KafkaRecord::partition)
            .thenComparingLong(KafkaCdcRecording.KafkaRecord::offset));
    return out;
  }
}
