package io.github.maxcdc.jdbc;

import io.github.maxcdc.CdcException;

/**
 * The sink could not apply the stream. Messages name the target table, the stream position and the
 * column when one is at fault, the SQL text when there is one, never a value.
 */
public class SinkException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final boolean isTransient;

  /** Creates an exception. */
  public SinkException(String message, boolean isTransient, Throwable cause) {
    super(message, cause);
    this.isTransient = isTransient;
  }

  @Override
  public boolean isTransient() {
    return isTransient;
  }
}
