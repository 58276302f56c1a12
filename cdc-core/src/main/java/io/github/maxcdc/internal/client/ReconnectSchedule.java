package io.github.maxcdc.internal.client;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.NoSuchTableException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.spi.ChangeSource;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, after each failed connection of a stream, whether and when to try again: counts the
 * attempts in a row (a connection that brought data resets the count), asks the {@link Backoff}
 * policy for the delay, gives up on what must not be retried, and warns when the server keeps
 * refusing connections or has no file for the table yet. Used on the reader thread only; {@link
 * #reconnects()} is read from any thread.
 */
final class ReconnectSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(ReconnectSchedule.class);
  private static final long UNREACHABLE_REPORT_NANOS = 60_000_000_000L;

  private final Backoff policy;
  private final TableId table;
  private final ChangeSource source;
  private final LifecycleNotifier lifecycle;
  private volatile long reconnects; // written by the reader only
  private int attempt; // attempts in a row since data last arrived
  private long failingSinceNanos; // first of the attempts in a row that did not reach it, or 0
  private long failingReportedNanos;

  ReconnectSchedule(
      Backoff policy, TableId table, ChangeSource source, LifecycleNotifier lifecycle) {
    this.policy = policy;
    this.table = table;
    this.source = source;
    this.lifecycle = lifecycle;
  }

  /** Number of reconnections scheduled. */
  long reconnects() {
    return reconnects;
  }

  /**
   * Schedules the next attempt after a connection failed, and says so.
   *
   * @param cause why the connection failed
   * @param reached whether the connection reached the server
   * @param dataSeen whether it brought any data
   * @return the delay before the next attempt
   * @throws Throwable {@code cause}, when it must not be retried or the policy gives up
   */
  Duration next(Throwable cause, boolean reached, boolean dataSeen) throws Throwable {
    attempt = dataSeen ? 1 : attempt + 1;
    Duration delay = retryDelay(cause, attempt);
    reconnects++;
    int n = attempt;
    reportUnreachable(cause, n, reached);
    LOG.warn(
        "stream of {} interrupted ({}); reconnecting in {} ms (attempt {})",
        table,
        cause.toString(),
        delay.toMillis(),
        n);
    lifecycle.call(l -> l.onReconnectScheduled(table, n, delay, cause));
    return delay;
  }

  /**
   * Says, at the third attempt in a row that does not reach the server and then once a minute,
   * where the client tries to connect and for how long it has failed: a stream that keeps retrying
   * must not look like a quiet table.
   */
  private void reportUnreachable(Throwable cause, int attempt, boolean reached) {
    long now = System.nanoTime();
    if (reached) {
      failingSinceNanos = 0;
      return;
    }
    if (failingSinceNanos == 0) {
      failingSinceNanos = now;
      failingReportedNanos = 0;
    }
    if (attempt < 3
        || (failingReportedNanos != 0 && now - failingReportedNanos < UNREACHABLE_REPORT_NANOS)) {
      return;
    }
    failingReportedNanos = now;
    String message =
        "no connection to "
            + source.describe()
            + " for "
            + String.format(Locale.ROOT, "%.1f s", (now - failingSinceNanos) / 1e9)
            + " ("
            + attempt
            + " attempts, the last: "
            + cause.getMessage()
            + "); still retrying. A MaxScale that refuses connections to its CDC listener has"
            + " usually stopped: MaxScale 24.02's avrorouter stops on the first row of a table"
            + " with a geometry column (POINT...), see MaxScale's log";
    LOG.warn("{}: {}", table, message);
    lifecycle.call(l -> l.onWarning(table, message));
  }

  // Whether and when to try again after a failed connection; rethrows what must not be retried.
  private Duration retryDelay(Throwable cause, int attempt) throws Throwable {
    boolean transientFailure = cause instanceof CdcException e && e.isTransient();
    if (!transientFailure || !policy.allows(attempt)) {
      throw cause;
    }
    if (cause instanceof NoSuchTableException) {
      String message =
          table
              + " has no change file on the server yet (MaxScale creates it with the table's "
              + "first row); asking again in "
              + String.format(Locale.ROOT, "%.1f s", policy.noFileDelay().toMillis() / 1000.0);
      LOG.warn(message);
      lifecycle.call(l -> l.onWarning(table, message));
      return policy.noFileDelay();
    }
    return policy.delay(attempt);
  }
}
