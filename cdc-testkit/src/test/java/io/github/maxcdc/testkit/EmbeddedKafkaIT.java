package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    return KafkaTopics.readAll(kafka.bootstrapServers(), topic, partitions, expected);
  }
}
