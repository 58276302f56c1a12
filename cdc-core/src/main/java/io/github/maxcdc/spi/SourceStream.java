package io.github.maxcdc.spi;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * An open stream of records from a {@link ChangeSource}. Read by one thread; {@link #close()} may
 * be called from any thread and makes a blocked {@link #next(Duration)} return or throw promptly.
 */
public interface SourceStream extends Closeable {

  /**
   * Returns the next record, waiting at most {@code timeout} for one to be complete; returns null
   * if none was.
   *
   * @throws IOException if the stream failed or ended ({@code CdcException} subclasses say how); no
   *     partial record is ever returned
   */
  SourceItem next(Duration timeout) throws IOException;

  /**
   * Whether the stream has returned every record its source has sent so far, with none under way:
   * no complete record queued, no partial record buffered, no byte waiting on the connection. The
   * client then tells its listener ({@code ChangeListener.onCaughtUp}). Called on the reading
   * thread after each record; must be cheap. A stream that cannot tell returns false (the default):
   * its listener then relies on the idle interval alone.
   */
  default boolean caughtUp() {
    return false;
  }

  /** Bytes received so far on this stream (0 if the source does not count them). */
  default long bytesRead() {
    return 0;
  }

  /** Closes the stream; idempotent. */
  @Override
  void close();
}
