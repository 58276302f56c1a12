package io.github.maxcdc.jdbc.internal.watch;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch's thread: runs a check at once, then every interval, and one more soon when asked
 * (several requests before it runs make one check). Checks never overlap. A named daemon thread.
 * Thread-safe.
 */
public final class CheckThread {
  private static final Logger LOG = LoggerFactory.getLogger(CheckThread.class);

  private final ScheduledThreadPoolExecutor executor;
  private final Duration interval;
  private final Runnable check;
  private final AtomicBoolean queued = new AtomicBoolean();

  /** A thread named {@code name} running {@code check}, which must not throw. */
  public CheckThread(String name, Duration interval, Runnable check) {
    this.interval = interval;
    this.check = check;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts the checks: one now, then one every interval. */
  public void start() {
    executor.scheduleWithFixedDelay(check, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Asks for a check soon. */
  public void soon() {
    if (!queued.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            queued.set(false);
            check.run();
          });
    } catch (RejectedExecutionException closed) {
      queued.set(false);
    }
  }

  /** Stops the thread and waits for it, at most {@code timeout}. */
  public void stop(Duration timeout) {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("a source watch's thread did not end within {} ms", timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
