package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;

/**
 * A topic whose records are neither MaxScale's KafkaCDC records nor the envelopes of {@code maxcdc
 * publish}, or an empty topic, whose format cannot be told: the message names the record ({@code
 * topic-partition@offset}) and what was expected.
 */
public final class TopicFormatException extends CdcException {
  private static final long serialVersionUID = 1L;

  private final String topic;

  /** An exception about {@code topic}. */
  public TopicFormatException(String message, String topic) {
    super(message);
    this.topic = topic;
  }

  /** The topic. */
  public String topic() {
    return topic;
  }
}
