package io.github.maxcdc.kafka.internal.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Source offsets round-trip, in partition order; anything else is refused. */
class SourceOffsetsTest {
  @Test
  void roundTripsInPartitionOrder() {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    offsets.put(new TopicPartition("maxcdc.shop-tx.commandes", 10), 7L);
    offsets.put(new TopicPartition("maxcdc.shop-tx.commandes", 2), 0L);
    offsets.put(new TopicPartition("a", 0), 123456789012L);
    String text = SourceOffsets.format(offsets);
    assertEquals(
        "a-0:123456789012,maxcdc.shop-tx.commandes-2:0,maxcdc.shop-tx.commandes-10:7", text);
    assertEquals(offsets, SourceOffsets.parse(text));
    assertEquals("t-3:9", SourceOffsets.format(new TopicPartition("t", 3), 9));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0:12", "t-0", "t-x:1", "t-0:-1", "t-0:1,t-0:2", "-0:1"})
  void refusesWhatIsNotOffsets(String text) {
    assertThrows(IllegalArgumentException.class, () -> SourceOffsets.parse(text));
  }
}
