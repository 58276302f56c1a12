package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;

/**
 * Publishing to Kafka failed: a send or a commit of a Kafka transaction, which was aborted, so
 * nothing of it is visible to {@code read_committed} consumers, and the position record of the
 * publisher still says where the next run resumes. Transient when the broker could not be reached
 * in time.
 */
public class PublishException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /** Creates the exception. */
  public PublishException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  @Override
  public boolean isTransient() {
    return transientFailure;
  }
}
