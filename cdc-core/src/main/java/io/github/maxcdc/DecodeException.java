package io.github.maxcdc;

/**
 * A record of the change stream could not be decoded: malformed JSON, a corrupt Avro block, a value
 * that does not fit its column type. The stream stops; no event after the last good one is
 * delivered. The message names the table, the byte offset in the stream and the last good position.
 */
public class DecodeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public DecodeException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
