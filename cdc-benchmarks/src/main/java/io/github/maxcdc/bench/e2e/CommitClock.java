package io.github.maxcdc.bench.e2e;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A listener in front of a {@link JdbcSink} that notes when each transaction becomes committed in
 * the target: after every call into the sink, the sink's last committed position is read, and every
 * GTID sequence up to it that was served is stamped with the time. The served times come from the
 * thread that writes to the fake server ({@link #served}). Built with {@code caughtUp} false it
 * does not pass {@link #onCaughtUp} on, so the sink commits as it did before that signal: by age,
 * size and idleness only (the baseline of the trickle and drain runs).
 */
final class CommitClock implements ChangeListener {
  private final JdbcSink sink;
  private final ConcurrentHashMap<Long, Long> servedAt = new ConcurrentHashMap<>();
  private final Histogram latencies;
  private final AtomicLong committedSequence = new AtomicLong();
  private final boolean caughtUp;
  private volatile long countFrom = Long.MAX_VALUE;

  CommitClock(JdbcSink sink, Histogram latencies) {
    this(sink, latencies, true);
  }

  CommitClock(JdbcSink sink, Histogram latencies, boolean caughtUp) {
    this.sink = sink;
    this.latencies = latencies;
    this.caughtUp = caughtUp;
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

  /** Served to delivered to the listener, of the changes counted. */
  final Histogram deliveries = new Histogram();

  @Override
  public void onChange(ChangeEvent event) throws Exception {
    long seq = event.gtid().sequence();
    Long served = servedAt.get(seq);
    if (served != null && seq >= countFrom && event.position().eventNumber() == 1) {
      deliveries.add(System.nanoTime() - served);
    }
    sink.onChange(event);
    stamp();
  }

  @Override
  public void onIdle() throws Exception {
    sink.onIdle();
    stamp();
  }

  /** Time spent in the sink's calls that committed changes counted, from the caught-up signal. */
  final Histogram caughtUpCommits = new Histogram();

  @Override
  public void onCaughtUp(Duration quietFor) throws Exception {
    if (caughtUp) {
      long before = committedSequence.get();
      long start = System.nanoTime();
      sink.onCaughtUp(quietFor);
      long took = System.nanoTime() - start;
      stamp();
      if (committedSequence.get() > before && committedSequence.get() >= countFrom) {
        caughtUpCommits.add(took);
      }
    }
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
