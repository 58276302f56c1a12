package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.position.Gtid;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes received and not yet committed, in order. A source transaction is complete when a
 * change of another transaction arrives (MaxScale writes a transaction's rows together); the last
 * one stays open until then, or until the stream goes idle. Not thread-safe.
 */
public final class TransactionBuffer {
  /** Changes taken for one commit, and how many source transactions they complete. */
  public record Batch(List<ChangeEvent> events, int transactions) {}

  private final List<ChangeEvent> events = new ArrayList<>();
  private int complete; // events [0, complete) belong to complete transactions
  private int completeTransactions;
  private Gtid open;
  private Gtid lastCounted; // a transaction committed in parts is counted once
  private long firstNanos;

  /** Adds the next change. */
  public void add(ChangeEvent event) {
    if (open != null && !event.gtid().equals(open)) {
      complete = events.size();
      completeTransactions += open.equals(lastCounted) ? 0 : 1;
    }
    if (events.isEmpty()) {
      firstNanos = System.nanoTime();
    }
    events.add(event);
    open = event.gtid();
  }

  /** Drops every buffered change (they will be delivered again). */
  public void clear() {
    events.clear();
    complete = 0;
    completeTransactions = 0;
    open = null;
  }

  /** Changes buffered. */
  public int size() {
    return events.size();
  }

  /** Changes of complete transactions buffered. */
  public int completeSize() {
    return complete;
  }

  /** Changes of the open transaction buffered. */
  public int openSize() {
    return events.size() - complete;
  }

  /** How long the oldest buffered change has waited, in nanoseconds. */
  public long ageNanos() {
    return events.isEmpty() ? 0 : System.nanoTime() - firstNanos;
  }

  /** Takes the changes of the complete transactions. */
  public Batch takeComplete() {
    Batch batch = new Batch(List.copyOf(events.subList(0, complete)), completeTransactions);
    events.subList(0, complete).clear();
    complete = 0;
    completeTransactions = 0;
    firstNanos = System.nanoTime();
    return batch;
  }

  /**
   * Takes every change, the open transaction included (the stream is idle, the schema changes, or
   * the open transaction is too large to wait for).
   */
  public Batch takeAll() {
    int transactions = completeTransactions + (open == null || open.equals(lastCounted) ? 0 : 1);
    Batch batch = new Batch(List.copyOf(events), transactions);
    lastCounted = open;
    events.clear();
    complete = 0;
    completeTransactions = 0;
    return batch;
  }
}
