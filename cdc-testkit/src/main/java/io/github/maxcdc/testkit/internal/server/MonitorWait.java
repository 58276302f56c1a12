package io.github.maxcdc.testkit.internal.server;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting on an object's monitor for a condition, with a deadline. */
final class MonitorWait {
  private MonitorWait() {}

  /**
   * Waits until {@code condition} holds; the caller holds {@code monitor}, whose owners call {@code
   * notifyAll()} when the condition may have changed.
   *
   * @param deadlineNanos when to give up, on the {@link System#nanoTime()} scale
   * @return whether the condition holds (false: the deadline passed first)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  static boolean until(Object monitor, long deadlineNanos, BooleanSupplier condition)
      throws InterruptedException {
    while (!condition.getAsBoolean()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(monitor, left);
    }
    return true;
  }
}
