package io.github.maxcdc.internal.decode.avro;

/**
 * Reads Avro's zigzag varints and length-prefixed byte strings from a byte range that may end
 * early: every read returns {@link #UNDERFLOW} (or null) instead of failing when the bytes are not
 * all there yet, so framing can wait for more. Not thread-safe.
 */
final class Varints {
  /** Marker: the value is not complete in the bytes available. */
  static final long UNDERFLOW = Long.MIN_VALUE;

  /** Marker: more than 10 bytes of varint, not a valid Avro long. */
  static final long MALFORMED = Long.MIN_VALUE + 1;

  private final byte[] buf;
  int pos;
  private final int end;

  Varints(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Reads a zigzag varint long, or returns {@link #UNDERFLOW} / {@link #MALFORMED}. */
  long readLong() {
    long raw = 0;
    int shift = 0;
    int p = pos;
    while (true) {
      if (p >= end) {
        return UNDERFLOW;
      }
      int b = buf[p++] & 0xFF;
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        return MALFORMED;
      }
    }
    pos = p;
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Whether {@code n} more bytes are available. */
  boolean has(long n) {
    return n <= end - pos;
  }

  /** Reads {@code n} bytes (the caller checked {@link #has(long)}). */
  byte[] take(int n) {
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** Skips {@code n} bytes (the caller checked {@link #has(long)}). */
  void skip(long n) {
    pos += (int) n;
  }
}
