package io.github.maxcdc.bench.e2e;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.position.StreamPosition;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A listener in front of a {@link JdbcSink} that notes when each transaction becomes committed in
 * the target: after every call into the sink, the sink's last committed position is read, and every
 * GTID sequence up to it that was served is stamped with the time. The served times come from the
 * thread that writes to the fake server ({@link #served}).
 */
final class CommitClock implements ChangeListener {
  private final JdbcSink sink;
  private final ConcurrentHashMap<Long, Long> servedAt = new ConcurrentHashMap<>();
  private final Histogram latencies;
  private final AtomicLong committedSequence = new AtomicLong();
  private volatile long countFrom = Long.MAX_VALUE;

  CommitClock(JdbcSink sink, Histogram latencies) {
    this.sink = sink;
    this.latencies = latencies;
  }

  /** The transaction of {@code sequence} was committed to the source at {@code nanos}. */
  void served(long sequence, long nanos) {
    servedAt.put(sequence, nanos);
  }

  /** Latencies of sequences from {@code sequence} on are recorded (earlier ones are warm-up). */
  void countFrom(long sequence) {
    countFrom = sequence;
  }

  /** The sequence of the last transaction committed in the target. */
  long committedSequence() {
    return committedSequence.get();
  }

  @Override
  public void onChange(ChangeEvent event) throws Exception {
    sink.onChange(event);
    stamp();
  }

  @Override
  public void onIdle() throws Exception {
    sink.onIdle();
    stamp();
  }

  @Override
  public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
      throws Exception {
    return sink.resumeAfter(lastDelivered);
  }

  private void stamp() {
    StreamPosition last = sink.metrics().lastPosition();
    if (last == null) {
      return;
    }
    long now = System.nanoTime();
    long upTo = last.gtid().sequence();
    for (long seq = committedSequence.get() + 1; seq <= upTo; seq++) {
      Long served = servedAt.remove(seq);
      if (served != null && seq >= countFrom) {
        latencies.add(now - served);
      }
    }
    if (upTo > committedSequence.get()) {
      committedSequence.set(upTo);
    }
  }
}
