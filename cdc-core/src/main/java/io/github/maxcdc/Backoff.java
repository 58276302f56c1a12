package io.github.maxcdc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed operation is tried again, the one retry policy of maxcdc: exponential backoff from
 * {@code initialDelay}, doubling up to {@code maxDelay}, each delay varied by up to {@code jitter}
 * of itself (so that many clients do not retry in step), at most {@code maxAttempts} attempts in a
 * row ({@link Integer#MAX_VALUE}: for ever; 0: never).
 *
 * <p>The client reconnects to MaxScale with it ({@code CdcClient.Builder.reconnect}; a connection
 * that delivers data resets the count). Never retried, whatever the policy: a refused
 * authentication or registration, a decode error, a listener failure. A table without a file yet
 * ({@code NoSuchTableException}) is retried on a slow schedule ({@link #noFileDelay()}). The JDBC
 * sink retries transient target failures with it ({@code JdbcSink.Builder.retry}) from its last
 * commit.
 *
 * @param initialDelay the first delay
 * @param maxDelay the longest delay
 * @param maxAttempts attempts in a row before giving up; {@link Integer#MAX_VALUE} for ever, 0
 *     never to reconnect
 * @param jitter fraction of each delay added or removed at random, 0 to 1
 */
public record Backoff(Duration initialDelay, Duration maxDelay, int maxAttempts, double jitter) {

  /** Default: 200 ms doubling up to 30 s, for ever, 20 % jitter. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), Integer.MAX_VALUE, 0.2);

  /** Validates the components. */
  public Backoff {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, got " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay, got " + maxDelay);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative, got " + maxAttempts);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }

  /** Never reconnect: the first failure ends the stream. */
  public static Backoff never() {
    return new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 0, 0);
  }

  /** Reconnect for ever with this backoff and 20 % jitter. */
  public static Backoff forever(Duration initialDelay, Duration maxDelay) {
    return new Backoff(initialDelay, maxDelay, Integer.MAX_VALUE, 0.2);
  }

  /** Reconnect at most {@code attempts} times in a row with this backoff and 20 % jitter. */
  public static Backoff attempts(int attempts, Duration initialDelay, Duration maxDelay) {
    return new Backoff(initialDelay, maxDelay, attempts, 0.2);
  }

  /** Whether attempt number {@code attempt} (1-based) may be made. */
  public boolean allows(int attempt) {
    return attempt <= maxAttempts;
  }

  /** The delay before attempt number {@code attempt} (1-based), jitter applied. */
  public Duration delay(int attempt) {
    long base = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(30, attempt - 1));
    double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
  }

  /**
   * The delay between retries while MaxScale has no file for the table yet (it creates it with the
   * table's first row): the policy's longest delay, a slow schedule.
   */
  public Duration noFileDelay() {
    return maxDelay;
  }
}
