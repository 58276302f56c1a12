package io.github.maxcdc;

import io.github.maxcdc.event.ChangeEvent;
import java.time.Duration;

/**
 * Receives the change events of a stream.
 *
 * <p>Threading: called on the client's reader thread only, one event at a time, in stream order;
 * while it runs no more bytes are read from the socket (back-pressure). Exceptions: anything the
 * listener throws stops the stream; the client then terminates with a {@link ListenerException} and
 * the event is not considered consumed.
 *
 * <pre>{@code
 * ChangeListener printer = event -> System.out.println(event.type() + " " + event.after());
 * }</pre>
 */
@FunctionalInterface
public interface ChangeListener {

  /** Handles one change. */
  void onChange(ChangeEvent event) throws Exception;

  /**
   * Called when the stream restarts after a reconnect, before any change of the new connection:
   * returns the position to resume after. Changes delivered after it are delivered again, so a
   * listener that keeps changes before making them durable (a sink) drops them here and returns the
   * last position it made durable; empty means none (the stream restarts at the client's start
   * position). Same thread and exception rules as {@link #onChange(ChangeEvent)}.
   *
   * <p>Default: {@code lastDelivered}, every change delivered counts as consumed.
   *
   * @param lastDelivered the last change this listener returned from, if any
   */
  default java.util.Optional<io.github.maxcdc.position.StreamPosition> resumeAfter(
      java.util.Optional<io.github.maxcdc.position.StreamPosition> lastDelivered) throws Exception {
    return lastDelivered;
  }

  /**
   * Called when no data has arrived for the client's idle interval: a good moment to flush buffered
   * work. Same thread and exception rules as {@link #onChange(ChangeEvent)}. Default: does nothing.
   */
  default void onIdle() throws Exception {}

  /**
   * Called when the stream has caught up with its source: every record the source has sent so far
   * has been delivered and none is under way (no complete or partial record buffered, no byte
   * waiting on the connection). A good moment to make complete work durable without waiting for
   * {@link #onIdle()}.
   *
   * <p>Called first with {@link Duration#ZERO}, right after the change (or other record) that
   * caught up; then, if no record arrives within the client's quiet interval ({@code
   * CdcClient.Builder.quietInterval}), once more with that interval. The protocol has no
   * end-of-transaction marker and a source may be caught up between two rows of one transaction, so
   * the first call does not mean that the last transaction is complete; the second one means the
   * source has paused. Only sources that can tell (a MaxScale CDC listener) make these calls; with
   * the others a listener sees {@link #onIdle()} only. Same thread and exception rules as {@link
   * #onChange(ChangeEvent)}. Default: does nothing.
   *
   * @param quietFor how long the stream has been caught up without a new record
   */
  default void onCaughtUp(Duration quietFor) throws Exception {}
}
