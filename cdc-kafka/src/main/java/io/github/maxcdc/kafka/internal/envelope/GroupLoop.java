package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.kafka.PartitionApplier;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a consumer group on keyed topics: each partition the group assigns to it is applied
 * by a {@link PartitionApplier} of its own, in the partition's order, from the offset the applier
 * made durable (never from Kafka's committed offset, which may lag or lead what the applier has);
 * on revocation the applier commits and is closed before the partition is given up. Offsets are
 * also committed to Kafka, asynchronously, once an applier made them durable, so that Kafka's tools
 * show the group's lag. The appliers run on the loop's thread, in the consumer's {@code poll}: the
 * rebalance callbacks run there too.
 */
public final class GroupLoop implements ReadLoop {
  private static final Logger LOG = LoggerFactory.getLogger(GroupLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final PartitionApplier.Factory factory;
  private final EnvelopeDecoder decoder;
  private final Duration timeout;
  private final Duration commitInterval; // null: no offsets committed to Kafka
  private final String from;
  private final Map<TopicPartition, PartitionApplier> appliers = new TreeMap<>(SourceOffsets.ORDER);
  private final Map<TopicPartition, Long> committedToKafka = new HashMap<>();
  private Exception callbackFailure; // set in a rebalance callback, thrown after the poll
  private long lastCommit = System.nanoTime();
  private long delivered;

  /**
   * A member reading {@code topics}.
   *
   * @param commitInterval how often durable offsets are committed to Kafka, or null for never
   * @param from the topics, group and brokers, for messages
   */
  public GroupLoop(
      Consumer<byte[], byte[]> consumer,
      List<String> topics,
      PartitionApplier.Factory factory,
      EnvelopeDecoder decoder,
      Duration timeout,
      Duration commitInterval,
      String from) {
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.factory = factory;
    this.decoder = decoder;
    this.timeout = timeout;
    this.commitInterval = commitInterval;
    this.from = from;
  }

  @Override
  public void open() {
    consumer.subscribe(topics, new Rebalance());
  }

  @Override
  public boolean step(Duration wait) throws CdcException {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(wait);
    } catch (WakeupException e) {
      throw new ConnectionClosedException("the reader was closed", false, null);
    } catch (KafkaException e) {
      throwCallbackFailure();
      throw new CdcException("reading " + from + " failed: " + e.getMessage(), e);
    }
    throwCallbackFailure();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      PartitionApplier applier = appliers.get(tp);
      if (applier == null) {
        continue; // revoked while this batch was fetched: its new owner reads it
      }
      Envelope envelope = EnvelopeDecoder.parse(r);
      ChangeEvent event = decoder.event(r, envelope, SourceOffsets.format(tp, r.offset() + 1));
      EnvelopeDecoder.deliver(applier, event, tp.toString());
      delivered++;
    }
    commitToKafka(false);
    return !records.isEmpty();
  }

  private void throwCallbackFailure() throws CdcException {
    Exception failure = callbackFailure;
    if (failure != null) {
      callbackFailure = null;
      if (failure instanceof CdcException cdc) {
        throw cdc;
      }
      throw new CdcException(failure.getMessage(), failure);
    }
  }

  @Override
  public boolean holding() {
    return false;
  }

  @Override
  public void idle() throws CdcException {
    for (Map.Entry<TopicPartition, PartitionApplier> e : appliers.entrySet()) {
      try {
        e.getValue().onIdle();
      } catch (Exception failure) {
        throw new ListenerException(
            "the applier of " + e.getKey() + " failed when it went idle (" + failure + ")",
            null,
            failure);
      }
    }
    commitToKafka(true);
  }

  // what the appliers made durable, so that Kafka's tools show the lag; never read back
  private void commitToKafka(boolean now) {
    if (commitInterval == null
        || (!now && System.nanoTime() - lastCommit < commitInterval.toNanos())) {
      return;
    }
    lastCommit = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionApplier> e : appliers.entrySet()) {
      Long durable = durableOffset(e.getKey(), e.getValue());
      if (durable != null && !durable.equals(committedToKafka.get(e.getKey()))) {
        offsets.put(e.getKey(), new OffsetAndMetadata(durable));
        committedToKafka.put(e.getKey(), durable);
      }
    }
    if (!offsets.isEmpty()) {
      consumer.commitAsync(
          offsets,
          (done, e) -> {
            if (e != null) {
              LOG.debug(
                  "committing offsets to Kafka failed (the target has them): {}", e.toString());
            }
          });
    }
  }

  private static Long durableOffset(TopicPartition tp, PartitionApplier applier) {
    try {
      Optional<StreamPosition> last = applier.lastApplied();
      if (last.isEmpty() || last.get().sourceOffset() == null) {
        return null;
      }
      return SourceOffsets.parse(last.get().sourceOffset()).get(tp);
    } catch (Exception e) {
      return null; // only for Kafka's tools: the applier reports its own failures
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
  public void close(boolean failed) throws Exception {
    Exception first = null;
    try {
      for (TopicPartition tp : List.copyOf(appliers.keySet())) {
        try {
          closeApplier(tp, false);
        } catch (Exception e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (!failed) {
        commitToKafka(true);
      }
    } finally {
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (KafkaException e) {
        LOG.debug("closing the consumer of {}: {}", from, e.toString());
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void closeApplier(TopicPartition tp, boolean lost) throws Exception {
    PartitionApplier applier = appliers.remove(tp);
    if (applier == null) {
      return;
    }
    if (lost) {
      applier.resumeAfter(Optional.empty()); // another member may apply it already: drop
    }
    applier.close();
  }

  private void assigned(TopicPartition tp) throws Exception {
    PartitionApplier applier = factory.open(tp.topic(), tp.partition());
    appliers.put(tp, applier);
    Optional<StreamPosition> last = applier.lastApplied();
    if (last.isEmpty()) {
      consumer.seekToBeginning(List.of(tp));
      LOG.info("{}: applied from its beginning by {}", tp, applier);
      return;
    }
    String text = last.get().sourceOffset();
    Long offset = null;
    if (text != null) {
      try {
        offset = SourceOffsets.parse(text).get(tp);
      } catch (IllegalArgumentException e) {
        throw new CdcException(
            tp + ": the applier's last position " + last.get() + ": " + e.getMessage());
      }
    }
    if (offset == null) {
      throw new CdcException(
          tp
              + ": the last position "
              + last.get()
              + " of "
              + applier
              + " has no offset of this partition ("
              + (text == null ? "none" : text)
              + "): it was stored by another source; give this group's partitions checkpoints of"
              + " their own (another stream id)");
    }
    OffsetCheck.check(consumer, Map.of(tp, offset), timeout, "the checkpoint of " + applier);
    consumer.seek(tp, offset);
    committedToKafka.put(tp, offset);
    LOG.info("{}: applied from offset {} by {}", tp, offset, applier);
  }

  /** Opens and seeks on assignment, commits and closes on revocation; in {@code poll}. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        if (callbackFailure != null) {
          return;
        }
        try {
          assigned(tp);
        } catch (Exception e) {
          fail(e);
        }
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      give(partitions, false);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      give(partitions, true);
    }

    private void give(Collection<TopicPartition> partitions, boolean lost) {
      for (TopicPartition tp : partitions) {
        try {
          closeApplier(tp, lost);
          LOG.info("{}: {} ({})", tp, lost ? "lost" : "given up", from);
        } catch (Exception e) {
          fail(e);
        }
      }
    }

    // the poll throws Kafka's wrapper; the loop throws this one after it
    private void fail(Exception e) {
      if (callbackFailure == null) {
        callbackFailure = e;
      }
      throw new KafkaException("stopping: " + e.getMessage(), e);
    }
  }
}
