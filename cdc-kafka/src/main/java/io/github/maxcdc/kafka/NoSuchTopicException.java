package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;

/** The topic does not exist on the broker. Not transient: the configuration names another topic. */
public final class NoSuchTopicException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final String topic;

  /** Creates the exception. */
  public NoSuchTopicException(String message, String topic) {
    super(message);
    this.topic = topic;
  }

  /** The topic asked for. */
  public String topic() {
    return topic;
  }
}
