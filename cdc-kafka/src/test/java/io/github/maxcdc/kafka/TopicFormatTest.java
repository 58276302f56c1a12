package io.github.maxcdc.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.kafka.internal.envelope.EnvelopeWriter;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every record of a KafkaCDC recording is KafkaCDC's, every envelope of publish ours, and anything
 * else neither.
 */
class TopicFormatTest {
  @Test
  void everyRecordOfARecordingIsKafkaCdcs() {
    List<KafkaCdcRecording.KafkaRecord> records =
        KafkaCdcRecording.builtIn("k5_partitions").records();
    for (KafkaCdcRecording.KafkaRecord r : records) {
      assertEquals(
          Optional.of(TopicFormat.KAFKA_CDC), TopicFormat.of(r.key(), r.value()), r.keyText());
    }
  }

  @Test
  void anEnvelopeIsOurs() {
    List<io.github.maxcdc.event.ChangeEvent> events = KeyedWorkload.events(1, 5);
    byte[] value =
        new EnvelopeWriter()
            .encode(events.get(0), List.of(KeyedWorkload.SCHEMA.column(0)), 1L)
            .get(0)
            .value();
    assertEquals(
        Optional.of(TopicFormat.MAXCDC_ENVELOPE), TopicFormat.of(bytes("{\"id\":1}"), value));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0-1-2:1 | hello",
        "0-1-2:1 | {\"domain\":0,\"server_id\":1}",
        "hello | {\"domain\":0,\"server_id\":1,\"sequence\":2,\"event_number\":1,"
            + "\"event_type\":\"insert\",\"table_schema\":\"a\",\"table_name\":\"b\"}",
        "{\"id\":1} | {\"source\":{\"connector\":\"mysql\"},\"op\":\"c\"}",
        "0-1-2 | {\"type\":\"record\"}",
      })
  void anythingElseIsNeither(String key, String value) {
    assertEquals(Optional.empty(), TopicFormat.of(bytes(key), bytes(value)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
