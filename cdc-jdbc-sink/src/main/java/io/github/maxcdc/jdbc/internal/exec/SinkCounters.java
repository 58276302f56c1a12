package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.jdbc.internal.checkpoint.Checkpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The sink's counters: written by the applying thread after each commit, read from any thread. */
public final class SinkCounters {
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong ambiguous = new AtomicLong();
  private final AtomicLong missingRows = new AtomicLong();
  private final AtomicLong rereadRows = new AtomicLong();
  private final AtomicLong goneRows = new AtomicLong();
  private volatile Checkpoint last;
  private final Clock clock;

  /** Counters reading time from {@code clock}. */
  public SinkCounters(Clock clock) {
    this.clock = clock;
  }

  void committed(EventWriter.Counts counts, int sourceTransactions, Checkpoint checkpoint) {
    inserts.addAndGet(counts.inserts);
    updates.addAndGet(counts.updates);
    deletes.addAndGet(counts.deletes);
    batches.addAndGet(counts.batches);
    ambiguous.addAndGet(counts.ambiguous);
    missingRows.addAndGet(counts.missingRows);
    rereadRows.addAndGet(counts.rereadRows);
    goneRows.addAndGet(counts.goneRows);
    transactions.addAndGet(sourceTransactions);
    commits.incrementAndGet();
    last = checkpoint;
  }

  /** Counts one retry. */
  public void retried() {
    retries.incrementAndGet();
  }

  /** Sets the position the sink starts from. */
  public void startedAt(Checkpoint checkpoint) {
    last = checkpoint;
  }

  /** A snapshot. */
  public SinkMetrics snapshot() {
    Checkpoint c = last;
    return new SinkMetrics(
        inserts.get(),
        updates.get(),
        deletes.get(),
        transactions.get(),
        commits.get(),
        batches.get(),
        retries.get(),
        ambiguous.get(),
        missingRows.get(),
        rereadRows.get(),
        goneRows.get(),
        c == null ? null : c.position(),
        c == null ? null : c.sourceTimestamp(),
        Instant.now(clock));
  }
}
