package io.github.maxcdc.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets before each statement, like {@code SET @@session.timestamp}. */
final class SettableClock extends Clock {
  private volatile Instant now = Instant.EPOCH;

  void set(long epochSecond) {
    now = Instant.ofEpochSecond(epochSecond);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
