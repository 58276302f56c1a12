package io.github.maxcdc.testkit.internal.server;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages clients sent, oldest first, for tests to take. Bounded: past {@link #CAPACITY} the
 * oldest message is dropped. Thread-safe.
 */
public final class MessageLog {
  /** How many messages are kept. */
  public static final int CAPACITY = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);

  private final LinkedBlockingDeque<ReceivedMessage> queue = new LinkedBlockingDeque<>(CAPACITY);

  void add(ReceivedMessage message) {
    while (!queue.offerLast(message)) {
      if (queue.pollFirst() != null) {
        LOG.warn("message log full: dropping the oldest message");
      }
    }
  }

  /**
   * Takes the oldest message, waiting up to a timeout.
   *
   * @param timeout how long to wait
   * @return the message, or empty on timeout or interruption (the interrupt flag is kept)
   */
  public Optional<ReceivedMessage> take(Duration timeout) {
    try {
      return Optional.ofNullable(queue.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
