package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.CdcException;
import java.time.Duration;

/**
 * What the reader thread of a {@code KeyedTopicReader} runs: one consumer, read by that thread
 * only, except {@link #wakeup()}.
 */
public interface ReadLoop {
  /** Assigns or subscribes the partitions and seeks them. */
  void open() throws CdcException;

  /**
   * Polls once for up to {@code wait} and delivers what can be delivered.
   *
   * @return whether records arrived
   */
  boolean step(Duration wait) throws CdcException;

  /** Whether records were read but not delivered yet (waiting for another partition). */
  boolean holding();

  /** Tells the listeners the topics are quiet. */
  void idle() throws CdcException;

  /** Changes delivered. */
  long delivered();

  /** Ends {@link #step} at once; any thread. */
  void wakeup();

  /**
   * Closes the listeners this loop opened and the consumer.
   *
   * @param failed whether the loop stopped on a failure
   * @throws Exception the first failure to close a listener
   */
  void close(boolean failed) throws Exception;
}
