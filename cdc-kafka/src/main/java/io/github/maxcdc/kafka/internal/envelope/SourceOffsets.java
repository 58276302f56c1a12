package io.github.maxcdc.kafka.internal.envelope;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code sourceOffset} of a position read from keyed topics: for each partition, the offset of
 * the next record to read, {@code topic-partition:offset[,topic-partition:offset...]} (e.g. {@code
 * maxcdc.shop_tx.commandes-0:42,maxcdc.shop_tx.commandes-1:17}). Kafka's topic names hold no {@code
 * :} nor {@code ,}; the partition is after the last {@code -}. Stateless.
 */
public final class SourceOffsets {
  /** Partitions by topic, then number. */
  public static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private SourceOffsets() {}

  /** The text of {@code offsets}, in {@link #ORDER}. */
  public static String format(Map<TopicPartition, Long> offsets) {
    StringBuilder text = new StringBuilder();
    Map<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
    sorted.putAll(offsets);
    sorted.forEach(
        (tp, offset) ->
            text.append(text.length() == 0 ? "" : ",")
                .append(tp.topic())
                .append('-')
                .append(tp.partition())
                .append(':')
                .append(offset));
    return text.toString();
  }

  /** The text of one partition's next offset. */
  public static String format(TopicPartition partition, long next) {
    return partition.topic() + "-" + partition.partition() + ":" + next;
  }

  /**
   * Parses what {@link #format} wrote.
   *
   * @throws IllegalArgumentException if {@code text} is not of that form, saying what was expected
   */
  public static Map<TopicPartition, Long> parse(String text) {
    Map<TopicPartition, Long> offsets = new TreeMap<>(ORDER);
    for (String part : text.split(",", -1)) {
      int colon = part.lastIndexOf(':');
      int dash = colon < 0 ? -1 : part.lastIndexOf('-', colon);
      try {
        if (dash <= 0) {
          throw new NumberFormatException();
        }
        TopicPartition tp =
            new TopicPartition(
                part.substring(0, dash), Integer.parseInt(part.substring(dash + 1, colon)));
        long offset = Long.parseLong(part.substring(colon + 1));
        if (tp.partition() < 0 || offset < 0 || offsets.put(tp, offset) != null) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected Kafka offsets as topic-partition:offset[,...] (e.g."
                + " maxcdc.shop_tx.commandes-0:42), got '"
                + text
                + "': it was not stored by a reader of keyed topics");
      }
    }
    return offsets;
  }
}
