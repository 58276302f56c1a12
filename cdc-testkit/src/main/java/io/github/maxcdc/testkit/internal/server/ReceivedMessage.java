package io.github.maxcdc.testkit.internal.server;

import io.github.maxcdc.testkit.internal.session.ConnectionHandler.MessageKind;
import java.time.Instant;

/**
 * One client message as received. Immutable.
 *
 * @param connection 1-based connection number
 * @param index 0-based message index within the connection
 * @param kind how the server interpreted it
 * @param bytes the bytes of one read
 * @param receivedAt when it arrived
 */
public record ReceivedMessage(
    int connection, int index, MessageKind kind, byte[] bytes, Instant receivedAt) {
  /**
   * Creates the record; copies the bytes.
   *
   * @param connection the connection
   * @param index the index
   * @param kind the kind
   * @param bytes the bytes
   * @param receivedAt the received at
   */
  public ReceivedMessage {
    bytes = bytes.clone();
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
