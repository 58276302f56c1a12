package io.github.maxcdc.jdbc;

/**
 * The target table does not fit the stream: it does not exist, has no key, lacks columns of a new
 * source schema version (with {@link NewColumnsPolicy#FAIL}), or the stream has columns the sink
 * must not write (lossy columns with {@link LossyColumnPolicy#FAIL}). The message says which and
 * how to configure the sink.
 */
public final class SinkSchemaException extends SinkException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SinkSchemaException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
