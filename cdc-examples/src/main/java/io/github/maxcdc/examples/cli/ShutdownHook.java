package io.github.maxcdc.examples.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C for a command that must finish its work before the JVM exits: the hook runs a
 * stop action (end the streams), then holds the exit until the command's main thread {@link
 * #close() closes} this (after committing and printing its summary), for at most {@link #WAIT}.
 */
final class ShutdownHook implements AutoCloseable {
  /** Longest the JVM's exit waits for the command to finish after a signal. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread thread;

  /** A hook that runs {@code stop} on a signal; not installed yet. */
  ShutdownHook(Runnable stop) {
    this.thread =
        new Thread(
            () -> {
              stop.run();
              try {
                finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "maxcdc-shutdown");
  }

  /** Installs the hook; returns this. */
  ShutdownHook install() {
    Runtime.getRuntime().addShutdownHook(thread);
    return this;
  }

  /** The command has finished: lets a pending exit go on, and removes the hook. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: nothing to remove
    }
  }
}
