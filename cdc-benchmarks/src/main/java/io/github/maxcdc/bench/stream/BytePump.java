package io.github.maxcdc.bench.stream;

import io.github.maxcdc.bench.source.StreamCapture;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * What MaxScale's example client {@code cdc.py} does, in a JVM: authenticates, registers, requests
 * a table and forwards every byte it reads to stdout as it comes, until the server has been silent
 * for 2 s. The floor of any client that prints the stream: no decoding, no formatting.
 *
 * <p>Usage: {@code BytePump HOST PORT TABLE JSON|AVRO}.
 */
public final class BytePump {
  private static final int IDLE_MILLIS = 2_000;

  private BytePump() {}

  /** Entry point of the child process. */
  public static void main(String[] args) throws IOException {
    StreamCapture.Format format = StreamCapture.Format.valueOf(args[3]);
    try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
      InputStream in = StreamCapture.request(socket, args[2], format);
      OutputStream stdout = new FileOutputStream(FileDescriptor.out);
      byte[] buf = new byte[1 << 16];
      socket.setSoTimeout(IDLE_MILLIS);
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          return;
        }
        if (n < 0) {
          return;
        }
        stdout.write(buf, 0, n); // unbuffered: each read goes out at once, as cdc.py writes it
      }
    }
  }
}
