package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.ChangeType;
import io.github.maxcdc.jdbc.AmbiguousValuePolicy;
import io.github.maxcdc.jdbc.SinkDataException;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.checkpoint.Checkpoint;
import io.github.maxcdc.jdbc.internal.checkpoint.CheckpointStore;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.sql.Retrying;
import io.github.maxcdc.jdbc.internal.sql.SqlErrors;
import io.github.maxcdc.jdbc.internal.sql.TargetWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits changes to the target with the stream's checkpoint in the same transaction.
 *
 * <ul>
 *   <li>Transient failures are retried with backoff on a new connection; before a retry the
 *       checkpoint is read, so that a commit whose answer was lost is not applied twice.
 *   <li>A data error (a value the target or the sink refuses) makes it commit the source
 *       transactions one by one up to the failing one, which it names; nothing from it on is
 *       applied.
 * </ul>
 *
 * Not thread-safe, except {@link #abort()}.
 */
public final class Committer implements Retrying {
  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

  private final TargetSession session;
  private final CheckpointStore store;
  private final Backoff retry;
  private final AmbiguousValuePolicy ambiguous;
  private final SinkCounters counters;
  private final String target;
  private final CountDownLatch aborted = new CountDownLatch(1);
  private final SourceRows source; // null without a source connection

  /** Creates a committer. */
  public Committer(
      TargetSession session,
      CheckpointStore store,
      Backoff retry,
      AmbiguousValuePolicy ambiguous,
      SinkCounters counters,
      String target,
      SourceRows source) {
    this.source = source;
    this.session = session;
    this.store = store;
    this.retry = retry;
    this.ambiguous = ambiguous;
    this.counters = counters;
    this.target = target;
  }

  /** Stops waiting to retry: the next retry fails at once. Any thread. */
  public void abort() {
    aborted.countDown();
  }

  /**
   * Commits {@code events} (source transactions in order) after {@code previous}.
   *
   * @param transactions how many source transactions the events complete
   * @return the new checkpoint
   */
  public Checkpoint commit(
      WritePlan plan, List<ChangeEvent> events, int transactions, Checkpoint previous)
      throws SinkException {
    try {
      return commitWithRetries(plan, events, transactions, previous, true);
    } catch (DataFailure failure) {
      return commitOneByOne(plan, events, previous, failure);
    }
  }

  /**
   * Runs {@code work} (reading the target's description, DDL), retrying transient failures like a
   * commit; any other failure is reported as a {@link SinkSchemaException} about {@code what}.
   */
  @Override
  public <T> T withRetries(String what, TargetWork<T> work) throws SinkException {
    for (int attempt = 1; ; attempt++) {
      try {
        T result = work.run(session.connection());
        session.connection().commit();
        return result;
      } catch (SQLException e) {
        session.rollbackQuietly();
        SqlErrors.Kind kind = SqlErrors.classify(e);
        if (kind == SqlErrors.Kind.ACCESS) {
          throw new io.github.maxcdc.jdbc.SinkAccessException(
              what
                  + " failed: the target refused the sink's user ("
                  + SqlErrors.message(e)
                  + "); check the user's password and its grants on the target database",
              e);
        }
        if (kind != SqlErrors.Kind.TRANSIENT) {
          throw new SinkSchemaException(what + " failed: " + SqlErrors.message(e), e);
        }
        try {
          handle(e, attempt, null);
        } catch (DataFailure impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
  }

  // A data error in a batch of several transactions: find the failing one.
  private Checkpoint commitOneByOne(
      WritePlan plan, List<ChangeEvent> events, Checkpoint previous, DataFailure first)
      throws SinkException {
    Checkpoint current = previous;
    for (List<ChangeEvent> transaction : byTransaction(events)) {
      try {
        current = commitWithRetries(plan, transaction, 1, current, false);
      } catch (DataFailure failure) {
        throw locate(plan, transaction, failure);
      }
    }
    // every transaction passed alone: the failure depended on the batching itself
    throw new SinkException(
        "the target refused a batch of "
            + events.size()
            + " changes that it accepted one "
            + "transaction at a time: "
            + first.getMessage(),
        false,
        first.getCause());
  }

  private Checkpoint commitWithRetries(
      WritePlan plan,
      List<ChangeEvent> events,
      int transactions,
      Checkpoint previous,
      boolean batching)
      throws SinkException, DataFailure {
    for (int attempt = 0; ; attempt++) {
      try {
        if (attempt > 0) {
          Optional<Checkpoint> stored = committedMeanwhile(events);
          if (stored.isPresent()) {
            return stored.get();
          }
        }
        return commitOnce(plan, events, transactions, previous, batching);
      } catch (SQLException e) {
        session.rollbackQuietly();
        handle(e, attempt + 1, events);
      } catch (SinkDataException e) {
        session.rollbackQuietly();
        throw new DataFailure(e.getMessage(), e);
      } catch (SinkException e) {
        session.rollbackQuietly(); // the source failed: nothing of this attempt is kept
        throw e;
      }
    }
  }

  private Checkpoint commitOnce(
      WritePlan plan,
      List<ChangeEvent> events,
      int transactions,
      Checkpoint previous,
      boolean batching)
      throws SQLException, SinkException {
    Connection connection = session.connection();
    requireUnmoved(store.readForUpdate(connection).orElse(null), previous);
    ChangeWriter writer = ChangeWriter.of(plan, session.statements(), ambiguous, batching, source);
    EventWriter.Counts counts = writer.write(plan, events);
    ChangeEvent last = events.get(events.size() - 1);
    Checkpoint next =
        new Checkpoint(
            last.position(),
            last.schemaVersion(),
            last.timestamp(),
            (previous == null ? 0 : previous.appliedEvents()) + events.size());
    store.write(connection, next);
    connection.commit();
    counters.committed(counts, transactions, next);
    return next;
  }

  // The checkpoint must be the one this sink last read or wrote: otherwise another sink writes the
  // same stream (a second run of it, or a consumer group member that lost its partition while
  // stalled) and this one would apply changes twice or overwrite newer rows with older ones.
  private void requireUnmoved(Checkpoint stored, Checkpoint previous) throws SinkException {
    long storedCount = stored == null ? 0 : stored.appliedEvents();
    long expectedCount = previous == null ? 0 : previous.appliedEvents();
    boolean samePosition =
        stored == null
            ? previous == null
            : previous != null && stored.position().equals(previous.position());
    if (storedCount != expectedCount || !samePosition) {
      throw new SinkException(
          "the checkpoint of stream "
              + store.streamId()
              + " in "
              + store.table()
              + " moved since this sink read it (it counts "
              + storedCount
              + " changes up to "
              + (stored == null ? "nothing" : stored.position())
              + ", this sink expected "
              + expectedCount
              + " up to "
              + (previous == null ? "nothing" : previous.position())
              + "): another sink writes the same stream (a second run of it, or a member of a"
              + " consumer group that lost its partition); this one stops, nothing of its"
              + " transaction kept",
          false,
          null);
    }
  }

  private Optional<Checkpoint> committedMeanwhile(List<ChangeEvent> events) throws SQLException {
    Optional<Checkpoint> stored = store.read(session.connection());
    session.connection().commit();
    ChangeEvent last = events.get(events.size() - 1);
    if (stored.isPresent() && stored.get().position().equals(last.position())) {
      LOG.info(
          "the commit of {} changes up to {} had succeeded before the connection failed",
          events.size(),
          last.position());
      return stored;
    }
    return Optional.empty();
  }

  private void handle(SQLException e, int attempt, List<ChangeEvent> events)
      throws SinkException, DataFailure {
    switch (SqlErrors.classify(e)) {
      case TRANSIENT:
        session.reset();
        if (!retry.allows(attempt) || aborted.getCount() == 0) {
          throw new SinkException(
              "gave up writing to "
                  + target
                  + " after "
                  + (attempt - 1)
                  + " retries: "
                  + SqlErrors.message(e),
              true,
              e);
        }
        Duration delay = retry.delay(attempt);
        LOG.warn(
            "writing to {} failed ({}); retry {} in {} ms{}",
            target,
            SqlErrors.message(e),
            attempt,
            delay.toMillis(),
            events == null ? "" : " from " + events.get(0).position());
        counters.retried();
        pause(delay);
        return;
      case DATA:
        throw new DataFailure(SqlErrors.describe(e), e);
      case SCHEMA:
        throw new SinkSchemaException(
            "target table " + target + " does not fit the stream: " + SqlErrors.message(e), e);
      case ACCESS:
        throw new io.github.maxcdc.jdbc.SinkAccessException(
            "the target refused the sink's user writing to "
                + target
                + " ("
                + SqlErrors.message(e)
                + "); check the user's password and its grants",
            e);
      default:
        throw new SinkException(
            "writing to " + target + " failed: " + SqlErrors.message(e), false, e);
    }
  }

  private void pause(Duration delay) {
    try {
      aborted.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      aborted.countDown();
    }
  }

  // Runs the failing transaction one change at a time to name the change and the column.
  private SinkException locate(WritePlan plan, List<ChangeEvent> transaction, DataFailure failure) {
    if (failure.getCause() instanceof SinkDataException refused) {
      return refused;
    }
    for (ChangeEvent event : transaction) {
      try {
        ChangeWriter.of(plan, session.statements(), ambiguous, false, source)
            .write(plan, List.of(event));
      } catch (SQLException e) {
        session.rollbackQuietly();
        String column = SqlErrors.column(e);
        return new SinkDataException(
            "target table "
                + target
                + " refused the "
                + event.type().jsonName()
                + " at "
                + event.position()
                + " of "
                + event.table()
                + (column == null ? "" : ", column '" + column + "'")
                + ": "
                + SqlErrors.describe(e)
                + "; statement: "
                + statement(plan, event)
                + "; nothing from this transaction on was applied",
            event.position(),
            column,
            null);
      } catch (SinkException e) {
        session.rollbackQuietly();
        return e;
      }
    }
    session.rollbackQuietly();
    ChangeEvent first = transaction.get(0);
    return new SinkDataException(
        "target table "
            + target
            + " refused the transaction "
            + first.gtid()
            + " of "
            + first.table()
            + ": "
            + failure.getMessage(),
        first.position(),
        null,
        null);
  }

  private static String statement(WritePlan plan, ChangeEvent event) {
    if (plan.shape() != null) {
      return plan.mode() == io.github.maxcdc.jdbc.TargetMode.HISTORY
          ? plan.shape().appendSql(1)
          : event.type() == ChangeType.DELETE ? plan.shape().closeSql() : plan.shape().openSql(1);
    }
    if (event.type() == ChangeType.DELETE) {
      return plan.deleteSql();
    }
    return event.type() == ChangeType.UPDATE && plan.updateSql() != null
        ? plan.updateSql()
        : plan.upsertSql();
  }

  private static List<List<ChangeEvent>> byTransaction(List<ChangeEvent> events) {
    List<List<ChangeEvent>> groups = new ArrayList<>();
    List<ChangeEvent> current = null;
    for (ChangeEvent event : events) {
      if (current == null || !current.get(0).gtid().equals(event.gtid())) {
        current = new ArrayList<>();
        groups.add(current);
      }
      current.add(event);
    }
    return groups;
  }

  /** A data error inside an attempt, before it is located. */
  private static final class DataFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DataFailure(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }
}
