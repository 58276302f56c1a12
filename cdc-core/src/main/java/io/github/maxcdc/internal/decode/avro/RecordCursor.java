package io.github.maxcdc.internal.decode.avro;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.SystemLimitException;

/**
 * Reads Avro binary values from the bytes of one block, as {@code BinaryDecoder} reads them (same
 * varint limits, same length checks, same strings), straight from the array: a string is decoded
 * where it lies instead of being copied into a holder first. Not thread-safe.
 */
final class RecordCursor {
  private byte[] buf;
  private int pos;
  private int limit;

  /** Reads {@code buf[off, off + len)} from its start. */
  void reset(byte[] buf, int off, int len) {
    this.buf = buf;
    this.pos = off;
    this.limit = off + len;
  }

  /** Whether every byte was read. */
  boolean isEnd() {
    return pos == limit;
  }

  /** A zigzag varint of at most 5 bytes. */
  int readInt() throws IOException {
    if (pos < limit && buf[pos] >= 0) {
      int n = buf[pos++]; // one byte: most indexes, counters and small values
      return (n >>> 1) ^ -(n & 1);
    }
    int n = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw new IOException("Invalid int encoding");
      }
      int b = next();
      n |= (b & 0x7F) << shift;
      if (b < 0x80) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
  }

  /** A zigzag varint of at most 10 bytes. */
  long readLong() throws IOException {
    if (pos < limit && buf[pos] >= 0) {
      long n = buf[pos++];
      return (n >>> 1) ^ -(n & 1);
    }
    long n = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 63) {
        throw new IOException("Invalid long encoding");
      }
      int b = next();
      n |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
  }

  float readFloat() throws IOException {
    return Float.intBitsToFloat(littleEndian(4));
  }

  double readDouble() throws IOException {
    long low = littleEndian(4) & 0xFFFF_FFFFL;
    return Double.longBitsToDouble(low | (long) littleEndian(4) << 32);
  }

  /** A length-prefixed UTF-8 string, decoded as {@code BinaryDecoder.readString()} does. */
  String readString() throws IOException {
    int length = SystemLimitException.checkMaxStringLength(available(readLong()));
    int at = take(length);
    return length == 0 ? "" : new String(buf, at, length, StandardCharsets.UTF_8);
  }

  /** Length-prefixed bytes, in an array of their own. */
  byte[] readBytes() throws IOException {
    int length = SystemLimitException.checkMaxBytesLength(available(readLong()));
    int at = take(length);
    return java.util.Arrays.copyOfRange(buf, at, at + length);
  }

  private int littleEndian(int bytes) throws IOException {
    int at = take(bytes);
    int v = 0;
    for (int i = bytes - 1; i >= 0; i--) {
      v = v << 8 | (buf[at + i] & 0xFF);
    }
    return v;
  }

  // A length longer than the bytes left is a cut or corrupt block: Avro's own limit check would
  // throw an UnsupportedOperationException for lengths over 2^31 - 9, not a decoding error.
  private long available(long length) throws EOFException {
    if (length > limit - pos) {
      throw new EOFException("a length of " + length + " with " + (limit - pos) + " bytes left");
    }
    return length;
  }

  // the position of the next n bytes, which are then read
  private int take(int n) throws EOFException {
    if (n > limit - pos) {
      throw new EOFException();
    }
    int at = pos;
    pos += n;
    return at;
  }

  private int next() throws EOFException {
    if (pos >= limit) {
      throw new EOFException();
    }
    return buf[pos++] & 0xFF;
  }
}
