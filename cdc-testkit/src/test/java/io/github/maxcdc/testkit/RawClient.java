package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw-socket CDC client for tests: sends exact bytes, reads exact counts with deadlines. */
final class RawClient implements AutoCloseable {
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  static final String AUTH = "636463757365723aed2e3972b87099f3df46bb12eae0327bd17795f4";
  static final String REGISTER_JSON =
      "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=JSON";
  static final String REGISTER_AVRO =
      "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=AVRO";

  private final Socket socket;
  private final InputStream in;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  RawClient(FakeMaxScale server) throws IOException {
    this(server.host(), server.port());
  }

  RawClient(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    in = socket.getInputStream();
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
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

  /** Asserts that nothing arrives within {@code quiet}. */
  void expectSilence(Duration quiet) throws IOException {
    socket.setSoTimeout((int) quiet.toMillis());
    try {
      int r = in.read();
      fail(r < 0 ? "the server closed the connection" : "unexpected byte " + r);
    } catch (SocketTimeoutException expected) {
      // nothing arrived
    } finally {
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    }
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
}
