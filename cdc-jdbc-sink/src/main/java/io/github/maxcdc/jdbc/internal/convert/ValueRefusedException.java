package io.github.maxcdc.jdbc.internal.convert;

/** The sink cannot write a value to its column; the message never shows the value. */
public final class ValueRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ValueRefusedException(String message) {
    super(message, null, false, false);
  }
}
