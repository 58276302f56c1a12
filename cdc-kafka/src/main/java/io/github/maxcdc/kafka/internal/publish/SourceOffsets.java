package io.github.maxcdc.kafka.internal.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the partitions' next offsets out of a stream position's source offset, for {@code
 * sendOffsetsToTransaction}: each entry separated by {@code ,} or {@code ;} ends with a partition
 * number and an offset ({@code 0:42}, {@code 0=42}, {@code topic-0@42}...). The source offset is
 * the source's own text: what does not read so is no offsets (the position record, which holds the
 * text as it is, stays the authority; the offsets only let Kafka's tools show the lag). Stateless.
 */
public final class SourceOffsets {
  private static final Pattern ENTRY = Pattern.compile(".*?(\\d+)\\s*[:=@/]\\s*(\\d+)\\s*");

  private SourceOffsets() {}

  /** The offsets {@code text} gives for {@code topic}, or null if it does not read so. */
  public static Map<TopicPartition, OffsetAndMetadata> parse(String topic, String text) {
    if (topic == null || text == null || text.isBlank()) {
      return null;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    if (text.startsWith("kafkacdc;")) { // a KafkaCDC topic's: every partition's next offset
      try {
        long[] next = io.github.maxcdc.kafka.internal.ResumeOffsets.parse(text).next();
        for (int p = 0; p < next.length; p++) {
          offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(next[p]));
        }
        return offsets;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    for (String entry : text.split("[,;]")) {
      Matcher m = ENTRY.matcher(entry);
      if (!m.matches()) {
        return null;
      }
      try {
        offsets.put(
            new TopicPartition(topic, Integer.parseInt(m.group(1))),
            new OffsetAndMetadata(Long.parseLong(m.group(2))));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return offsets;
  }
}
