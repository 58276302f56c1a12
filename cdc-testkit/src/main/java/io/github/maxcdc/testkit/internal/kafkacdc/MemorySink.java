package io.github.maxcdc.testkit.internal.kafkacdc;

import java.util.ArrayList;
import java.util.List;

/** Keeps the records in memory, numbered per partition like a topic. Thread-safe. */
public final class MemorySink implements RecordSink {
  /**
   * A stored record.
   *
   * @param partition its partition
   * @param offset its offset in the partition
   * @param timestamp its timestamp, epoch milliseconds
   * @param key its key
   * @param value its value
   */
  public record Stored(int partition, long offset, long timestamp, byte[] key, byte[] value) {}

  private final long[] nextOffsets;
  private final List<Stored> records = new ArrayList<>(); // guarded by this

  /**
   * Creates an empty topic.
   *
   * @param partitions partition count, at least 1
   */
  public MemorySink(int partitions) {
    this.nextOffsets = new long[partitions];
  }

  @Override
  public int partitions() {
    return nextOffsets.length;
  }

  @Override
  public synchronized void send(int partition, long timestamp, byte[] key, byte[] value) {
    records.add(new Stored(partition, nextOffsets[partition]++, timestamp, key, value));
  }

  @Override
  public void flush() {}

  /**
   * Returns the records stored so far, in the order they were sent.
   *
   * @return a copy of the list
   */
  public synchronized List<Stored> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {}
}
