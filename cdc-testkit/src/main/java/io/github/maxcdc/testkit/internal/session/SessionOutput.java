package io.github.maxcdc.testkit.internal.session;

import java.io.IOException;

/**
 * Where a session writes. Handshake replies are not part of the data stream (faults count stream
 * bytes only). Used by the connection's session thread only.
 */
public interface SessionOutput {

  /**
   * Writes handshake bytes (authentication and registration replies).
   *
   * @param bytes the bytes
   * @throws IOException if the connection is gone
   */
  void handshake(byte[] bytes) throws IOException;

  /**
   * Writes data-stream bytes: everything after the registration reply.
   *
   * @param bytes the bytes
   * @param rows how many complete rows these bytes end (used by row-counting faults)
   * @throws IOException if the connection is gone
   */
  void stream(byte[] bytes, int rows) throws IOException;

  /** Closes the connection (the server side of MaxScale's {@code ClientDCB::close}). */
  void close();

  /**
   * Tells whether the connection is closed.
   *
   * @return true once closed
   */
  boolean isClosed();
}
