package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.kafka.internal.PartitionMerge;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads every partition of the given keyed topics with one consumer and merges them back into the
 * source's (GTID, event number) order ({@link PartitionMerge}, as for KafkaCDC topics), so that a
 * source transaction reaches the listener whole and in order. Each event's source offset holds, for
 * every partition, the offset of its first record not delivered yet: resuming there reads again
 * exactly what was not delivered. Starts at the stored offsets of an {@link StartPosition.After}
 * position that has them, otherwise at the topics' beginning, skipping what the start position
 * excludes by GTID.
 */
public final class MergedLoop implements ReadLoop {
  private record Held(ConsumerRecord<byte[], byte[]> record, Envelope envelope) {}

  private final Consumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final ChangeListener listener;
  private final StartPosition start;
  private final EnvelopeDecoder decoder;
  private final Duration timeout;
  private final long mergeWaitNanos;
  private final PartitionMerge<Held> merge;
  private final Map<TopicPartition, Integer> index = new LinkedHashMap<>();
  private final long[] next; // per partition: the offset of its first record not delivered
  private final String from;
  private long lastArrival = System.nanoTime();
  private PartitionMerge.Entry<Held> last;
  private StreamPosition lastDelivered;
  private boolean pastStart;
  private long delivered;

  /**
   * A loop over {@code partitions} (every partition of the topics, in order).
   *
   * @param from the topics and brokers, for messages
   */
  public MergedLoop(
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      ChangeListener listener,
      StartPosition start,
      EnvelopeDecoder decoder,
      Duration timeout,
      Duration mergeWait,
      String from) {
    this.consumer = consumer;
    this.partitions = List.copyOf(partitions);
    this.listener = listener;
    this.start = start;
    this.decoder = decoder;
    this.timeout = timeout;
    this.mergeWaitNanos = mergeWait.toNanos();
    this.merge = new PartitionMerge<>(partitions.size());
    this.next = new long[partitions.size()];
    this.from = from;
    for (int i = 0; i < partitions.size(); i++) {
      index.put(partitions.get(i), i);
    }
  }

  @Override
  public void open() throws CdcException {
    consumer.assign(partitions);
    Map<TopicPartition, Long> stored = storedOffsets();
    OffsetCheck.check(consumer, stored, timeout, "the start position");
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long offset = stored.get(tp);
      if (offset == null) {
        fromStart.add(tp);
      } else {
        consumer.seek(tp, offset);
      }
    }
    if (!fromStart.isEmpty()) {
      consumer.seekToBeginning(fromStart); // an empty list would mean every partition
    }
    for (TopicPartition tp : partitions) {
      next[index.get(tp)] = consumer.position(tp, timeout);
    }
    // with stored offsets, the start is where they are; otherwise skip by GTID
    pastStart =
        start instanceof StartPosition.Beginning
            || (start instanceof StartPosition.After a && a.position().sourceOffset() != null);
  }

  private Map<TopicPartition, Long> storedOffsets() throws CdcException {
    if (!(start instanceof StartPosition.After after) || after.position().sourceOffset() == null) {
      return Map.of();
    }
    Map<TopicPartition, Long> stored;
    try {
      stored = SourceOffsets.parse(after.position().sourceOffset());
    } catch (IllegalArgumentException e) {
      throw new CdcException("the start position " + after.position() + ": " + e.getMessage());
    }
    for (TopicPartition tp : stored.keySet()) {
      if (!index.containsKey(tp)) {
        throw new CdcException(
            "the start position "
                + after.position()
                + " has an offset of "
                + tp
                + ", which is not read now ("
                + partitions
                + "): it was stored by a reader of other topics");
      }
    }
    return stored;
  }

  @Override
  public boolean step(Duration wait) throws CdcException {
    if (release()) {
      return true;
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(wait);
    } catch (WakeupException e) {
      throw new ConnectionClosedException("the reader was closed", false, null);
    } catch (KafkaException e) {
      throw new CdcException("reading " + from + " failed: " + e.getMessage(), e);
    }
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Envelope envelope = EnvelopeDecoder.parse(r);
      merge.add(
          index.get(new TopicPartition(r.topic(), r.partition())),
          envelope.order(),
          new Held(r, envelope));
    }
    if (!records.isEmpty()) {
      lastArrival = System.nanoTime();
    }
    release();
    return !records.isEmpty();
  }

  private boolean release() throws CdcException {
    boolean any = false;
    PartitionMerge.Entry<Held> entry;
    while ((entry = merge.next(System.nanoTime() - lastArrival >= mergeWaitNanos, this::atEnd))
        != null) {
      deliver(entry);
      any = true;
    }
    return any;
  }

  private boolean atEnd(int partition) {
    return consumer.currentLag(partitions.get(partition)).orElse(-1) == 0;
  }

  private void deliver(PartitionMerge.Entry<Held> entry) throws CdcException {
    ConsumerRecord<byte[], byte[]> r = entry.record().record();
    if (last != null
        && entry.key().sameDomain(last.key())
        && entry.key().compareTo(last.key()) < 0) {
      throw new DecodeException(
          EnvelopeDecoder.where(r)
              + ": the GTID went backwards ("
              + entry.key()
              + " after "
              + last.key()
              + " of "
              + EnvelopeDecoder.where(last.record().record())
              + "); publish writes a domain's transactions in order, so records were written"
              + " again or out of order");
    }
    last = entry;
    next[entry.partition()] = r.offset() + 1;
    Envelope envelope = entry.record().envelope();
    ChangeEvent event = decoder.event(r, envelope, sourceOffset());
    if (!pastStart && !pastStart(event.position())) {
      return;
    }
    EnvelopeDecoder.deliver(listener, event, from);
    lastDelivered = event.position();
    delivered++;
  }

  private String sourceOffset() {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    for (int i = 0; i < next.length; i++) {
      offsets.put(partitions.get(i), next[i]);
    }
    return SourceOffsets.format(offsets);
  }

  // the client's rule: after a stored position, the first change past it in its domain; at a
  // GTID, its first change or a later transaction's
  private boolean pastStart(StreamPosition at) {
    if (start instanceof StartPosition.After after) {
      StreamPosition p = after.position();
      pastStart = p.isBefore(at.gtid(), at.eventNumber());
    } else if (start instanceof StartPosition.AtGtid g) {
      pastStart =
          g.gtid().sameDomain(at.gtid())
              && Long.compareUnsigned(at.gtid().sequence(), g.gtid().sequence()) >= 0;
    }
    return pastStart;
  }

  @Override
  public boolean holding() {
    return merge.size() > 0;
  }

  @Override
  public void idle() throws ListenerException {
    try {
      listener.onIdle();
    } catch (Exception e) {
      throw new ListenerException(
          "the change listener failed when " + from + " went idle (" + e + ")", lastDelivered, e);
    }
  }

  @Override
  public long delivered() {
    return delivered;
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close(boolean failed) {
    try {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    } catch (KafkaException e) {
      // closing: nothing left to read from it
    }
  }
}
