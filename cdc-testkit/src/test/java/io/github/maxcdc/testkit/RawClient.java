package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.maxcdc.testkit.internal.server.Quiet;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw-socket CDC client of a {@link FakeMaxScale} for tests: sends exact bytes, reads exact
 * counts with deadlines, and checks that nothing more comes without waiting for it.
 */
final class RawClient implements AutoCloseable {
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  static final String AUTH = "636463757365723aed2e3972b87099f3df46bb12eae0327bd17795f4";
  static final String REGISTER_JSON =
      "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=JSON";
  static final String REGISTER_AVRO =
      "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=AVRO";

  private final FakeMaxScale server;
  private final Socket socket;
  private final CountingInputStream in;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private long sent;

  RawClient(FakeMaxScale server) throws IOException {
    this.server = server;
    socket = new Socket(server.host(), server.port());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    in = new CountingInputStream(socket.getInputStream());
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    sent += bytes.length;
  }

  void send(String ascii) throws IOException {
    send(ascii.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a message and reads exactly the expected reply. */
  void sendExpect(String message, String reply) throws IOException {
    send(message);
    assertEquals(reply, new String(read(reply.length()), StandardCharsets.ISO_8859_1));
  }

  /** Authenticates as cdcuser and registers. */
  void handshake(boolean json) throws IOException {
    sendExpect(AUTH, "OK\n\n");
    sendExpect(json ? REGISTER_JSON : REGISTER_AVRO, "OK\n");
  }

  byte[] read(int n) throws IOException {
    byte[] out = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(out, off, n - off);
      if (r < 0) {
        fail("connection closed after " + off + " of " + n + " bytes");
      }
      off += r;
    }
    received.write(out, 0, n);
    return out;
  }

  /** Reads one line, newline excluded. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        fail("connection closed inside a line: " + line);
      }
      line.write(b);
    }
    received.writeBytes(line.toByteArray());
    received.write('\n');
    return line.toString(StandardCharsets.UTF_8);
  }

  /** Reads until the server closes; fails if it does not within the read timeout. */
  byte[] readToEof() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int r;
    while ((r = in.read(buf)) >= 0) {
      out.write(buf, 0, r);
    }
    received.writeBytes(out.toByteArray());
    return out.toByteArray();
  }

  void expectEof() throws IOException {
    byte[] extra = readToEof();
    assertArrayEquals(new byte[0], extra, "bytes before the server closed");
  }

  /**
   * Asserts that the server has nothing more for this client, without waiting for bytes that might
   * still come: waits until the server's session for this connection is quiet (it has handled
   * everything sent so far and every earlier change, and waits for new data, or is stalled by a
   * fault), then checks that the connection is open, that the server wrote exactly the bytes read
   * so far, and that none waits unread.
   */
  void expectSilence() throws IOException {
    Quiet quiet =
        server
            .awaitQuiet(socket.getLocalPort(), sent, READ_TIMEOUT)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the server's session did not become quiet within " + READ_TIMEOUT));
    assertFalse(quiet.closed(), "the server closed the connection");
    long unread = quiet.bytesWritten() - in.count;
    if (unread > 0) {
      byte[] extra = read((int) Math.min(unread, 200));
      fail(
          "the server wrote "
              + unread
              + " bytes more than expected, starting with: "
              + new String(extra, StandardCharsets.ISO_8859_1));
    }
    assertEquals(quiet.bytesWritten(), in.count, "bytes written by the server and read");
    assertEquals(0, in.available(), "bytes waiting unread");
  }

  /**
   * The socket input, for tests that parse the stream themselves (bypasses {@link #received()}).
   */
  InputStream input() {
    return in;
  }

  byte[] received() {
    return received.toByteArray();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Counts the bytes read from the socket, also by tests that parse {@link #input()} directly. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
