package io.github.maxcdc;

import java.io.IOException;

/**
 * Root of the checked exceptions this library throws: the stream could not be opened or went wrong.
 * Each message says what was expected, what arrived (a short excerpt) and what to check; no message
 * contains a password or the authentication string.
 *
 * <p>Caller mistakes (a bad argument, a call in the wrong state) are reported with {@link
 * IllegalArgumentException} and {@link IllegalStateException} instead.
 */
public class CdcException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public CdcException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public CdcException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying again later (a new connection) may succeed: true for connection problems, false
   * for a refused authentication, a corrupt stream or a failing listener.
   */
  public boolean isTransient() {
    return false;
  }
}
