package io.github.maxcdc.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the metrics of clients and sinks every period, one line each, with the rate of every counter
 * since the previous line, through SLF4J (logger {@code io.github.maxcdc.metrics}, level INFO):
 *
 * <pre>
 * client shop_tx.commandes: events 1204 (40.1/s), bytes 289211 (9640.3/s), reconnects 0; last 0-1-1207:1, lag 0.4 s
 * </pre>
 *
 * <pre>{@code
 * try (MetricsReporter reporter = MetricsReporter.logEvery(Duration.ofSeconds(30), client, sink)) {
 *     client.awaitTermination(...);
 * }
 * }</pre>
 *
 * Runs on one daemon thread, stopped by {@link #close()}. Thread-safe.
 */
public final class MetricsReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.maxcdc.metrics");

  private final List<CdcMetrics> sources;
  private final ScheduledExecutorService executor;
  private final Map<CdcMetrics, MetricsSnapshot> previous = new HashMap<>(); // reporter thread only

  private MetricsReporter(List<CdcMetrics> sources, Duration period) {
    this.sources = sources;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "maxcdc-metrics");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleAtFixedRate(
        this::report, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts logging the metrics of {@code sources} every {@code period}. */
  public static MetricsReporter logEvery(Duration period, CdcMetrics... sources) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
    for (CdcMetrics source : sources) {
      Objects.requireNonNull(source, "sources");
    }
    return new MetricsReporter(List.of(sources), period);
  }

  /** Logs one line per source now (also called every period). */
  public void report() {
    for (CdcMetrics source : sources) {
      try {
        MetricsSnapshot now = source.snapshot();
        LOG.info(format(previous.get(source), now));
        previous.put(source, now);
      } catch (RuntimeException e) {
        LOG.warn("could not read the metrics of {}", source, e);
      }
    }
  }

  /** One report line: counters with their rates since {@code before} (which may be null). */
  public static String format(MetricsSnapshot before, MetricsSnapshot now) {
    StringBuilder line = new StringBuilder(now.source()).append(": ");
    double seconds =
        before == null ? 0 : Duration.between(before.at(), now.at()).toMillis() / 1000.0;
    String separator = "";
    for (Map.Entry<String, Long> counter : now.counters().entrySet()) {
      line.append(separator).append(counter.getKey()).append(' ').append(counter.getValue());
      if (seconds > 0) {
        double rate = (counter.getValue() - before.counter(counter.getKey())) / seconds;
        line.append(String.format(Locale.ROOT, " (%.1f/s)", rate));
      }
      separator = ", ";
    }
    now.last()
        .ifPresent(
            p ->
                line.append("; last ")
                    .append(p)
                    .append(
                        String.format(Locale.ROOT, ", lag %.1f s", now.lag().toMillis() / 1000.0)));
    return line.toString();
  }

  /** Stops reporting; idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
