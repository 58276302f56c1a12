package io.github.maxcdc;

import io.github.maxcdc.position.StreamPosition;

/**
 * The data listener threw: the stream stopped, and the failed event's position was not treated as
 * consumed. {@link #getCause()} is what the listener threw.
 */
public final class ListenerException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final transient StreamPosition position;

  /** Creates the exception for the event at {@code position}. */
  public ListenerException(String message, StreamPosition position, Throwable cause) {
    super(message, cause);
    this.position = position;
  }

  /** Position of the event the listener failed on. */
  public StreamPosition position() {
    return position;
  }
}
