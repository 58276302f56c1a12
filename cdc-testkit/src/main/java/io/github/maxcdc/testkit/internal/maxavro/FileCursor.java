package io.github.maxcdc.testkit.internal.maxavro;

import io.github.maxcdc.testkit.internal.store.ByteSource;
import java.io.IOException;
import java.util.Arrays;

/**
 * The {@code FILE*} of MaxScale's reader: a position in a growing file, the reads maxavro does at
 * that position (varints one byte at a time, exact-length chunks) and a read-ahead window. Bytes
 * once written never change (avrorouter files only grow), so requests inside the window are served
 * from it; anything else refills it, which also picks up growth. Owned by one session thread.
 */
final class FileCursor {
  private static final int WINDOW = 16 * 1024;
  private static final int MAX_INTEGER_SIZE = 10;

  private final ByteSource source;
  private byte[] window = new byte[0];
  private long windowStart;
  private long position;
  private boolean overflow;

  FileCursor(ByteSource source) {
    this.source = source;
  }

  long position() {
    return position;
  }

  void seek(long newPosition) {
    position = newPosition;
  }

  /** True after a varint longer than 10 bytes ({@code MAXAVRO_ERR_VALUE_OVERFLOW}). */
  boolean overflow() {
    return overflow;
  }

  /**
   * Reads at an absolute position without moving the cursor; returns the count read (short at EOF).
   */
  int readAt(long at, byte[] dst, int off, int len) throws IOException {
    if (at < windowStart || at + len > windowStart + window.length) {
      byte[] fresh = new byte[Math.max(WINDOW, len)];
      int n = source.read(at, fresh, 0, fresh.length);
      window = Arrays.copyOf(fresh, n);
      windowStart = at;
    }
    int available = (int) Math.max(0, Math.min(len, windowStart + window.length - at));
    System.arraycopy(window, (int) (at - windowStart), dst, off, available);
    return available;
  }

  /** {@code fread} of exactly {@code len} bytes; the cursor advances by what was read. */
  byte[] readExactly(int len) throws IOException {
    byte[] out = new byte[len];
    int n = readAt(position, out, 0, len);
    position += n;
    return n == len ? out : null;
  }

  /** {@code maxavro_read_integer_from_file}: a zig-zag varint, or null at end of file. */
  Long readInteger() throws IOException {
    long raw = 0;
    int b;
    int nread = 0;
    byte[] one = new byte[1];
    do {
      if (nread >= MAX_INTEGER_SIZE) {
        overflow = true;
        return null;
      }
      if (readAt(position, one, 0, 1) != 1) {
        return null;
      }
      position++;
      b = one[0] & 0xFF;
      raw |= (long) (b & 0x7F) << (7 * nread++);
    } while ((b & 0x80) != 0);
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** A length-prefixed byte string, or null at end of file. */
  byte[] readLengthPrefixed() throws IOException {
    Long len = readInteger();
    if (len == null || len < 0 || len > Integer.MAX_VALUE) {
      return null;
    }
    return readExactly(len.intValue());
  }

  void close() throws IOException {
    source.close();
  }
}
