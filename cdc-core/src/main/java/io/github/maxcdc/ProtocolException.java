package io.github.maxcdc;

/**
 * The server sent bytes that do not follow the MaxScale CDC protocol (an unexpected reply, garbage
 * where a record should start). The message quotes an excerpt of what arrived.
 */
public class ProtocolException extends CdcException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public ProtocolException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
