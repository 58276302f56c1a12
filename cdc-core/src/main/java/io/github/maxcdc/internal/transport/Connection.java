package io.github.maxcdc.internal.transport;

import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.ConnectionClosedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One TCP connection to a CDC listener. Every read has a timeout; {@link #close()} may be called
 * from any thread and makes a blocked read end at once. Reads and writes belong to one thread.
 */
public final class Connection implements Closeable {
  /** Result of {@link #read} when the peer closed the connection. */
  public static final int EOF = -1;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String server;
  private volatile boolean closed;

  private Connection(Socket socket, String server) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.server = server;
  }

  /**
   * Connects with a timeout; TCP_NODELAY (messages must not be held back) and keep-alive on.
   *
   * @throws CdcTimeoutException if it takes longer than {@code timeout}
   * @throws ConnectionClosedException if the connection is refused or the host unreachable
   */
  public static Connection open(String host, int port, Duration timeout) throws IOException {
    String server = host + ":" + port;
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return new Connection(socket, server);
    } catch (SocketTimeoutException e) {
      close(socket);
      throw new CdcTimeoutException(
          "could not connect to "
              + server
              + " within "
              + timeout.toMillis()
              + " ms: check the host, "
              + "the port of the CDC listener and the network",
          e);
    } catch (IOException e) {
      close(socket);
      throw new ConnectionClosedException(
          "could not connect to "
              + server
              + " ("
              + e.getMessage()
              + "): check that MaxScale runs "
              + "and has a CDC listener on that port",
          false,
          e);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  /** {@code host:port}. */
  public String server() {
    return server;
  }

  /** Sends one message in one write: the server treats what one read returns as one command. */
  public void send(byte[] message) throws IOException {
    try {
      out.write(message);
      out.flush();
    } catch (IOException e) {
      throw new ConnectionClosedException(
          "the connection to " + server + " failed while sending (" + e.getMessage() + ")",
          false,
          e);
    }
  }

  /**
   * Reads what is available, waiting at most {@code timeout}.
   *
   * @return the number of bytes read, 0 if none arrived in time, or {@link #EOF}
   * @throws IOException if the connection failed (a {@code ConnectionClosedException}), or was
   *     closed by {@link #close()} (then the message says so)
   */
  public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
    try {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      return in.read(buf, off, len);
    } catch (SocketTimeoutException e) {
      return 0;
    } catch (SocketException e) {
      if (closed) {
        return EOF;
      }
      throw new ConnectionClosedException(
          "the connection to " + server + " failed (" + e.getMessage() + ")", false, e);
    }
  }

  /**
   * How many bytes can be read without waiting (0 when none, or when the connection failed or
   * ended: the next {@link #read} says which).
   */
  public int available() {
    try {
      return in.available();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Closes the socket; idempotent, any thread. */
  @Override
  public void close() {
    closed = true;
    close(socket);
  }
}
