package io.github.maxcdc.kafka;

/**
 * Another publisher with the same id (so the same {@code transactional.id}) started: Kafka fenced
 * this one off, and its open transaction was aborted. Not transient: stop one of the two, or give
 * them different ids.
 */
public final class PublisherFencedException extends PublishException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public PublisherFencedException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
