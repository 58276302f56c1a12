package io.github.maxcdc.kafka;

/**
 * A change holds a value MaxScale damaged (a {@link io.github.maxcdc.event.Fidelity} that is not
 * trustworthy) and the publisher was not allowed to publish such values ({@link
 * KafkaPublisher.Builder#allowUntrusted(boolean)}): nothing of the change was published. Not
 * transient.
 */
public final class UntrustedValueException extends PublishException {
  private static final long serialVersionUID = 1L;

  private final String column;

  /** Creates the exception. */
  public UntrustedValueException(String message, String column) {
    super(message, false, null);
    this.column = column;
  }

  /** The column whose value cannot be trusted. */
  public String column() {
    return column;
  }
}
