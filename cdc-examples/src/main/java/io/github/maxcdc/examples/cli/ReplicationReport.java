package io.github.maxcdc.examples.cli;

import io.github.maxcdc.jdbc.SinkMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the {@code replicate} command prints on stderr: a progress line at most once per interval,
 * when something was applied since the last one, from a daemon thread of its own; a summary at the
 * end. Thread-safe.
 */
final class ReplicationReport implements AutoCloseable {
  private final Supplier<SinkMetrics> metrics;
  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private long printedEvents = -1; // guarded by this
  private boolean closed; // guarded by this: no progress line after the summary

  private ReplicationReport(
      Supplier<SinkMetrics> metrics, PrintStream err, ScheduledExecutorService timer) {
    this.metrics = metrics;
    this.err = err;
    this.timer = timer;
  }

  /** Starts printing the progress of {@code metrics} every {@code interval}; close to stop. */
  static ReplicationReport start(
      Supplier<SinkMetrics> metrics, PrintStream err, Duration interval) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "maxcdc-progress");
              t.setDaemon(true);
              return t;
            });
    ReplicationReport report = new ReplicationReport(metrics, err, timer);
    long millis = interval.toMillis();
    timer.scheduleAtFixedRate(report::printProgress, millis, millis, TimeUnit.MILLISECONDS);
    return report;
  }

  private synchronized void printProgress() {
    SinkMetrics m = metrics.get();
    if (!closed && m.events() != printedEvents) {
      printedEvents = m.events();
      err.println(progressLine(m));
    }
  }

  /** Stops the progress lines and prints the summary. */
  synchronized void printSummary(long appliedInAll) {
    closed = true;
    timer.shutdownNow();
    err.println(
        summaryLine(metrics.get(), appliedInAll, Duration.ofNanos(System.nanoTime() - startNanos)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** {@code progress: 1234 changes applied, last 0-1-345:2, lag 0.4 s}. */
  static String progressLine(SinkMetrics m) {
    return "progress: "
        + m.events()
        + (m.events() == 1 ? " change" : " changes")
        + " applied, last "
        + m.last().map(Object::toString).orElse("none")
        + ", lag "
        + seconds(m.lag());
  }

  /**
   * {@code summary: 3 inserts, 1 update, 0 deletes in 4 transactions, 0 retries, last position
   * 0-1-5:1, 4 changes applied since the stream began, 2.1 s}.
   */
  static String summaryLine(SinkMetrics m, long appliedInAll, Duration elapsed) {
    return "summary: "
        + count(m.inserts(), "insert")
        + ", "
        + count(m.updates(), "update")
        + ", "
        + count(m.deletes(), "delete")
        + " in "
        + count(m.transactions(), "transaction")
        + ", "
        + count(m.retries(), "retry", "retries")
        + ", last position "
        + m.last().map(Object::toString).orElse("none")
        + ", "
        + count(appliedInAll, "change")
        + " applied since the stream began, "
        + seconds(elapsed);
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
