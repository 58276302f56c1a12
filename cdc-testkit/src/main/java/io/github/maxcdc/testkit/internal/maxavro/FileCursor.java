package io.github.maxcdc.testkit.internal.maxavro;

import io.github.maxcdc.testkit.internal.avro.VarintReader;
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

  private final ByteSource source;
  private final VarintReader integers = new VarintReader();
  private final byte[] one = new byte[1];
  private byte[] window = new byte[0];
  private long windowStart;
  private long position;

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
    return integers.overflow();
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
    return integers.read(this::nextByte);
  }

  // The byte at the cursor, which moves past it, or -1 at end of file: maxavro reads varints from
  // the file one byte at a time.
  private int nextByte() throws IOException {
    if (readAt(position, one, 0, 1) != 1) {
      return -1;
    }
    position++;
    return one[0] & 0xFF;
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
