package io.github.maxcdc.bench.source;

import io.github.maxcdc.testkit.FakeMaxScale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Reads the bytes a (fake) MaxScale sends for {@code REQUEST-DATA}, exactly as a client receives
 * them, so decoders can be measured on byte arrays without a socket.
 */
public final class StreamCapture {
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private StreamCapture() {}

  /** The format to register for. */
  public enum Format {
    /** One JSON object per line. */
    JSON,
    /** Avro object container bytes. */
    AVRO
  }

  /**
   * Connects as the server's default user, requests {@code table} and returns what arrives until
   * {@code complete} says the bytes received so far hold everything expected.
   *
   * @throws IOException if the server does not answer the handshake with {@code OK}, closes the
   *     connection or sends nothing for two minutes before the stream is complete
   */
  public static byte[] capture(
      FakeMaxScale server, String table, Format format, Predicate<byte[]> complete)
      throws IOException {
    try (Socket socket = new Socket(server.host(), server.port())) {
      InputStream in = request(socket, table, format);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buf = new byte[1 << 16];
      while (!complete.test(received.toByteArray())) {
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException(
              "the server closed the stream of " + table + " after " + received.size() + " bytes");
        }
        received.write(buf, 0, n);
      }
      return received.toByteArray();
    }
  }

  /**
   * Like {@link #capture(FakeMaxScale, String, Format, Predicate)} for large streams: returns what
   * arrives until the server has sent nothing for {@code idleMillis} (it never ends a stream by
   * itself), without looking at the bytes on the way.
   *
   * @throws IOException if the handshake fails, the server closes the connection or sends nothing
   *     for two minutes before the first data byte
   */
  public static byte[] captureUntilIdle(
      FakeMaxScale server, String table, Format format, int idleMillis) throws IOException {
    try (Socket socket = new Socket(server.host(), server.port())) {
      InputStream in = request(socket, table, format);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      ByteArrayOutputStream received = new ByteArrayOutputStream(1 << 20);
      byte[] buf = new byte[1 << 16];
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (java.net.SocketTimeoutException e) {
          return received.toByteArray();
        }
        if (n < 0) {
          throw new IOException(
              "the server closed the stream of " + table + " after " + received.size() + " bytes");
        }
        received.write(buf, 0, n);
        socket.setSoTimeout(idleMillis);
      }
    }
  }

  /**
   * Authenticates as the fake server's default user on a connected {@code socket}, registers for
   * {@code format} and requests {@code table}.
   *
   * @return the socket's input, positioned at the first data byte
   * @throws IOException if the server does not answer the handshake with {@code OK}
   */
  public static InputStream request(Socket socket, String table, Format format) throws IOException {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    send(out, auth(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD));
    expect(in, "OK\n\n", "authentication");
    send(out, "REGISTER UUID=6f1c5a2e-9b1d-4c1e-8d3a-000000000001, TYPE=" + format);
    expect(in, "OK\n", "registration");
    send(out, "REQUEST-DATA " + table);
    return in;
  }

  private static String auth(String user, String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
      HexFormat hex = HexFormat.of();
      return hex.formatHex((user + ":").getBytes(StandardCharsets.UTF_8)) + hex.formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  private static void send(OutputStream out, String message) throws IOException {
    out.write(message.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void expect(InputStream in, String reply, String step) throws IOException {
    byte[] got = in.readNBytes(reply.length());
    String text = new String(got, StandardCharsets.ISO_8859_1);
    if (!text.equals(reply)) {
      throw new IOException(
          step + ": expected " + reply.strip() + " from the server, got '" + text.strip() + "'");
    }
  }
}
