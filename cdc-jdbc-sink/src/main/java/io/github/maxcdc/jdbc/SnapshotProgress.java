package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import java.time.Duration;
import java.util.Optional;

/**
 * How far a {@link Snapshot} has got.
 *
 * @param table the source table
 * @param rowsCopied rows committed to the target so far, earlier runs of a resumed copy included
 * @param rowsThisRun rows committed by this run
 * @param estimatedRows the source's estimate of the table's rows ({@code information_schema})
 * @param elapsed time since this run started
 */
public record SnapshotProgress(
    TableId table, long rowsCopied, long rowsThisRun, long estimatedRows, Duration elapsed) {

  /** Rows per second of this run. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsThisRun / seconds;
  }

  /** Time left at this run's rate, if the estimate says rows are left. */
  public Optional<Duration> eta() {
    double rate = rowsPerSecond();
    long left = estimatedRows - rowsCopied;
    if (rate <= 0 || left <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (left / rate * 1000)));
  }
}
