package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.kafka.KeyedTopicReader;
import java.time.Duration;

/**
 * What feeds a command's listener, whatever the source: a {@link CdcClient} (CDC listener or
 * KafkaCDC topic) or a {@link KeyedTopicReader} (keyed topics of {@code maxcdc publish}).
 */
interface Runner extends AutoCloseable {
  /** Starts reading. */
  void start();

  /**
   * Waits for the end.
   *
   * @return whether it ended
   * @throws CdcException the failure that ended it
   */
  boolean awaitTermination(Duration timeout) throws CdcException, InterruptedException;

  /** Stops; idempotent, any thread. */
  @Override
  void close();

  /** A client as a runner. */
  static Runner of(CdcClient client) {
    return new Runner() {
      @Override
      public void start() {
        client.start();
      }

      @Override
      public boolean awaitTermination(Duration timeout) throws CdcException, InterruptedException {
        return client.awaitTermination(timeout);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** A reader as a runner. */
  static Runner of(KeyedTopicReader reader) {
    return new Runner() {
      @Override
      public void start() {
        reader.start();
      }

      @Override
      public boolean awaitTermination(Duration timeout) throws CdcException, InterruptedException {
        return reader.awaitTermination(timeout);
      }

      @Override
      public void close() {
        reader.close();
      }
    };
  }
}
