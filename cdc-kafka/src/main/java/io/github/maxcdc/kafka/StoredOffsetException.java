package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;

/**
 * The offset a stream stored for a partition (in its checkpoint) is not in the partition: past its
 * end (the topic was deleted and created again, or it is another cluster's), or before its log
 * start (retention deleted records before they were applied). Nothing was read from the partition
 * and nothing applied: a reader never jumps over such a gap by itself.
 */
public final class StoredOffsetException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int partition;
  private final long stored;
  private final long logStart;
  private final long logEnd;

  /**
   * An exception about partition {@code partition} of {@code topic}.
   *
   * @param stored the offset stored
   * @param logStart the partition's first offset
   * @param logEnd the partition's end offset (the next offset to be written)
   * @param whose what stored it, for the message (e.g. "the checkpoint of stream X")
   */
  public StoredOffsetException(
      String topic, int partition, long stored, long logStart, long logEnd, String whose) {
    super(message(topic, partition, stored, logStart, logEnd, whose));
    this.topic = topic;
    this.partition = partition;
    this.stored = stored;
    this.logStart = logStart;
    this.logEnd = logEnd;
  }

  private static String message(
      String topic, int partition, long stored, long logStart, long logEnd, String whose) {
    String where = topic + "-" + partition;
    String range = " (it holds offsets " + logStart + " to " + logEnd + ", end excluded)";
    if (stored > logEnd) {
      return "the offset "
          + stored
          + " stored for "
          + where
          + " in "
          + whose
          + " is past the partition's end "
          + logEnd
          + range
          + ": the topic was deleted and created again, or is not the one that was read;"
          + " nothing was applied. Replicate into a new target (or delete that checkpoint row)"
          + " to start again from the topic's beginning";
    }
    return "the offset "
        + stored
        + " stored for "
        + where
        + " in "
        + whose
        + " is before the partition's log start "
        + logStart
        + range
        + ": retention deleted "
        + (logStart - stored)
        + " records that were never applied; nothing was applied. Rebuild the target (snapshot)"
        + " or raise the topic's retention";
  }

  /** The topic. */
  public String topic() {
    return topic;
  }

  /** The partition. */
  public int partition() {
    return partition;
  }

  /** The offset stored. */
  public long stored() {
    return stored;
  }

  /** The partition's first offset. */
  public long logStart() {
    return logStart;
  }

  /** The partition's end offset. */
  public long logEnd() {
    return logEnd;
  }
}
