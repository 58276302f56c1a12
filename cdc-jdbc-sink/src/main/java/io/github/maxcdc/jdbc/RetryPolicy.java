package io.github.maxcdc.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sink retries a transient target failure (connection lost, deadlock, lock wait timeout):
 * exponential backoff from {@code initialDelay} doubling up to {@code maxDelay}, at most {@code
 * maxAttempts} retries (0: forever). While it retries, the stream waits.
 *
 * @param initialDelay the first wait
 * @param maxDelay the longest wait
 * @param maxAttempts retries before giving up, 0 for no limit
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts) {

  /** Default: 200 ms doubling up to 30 s, forever: a target down for maintenance is waited for. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 0);

  /** Validates the components. */
  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, got " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay, got " + maxDelay);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException(
          "maxAttempts must be 0 (forever) or more, got " + maxAttempts);
    }
  }

  /** The wait before retry number {@code attempt} (1-based). */
  public Duration delay(int attempt) {
    long millis = initialDelay.toMillis() << Math.min(30, attempt - 1);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }

  /** Whether retry number {@code attempt} (1-based) is allowed. */
  public boolean allows(int attempt) {
    return maxAttempts == 0 || attempt <= maxAttempts;
  }
}
