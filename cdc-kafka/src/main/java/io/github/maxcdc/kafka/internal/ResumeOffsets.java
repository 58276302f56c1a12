package io.github.maxcdc.kafka.internal;

import java.util.Arrays;

/**
 * Where a table's stream in a KafkaCDC topic resumes, as the {@link
 * io.github.maxcdc.position.StreamPosition#sourceOffset()} of each change: the next offset of every
 * partition (records before it were all read), and where the table's schema came from (its last
 * schema record, or the source database's column types when the topic had none). Text form, one
 * line and locale-proof:
 *
 * <pre>{@code
 * kafkacdc;topic=cdc;next=0:1204,1:1187,2:1220;schema=record:1:12
 * kafkacdc;topic=cdc;next=0:1204;schema=declared:3
 * kafkacdc;topic=cdc;next=0:1204;schema=none
 * }</pre>
 *
 * Immutable.
 *
 * @param topic the topic
 * @param next the next offset to read, by partition number
 * @param schemaPartition the partition of the table's last schema record, or -1
 * @param schemaOffset the offset of that record, or the schema version built from the source
 *     database's column types when {@code schemaPartition} is -1 (0: no schema yet)
 */
public record ResumeOffsets(String topic, long[] next, int schemaPartition, long schemaOffset) {
  private static final String PREFIX = "kafkacdc;";

  /** Whether the schema is a record of the topic. */
  public boolean schemaIsRecord() {
    return schemaPartition >= 0;
  }

  /** The schema version built from declared types, or 0. */
  public int declaredVersion() {
    return schemaPartition >= 0 ? 0 : (int) schemaOffset;
  }

  /** The text form, which {@link #parse(String)} reads. */
  public String format() {
    return format(topic, next, schemaPartition, schemaOffset);
  }

  /** The text form of these fields, without copying {@code next}. */
  static String format(String topic, long[] next, int schemaPartition, long schemaOffset) {
    StringBuilder out = new StringBuilder(32 + 12 * next.length);
    out.append(PREFIX).append("topic=").append(topic).append(";next=");
    for (int p = 0; p < next.length; p++) {
      if (p > 0) {
        out.append(',');
      }
      out.append(p).append(':').append(next[p]);
    }
    out.append(";schema=");
    if (schemaPartition >= 0) {
      out.append("record:").append(schemaPartition).append(':').append(schemaOffset);
    } else if (schemaOffset > 0) {
      out.append("declared:").append(schemaOffset);
    } else {
      out.append("none");
    }
    return out.toString();
  }

  /**
   * Reads the text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a KafkaCDC stream's source offset
   */
  public static ResumeOffsets parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "expected a KafkaCDC source offset (kafkacdc;topic=...;next=...), got '"
              + excerpt(text)
              + "'");
    }
    String topic = null;
    long[] next = null;
    int schemaPartition = -1;
    long schemaOffset = 0;
    try {
      for (String part : text.substring(PREFIX.length()).split(";", -1)) {
        int eq = part.indexOf('=');
        String name = eq < 0 ? part : part.substring(0, eq);
        String value = eq < 0 ? "" : part.substring(eq + 1);
        switch (name) {
          case "topic" -> topic = value;
          case "next" -> next = offsets(value);
          case "schema" -> {
            if (value.startsWith("record:")) {
              String[] po = value.substring("record:".length()).split(":", -1);
              schemaPartition = Integer.parseInt(po[0]);
              schemaOffset = Long.parseLong(po[1]);
            } else if (value.startsWith("declared:")) {
              schemaOffset = Integer.parseInt(value.substring("declared:".length()));
            } else if (!value.equals("none")) {
              throw new IllegalArgumentException("schema=" + value);
            }
          }
          default -> throw new IllegalArgumentException("unknown part '" + name + "'");
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "malformed KafkaCDC source offset '" + excerpt(text) + "': " + e.getMessage(), e);
    }
    if (topic == null || topic.isEmpty() || next == null || schemaPartition >= next.length) {
      throw new IllegalArgumentException(
          "malformed KafkaCDC source offset '" + excerpt(text) + "': topic or offsets missing");
    }
    return new ResumeOffsets(topic, next, schemaPartition, schemaOffset);
  }

  private static long[] offsets(String value) {
    String[] parts = value.split(",", -1);
    long[] next = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      int colon = parts[i].indexOf(':');
      int partition = Integer.parseInt(parts[i].substring(0, colon));
      if (partition != i) {
        throw new IllegalArgumentException("partition " + partition + " out of order");
      }
      next[i] = Long.parseLong(parts[i].substring(colon + 1));
      if (next[i] < 0) {
        throw new IllegalArgumentException("negative offset " + next[i]);
      }
    }
    return next;
  }

  private static String excerpt(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResumeOffsets r
        && topic.equals(r.topic)
        && Arrays.equals(next, r.next)
        && schemaPartition == r.schemaPartition
        && schemaOffset == r.schemaOffset;
  }

  @Override
  public int hashCode() {
    return topic.hashCode() * 31 + Arrays.hashCode(next);
  }

  @Override
  public String toString() {
    return format();
  }
}
