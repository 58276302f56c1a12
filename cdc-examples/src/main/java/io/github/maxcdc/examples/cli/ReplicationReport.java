package io.github.maxcdc.examples.cli;

import io.github.maxcdc.jdbc.SinkMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the {@code replicate} command prints on stderr: a progress line at most once per interval,
 * when something was applied since the last one, from a daemon thread of its own; a summary at the
 * end. With several streams the progress line lists each table, and the summary has a line per
 * stream before the total. Thread-safe.
 */
final class ReplicationReport implements AutoCloseable {
  private final Map<String, Supplier<SinkMetrics>> metrics; // stream name to its sink's metrics
  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private long printedEvents = -1; // guarded by this
  private boolean closed; // guarded by this: no progress line after the summary

  private ReplicationReport(
      Map<String, Supplier<SinkMetrics>> metrics, PrintStream err, ScheduledExecutorService timer) {
    this.metrics = new LinkedHashMap<>(metrics);
    this.err = err;
    this.timer = timer;
  }

  /**
   * Starts printing the progress of the streams every {@code interval}; close to stop.
   *
   * @param metrics stream name ({@code source -> target}) to its sink's metrics, one or more
   */
  static ReplicationReport start(
      Map<String, Supplier<SinkMetrics>> metrics, PrintStream err, Duration interval) {
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
    Map<String, SinkMetrics> now = snapshot();
    long events = now.values().stream().mapToLong(SinkMetrics::events).sum();
    if (!closed && events != printedEvents) {
      printedEvents = events;
      err.println(
          now.size() == 1 ? progressLine(now.values().iterator().next()) : progressLine(now));
    }
  }

  /**
   * Stops the progress lines and prints the summary.
   *
   * @param appliedInAll stream name to the changes applied since the stream began
   */
  synchronized void printSummary(Map<String, Long> appliedInAll) {
    closed = true;
    timer.shutdownNow();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    Map<String, SinkMetrics> now = snapshot();
    if (now.size() == 1) {
      err.println(summaryLine(now.values().iterator().next(), sum(appliedInAll), elapsed));
      return;
    }
    now.forEach(
        (name, m) -> err.println(streamSummaryLine(name, m, appliedInAll.getOrDefault(name, 0L))));
    err.println(totalSummaryLine(now.values(), sum(appliedInAll), elapsed));
  }

  private Map<String, SinkMetrics> snapshot() {
    Map<String, SinkMetrics> now = new LinkedHashMap<>();
    metrics.forEach((name, m) -> now.put(name, m.get()));
    return now;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
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
        + counts(m)
        + ", last position "
        + m.last().map(Object::toString).orElse("none")
        + ", "
        + count(appliedInAll, "change")
        + " applied since the stream began, "
        + seconds(elapsed);
  }

  /**
   * {@code progress: 12 changes applied; shop_tx.commandes -> dw.commandes 7, last 0-1-9:1, lag 0.4
   * s; shop_tx.clients -> dw.clients 5, last 0-1-12:1, lag 1.2 s}.
   */
  static String progressLine(Map<String, SinkMetrics> streams) {
    StringBuilder line =
        new StringBuilder("progress: ")
            .append(count(streams.values().stream().mapToLong(SinkMetrics::events).sum(), "change"))
            .append(" applied");
    streams.forEach(
        (name, m) ->
            line.append("; ")
                .append(name)
                .append(' ')
                .append(m.events())
                .append(", last ")
                .append(m.last().map(Object::toString).orElse("none"))
                .append(", lag ")
                .append(seconds(m.lag())));
    return line.toString();
  }

  /**
   * {@code summary of shop_tx.clients -> dw.clients: 3 inserts, 1 update, 0 deletes in 4
   * transactions, 0 retries, last position 0-1-5:1, 4 changes applied since the stream began}.
   */
  static String streamSummaryLine(String name, SinkMetrics m, long appliedInAll) {
    return "summary of "
        + name
        + ": "
        + counts(m)
        + ", last position "
        + m.last().map(Object::toString).orElse("none")
        + ", "
        + count(appliedInAll, "change")
        + " applied since the stream began";
  }

  /**
   * {@code summary: 5 inserts, 1 update, 0 deletes in 6 transactions, 0 retries, 2 streams, 9
   * changes applied since the streams began, 2.1 s}.
   */
  static String totalSummaryLine(
      Collection<SinkMetrics> streams, long appliedInAll, Duration elapsed) {
    SinkMetrics total =
        new SinkMetrics(
            streams.stream().mapToLong(SinkMetrics::inserts).sum(),
            streams.stream().mapToLong(SinkMetrics::updates).sum(),
            streams.stream().mapToLong(SinkMetrics::deletes).sum(),
            streams.stream().mapToLong(SinkMetrics::transactions).sum(),
            0,
            0,
            streams.stream().mapToLong(SinkMetrics::retries).sum(),
            0,
            streams.stream().mapToLong(SinkMetrics::missingRows).sum(),
            streams.stream().mapToLong(SinkMetrics::rereadRows).sum(),
            streams.stream().mapToLong(SinkMetrics::goneRows).sum(),
            null,
            null,
            null);
    return "summary: "
        + counts(total)
        + ", "
        + count(streams.size(), "stream")
        + ", "
        + count(appliedInAll, "change")
        + " applied since the streams began, "
        + seconds(elapsed);
  }

  private static String counts(SinkMetrics m) {
    return count(m.inserts(), "insert")
        + ", "
        + count(m.updates(), "update")
        + ", "
        + count(m.deletes(), "delete")
        + " in "
        + count(m.transactions(), "transaction")
        + ", "
        + count(m.retries(), "retry", "retries")
        + (m.rereadRows() == 0
            ? ""
            : ", " + count(m.rereadRows(), "row") + " re-read from the source")
        + (m.goneRows() == 0
            ? ""
            : ", " + count(m.goneRows(), "row") + " no longer at the source left for its delete")
        + (m.missingRows() == 0
            ? ""
            : ", "
                + count(m.missingRows(), "update or delete", "updates and deletes")
                + " that found no target row");
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
