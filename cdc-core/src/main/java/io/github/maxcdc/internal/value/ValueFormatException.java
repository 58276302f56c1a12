package io.github.maxcdc.internal.value;

/** A raw value does not have the form MaxScale sends for its column type. */
final class ValueFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ValueFormatException(String message) {
    super(message, null, false, false);
  }
}
