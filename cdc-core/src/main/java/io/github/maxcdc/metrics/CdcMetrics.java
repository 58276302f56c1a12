package io.github.maxcdc.metrics;

/**
 * Something whose progress can be measured: a {@code CdcClient}, a sink. Implementations are
 * thread-safe: {@link #snapshot()} may be called from any thread at any time.
 */
@FunctionalInterface
public interface CdcMetrics {

  /** What has been done so far. */
  MetricsSnapshot snapshot();
}
