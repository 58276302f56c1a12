package io.github.maxcdc.internal.protocol;

import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.internal.transport.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads one handshake reply: bytes up to a terminator, with a deadline. The server has no framing,
 * so bytes after the terminator (none expected) are kept for the stream decoder. Not thread-safe.
 */
final class ReplyReader {
  private static final int MAX_REPLY = 4096;

  private final Connection connection;
  private byte[] buf = new byte[256];
  private int length;

  ReplyReader(Connection connection) {
    this.connection = connection;
  }

  /** The result of a read: the reply bytes and whether the server closed after them. */
  record Reply(byte[] bytes, boolean closed) {}

  /**
   * Reads until {@code terminator} has arrived, the server closed the connection, or {@code
   * timeout} passed.
   *
   * @throws CdcTimeoutException if nothing conclusive arrived in time
   */
  Reply read(byte[] terminator, Duration timeout, String waitingFor, byte[]... expected)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      int end = indexOf(terminator);
      if (end >= 0) {
        return take(end + terminator.length, false);
      }
      if (length > 0 && !startsLikeAny(expected)) {
        return take(length, false); // not a reply this protocol sends: let the caller say so
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || length >= MAX_REPLY) {
        throw new CdcTimeoutException(
            "no complete reply from "
                + connection.server()
                + " within "
                + timeout.toMillis()
                + " ms while waiting for "
                + waitingFor
                + " (received "
                + length
                + " bytes)",
            null);
      }
      if (length == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = connection.read(buf, length, buf.length - length, Duration.ofNanos(left));
      if (n == Connection.EOF) {
        return take(length, true);
      }
      length += n;
    }
  }

  /** Bytes received after the last reply, for the stream decoder. */
  byte[] leftover() {
    return Arrays.copyOf(buf, length);
  }

  private Reply take(int n, boolean closed) {
    byte[] reply = Arrays.copyOf(buf, n);
    System.arraycopy(buf, n, buf, 0, length - n);
    length -= n;
    return new Reply(reply, closed);
  }

  private boolean startsLikeAny(byte[][] prefixes) {
    for (byte[] prefix : prefixes) {
      int n = Math.min(length, prefix.length);
      if (Arrays.equals(buf, 0, n, prefix, 0, n)) {
        return true;
      }
    }
    return false;
  }

  private int indexOf(byte[] terminator) {
    outer:
    for (int i = 0; i + terminator.length <= length; i++) {
      for (int j = 0; j < terminator.length; j++) {
        if (buf[i + j] != terminator[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
