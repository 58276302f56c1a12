package io.github.maxcdc.kafka.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Puts the records of a topic's partitions back in the order MaxScale wrote them. KafkaCDC spreads
 * records over partitions by key hash, so one transaction, one row's successive changes and even
 * the two halves of one update land on different partitions; each partition is in write order. A
 * record is released when it is the smallest head ({@link RecordKey} order) and every other
 * partition either holds a record too (so nothing smaller can come from it) or has been read to its
 * end while the topic was quiet (nothing arrived for the merge wait). With one partition, records
 * are released as they come. Not thread-safe.
 *
 * @param <R> the record type
 */
public final class PartitionMerge<R> {
  /**
   * A record and its key.
   *
   * @param partition the partition's index
   * @param key the record's key
   * @param record the record
   */
  public record Entry<R>(int partition, RecordKey key, R record) {}

  private final List<ArrayDeque<Entry<R>>> queues = new ArrayList<>();
  private int size;

  /** A merge of {@code partitions} partitions, numbered from 0. */
  public PartitionMerge(int partitions) {
    for (int i = 0; i < partitions; i++) {
      queues.add(new ArrayDeque<>());
    }
  }

  /** Adds the next record of {@code partition}. */
  public void add(int partition, RecordKey key, R record) {
    queues.get(partition).add(new Entry<>(partition, key, record));
    size++;
  }

  /** Records held. */
  public int size() {
    return size;
  }

  /**
   * The next record in write order, or null if it cannot be known yet.
   *
   * @param quiet whether no record arrived for the merge wait
   * @param atEnd whether a partition has been read to its end
   */
  public Entry<R> next(boolean quiet, IntPredicate atEnd) {
    Entry<R> min = null;
    boolean complete = true;
    for (int p = 0; p < queues.size(); p++) {
      Entry<R> head = queues.get(p).peek();
      if (head == null) {
        complete &= quiet && atEnd.test(p);
      } else if (min == null || head.key().compareTo(min.key()) < 0) {
        min = head;
      }
    }
    if (min == null || !(complete || queues.size() == 1)) {
      return null;
    }
    size--;
    return queues.get(min.partition()).poll();
  }
}
