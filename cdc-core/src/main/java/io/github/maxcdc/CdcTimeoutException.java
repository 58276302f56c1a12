package io.github.maxcdc;

/** Connecting, or waiting for a handshake reply, took longer than its timeout. Transient. */
public final class CdcTimeoutException extends CdcException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and a cause. */
  public CdcTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
