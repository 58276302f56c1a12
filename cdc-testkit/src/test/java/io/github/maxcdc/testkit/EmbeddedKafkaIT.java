package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real broker on the loopback: recordings replayed into it come back byte for byte. */
class EmbeddedKafkaIT {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.builder().baseDir(java.nio.file.Path.of("target")).start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aRecordingReplayedIntoATopicReadsBackAsRecorded() {
    KafkaCdcRecording k1b = KafkaCdcRecording.builtIn("k1b_default_utf8_blobs");
    kafka.load("k1b", k1b);

    assertEquals(36, k1b.records().size());
    assertEquals(k1b.records(), readAll("k1b", k1b.partitions(), k1b.records().size()));
  }

  @Test
  void threePartitionsKeepEachRecordOnItsPartition() {
    KafkaCdcRecording k5 = KafkaCdcRecording.builtIn("k5_partitions");
    assertEquals(3, k5.partitions());
    kafka.createTopic("k5", k5.partitions());
    kafka.produce("k5", k5.records());

    assertEquals(k5.records(), readAll("k5", 3, k5.records().size()));
  }

  @Test
  void aKilledBrokerComesBackWithWhatItAcknowledged() {
    KafkaCdcRecording k4 = KafkaCdcRecording.builtIn("k4_no_schema");
    kafka.createTopic("k4", 1);
    kafka.produce("k4", k4.records());

    kafka.kill();
    assertFalse(kafka.isRunning());
    kafka.start();

    assertTrue(kafka.isRunning());
    assertEquals(k4.records(), readAll("k4", 1, k4.records().size()));
  }

  @Test
  void anUnknownRecordingIsRefusedWithTheNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KafkaCdcRecording.builtIn("k9"));
    assertTrue(e.getMessage().contains("k1b_default_utf8_blobs"), e.getMessage());
  }

  @Test
  void theListenersAreReservedToTheBroker() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EmbeddedKafka.builder().brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"));
  }

  private static List<KafkaCdcRecording.KafkaRecord> readAll(
      String topic, int partitions, int expected) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
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
    // the recording lists partition by partition, in offset order
    out.sort(
        java.util.Comparator.comparingInt(KafkaCdcRecording.KafkaRecord::partition)
            .thenComparingLong(KafkaCdcRecording.KafkaRecord::offset));
    return out;
  }
}
