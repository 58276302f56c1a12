package io.github.maxcdc.testkit.internal.session;

import java.io.IOException;

/**
 * The protocol logic of one client connection. Called only from that connection's session thread,
 * one event at a time, so implementations need no locking.
 */
public interface ConnectionHandler {

  /** How a client message is classified when it is recorded. */
  enum MessageKind {
    /** The first message. */
    AUTHENTICATION,
    /** The message after a successful authentication. */
    REGISTRATION,
    /** Any later message. */
    COMMAND
  }

  /**
   * Returns how the next message will be interpreted.
   *
   * @return the kind
   */
  MessageKind nextMessageKind();

  /**
   * Handles whatever one socket read returned (MaxScale has no message framing).
   *
   * @param message the bytes
   * @throws IOException if writing fails
   */
  void onMessage(byte[] message) throws IOException;

  /**
   * Handles a wake-up: new data may be available (MaxScale's {@code notify_all_clients}).
   *
   * @throws IOException if writing fails
   */
  void onWakeUp() throws IOException;

  /**
   * Called once when the connection is established, before any message.
   *
   * @throws IOException if writing fails
   */
  default void onOpen() throws IOException {}

  /** Called once when the connection is gone, to release files. */
  default void onClosed() {}
}
