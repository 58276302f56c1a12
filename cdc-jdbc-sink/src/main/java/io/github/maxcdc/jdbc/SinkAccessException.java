package io.github.maxcdc.jdbc;

/**
 * The target database refused the sink's user: a wrong password, or a missing grant ({@code
 * SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} on the target table, {@code CREATE} and
 * {@code ALTER} when the sink creates or changes it, and the same on its checkpoint table). Not
 * retried: the message names what was refused; fix the user or its grants, then start again.
 */
public final class SinkAccessException extends SinkException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SinkAccessException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
