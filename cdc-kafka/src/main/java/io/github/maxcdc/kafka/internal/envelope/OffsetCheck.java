package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.kafka.StoredOffsetException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Checks stored offsets against the partitions' ranges before any record is read. Stateless. */
public final class OffsetCheck {
  private OffsetCheck() {}

  /**
   * Throws if an offset of {@code stored} is not in its partition ({@code [log start, end]}: the
   * end is where the next record goes, a valid place to resume).
   */
  public static void check(
      Consumer<?, ?> consumer, Map<TopicPartition, Long> stored, Duration timeout, String whose)
      throws StoredOffsetException {
    if (stored.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> starts = consumer.beginningOffsets(stored.keySet(), timeout);
    Map<TopicPartition, Long> ends = consumer.endOffsets(stored.keySet(), timeout);
    for (Map.Entry<TopicPartition, Long> e : stored.entrySet()) {
      TopicPartition tp = e.getKey();
      long start = starts.get(tp);
      long end = ends.get(tp);
      if (e.getValue() < start || e.getValue() > end) {
        throw new StoredOffsetException(
            tp.topic(), tp.partition(), e.getValue(), start, end, whose);
      }
    }
  }
}
