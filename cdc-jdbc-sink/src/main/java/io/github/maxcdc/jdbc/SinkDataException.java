package io.github.maxcdc.jdbc;

import io.github.maxcdc.position.StreamPosition;
import java.util.Optional;

/**
 * The target refused a value, or the sink refused one it cannot write exactly: the sink stopped at
 * the source transaction holding it. Every transaction before it is committed, nothing from it or
 * after it is. The message names the table, the position and the column, never the value.
 */
public final class SinkDataException extends SinkException {
  private static final long serialVersionUID = 1L;

  private final transient StreamPosition position;
  private final String column;

  /** Creates the exception. */
  public SinkDataException(
      String message, StreamPosition position, String column, Throwable cause) {
    super(message, false, cause);
    this.position = position;
    this.column = column;
  }

  /** Position of the change that could not be applied. */
  public StreamPosition position() {
    return position;
  }

  /** The target column at fault, when known. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
