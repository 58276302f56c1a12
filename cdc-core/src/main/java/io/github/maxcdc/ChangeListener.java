package io.github.maxcdc;

import io.github.maxcdc.event.ChangeEvent;

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
   * Called when every change received so far has been delivered and nothing more is ready to be
   * read without waiting: the moment to flush output buffered across changes, so that a trickle of
   * changes goes out at once while a backlog goes out in large blocks. Not called again until a
   * change (or another item of the stream) has arrived since. Same thread and exception rules as
   * {@link #onChange(ChangeEvent)}. Default: does nothing.
   */
  default void onCaughtUp() throws Exception {}
}
