package io.github.maxcdc.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests set by hand, to script commit times: thread-safe. */
final class SettableClock extends Clock {
  private volatile Instant now;
  private final Duration tick;

  /** Starts at {@code start}; each reading then moves it forward by {@code tick} (may be zero). */
  SettableClock(Instant start, Duration tick) {
    this.now = start;
    this.tick = tick;
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public synchronized Instant instant() {
    Instant reading = now;
    now = reading.plus(tick);
    return reading;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
