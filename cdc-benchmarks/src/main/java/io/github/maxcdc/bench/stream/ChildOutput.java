package io.github.maxcdc.bench.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Drains a child process's stdout (a real pipe) until it has given the expected number of lines or
 * bytes, and times it from the first byte to the last one expected. Keeps the tail of the output,
 * to check what was printed last.
 */
final class ChildOutput {
  private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final int TAIL = 1024;

  /** Nanoseconds from the first byte to the last expected one. */
  final long nanos;

  /** The last bytes read, as text. */
  final String tail;

  private ChildOutput(long nanos, String tail) {
    this.nanos = nanos;
    this.tail = tail;
  }

  /**
   * Reads {@code process}'s stdout until {@code lines} newlines (or, with {@code lines} 0, {@code
   * bytes} bytes) have come.
   *
   * @throws IOException if the process ends first, or the output takes more than 5 minutes
   */
  static ChildOutput drain(Process process, long lines, long bytes) throws IOException {
    InputStream in = process.getInputStream();
    byte[] buf = new byte[1 << 16];
    byte[] tail = new byte[TAIL];
    long seenLines = 0;
    long seenBytes = 0;
    long first = 0;
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (lines > 0 ? seenLines < lines : seenBytes < bytes) {
      int n = in.read(buf);
      if (n < 0 || System.nanoTime() > deadline) {
        throw new IOException(
            (n < 0 ? "the child ended" : "the child was too slow")
                + " after "
                + seenLines
                + " lines, "
                + seenBytes
                + " bytes");
      }
      if (seenBytes == 0) {
        first = System.nanoTime();
      }
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          seenLines++;
        }
      }
      seenBytes += n;
      keepTail(tail, buf, n);
    }
    long nanos = System.nanoTime() - first;
    return new ChildOutput(nanos, new String(tail, StandardCharsets.UTF_8));
  }

  private static void keepTail(byte[] tail, byte[] buf, int n) {
    if (n >= tail.length) {
      System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
    } else {
      System.arraycopy(tail, n, tail, 0, tail.length - n);
      System.arraycopy(buf, 0, tail, tail.length - n, n);
    }
  }
}
