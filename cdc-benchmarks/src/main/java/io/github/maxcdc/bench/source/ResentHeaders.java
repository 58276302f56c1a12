package io.github.maxcdc.bench.source;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Removes the container headers MaxScale re-sends on every wake-up from an AVRO stream, leaving one
 * standard Avro object container file that Apache Avro's {@code DataFileStream} can read (it stops
 * with "Invalid sync!" at a re-sent header). Only for streams of one schema version.
 */
public final class ResentHeaders {
  private static final int SYNC = 16;

  private final byte[] bytes;
  private int pos;

  private ResentHeaders(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The stream with its first header kept and every later copy of it removed.
   *
   * @throws IllegalArgumentException if the bytes are not a container header followed by blocks
   */
  public static byte[] strip(byte[] stream) {
    return new ResentHeaders(stream).strip();
  }

  private byte[] strip() {
    if (bytes.length < 4
        || bytes[0] != 'O'
        || bytes[1] != 'b'
        || bytes[2] != 'j'
        || bytes[3] != 1) {
      throw new IllegalArgumentException("expected an Avro container header (Obj 1) at byte 0");
    }
    pos = 4;
    skipMetadata();
    pos += SYNC;
    byte[] header = Arrays.copyOf(bytes, pos);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    out.writeBytes(header);
    while (pos < bytes.length) {
      if (startsWith(header, pos)) {
        pos += header.length;
        continue;
      }
      int block = pos;
      readLong(); // records
      skipBytes(); // the records
      pos += SYNC;
      if (pos > bytes.length) {
        throw new IllegalArgumentException("truncated block at byte " + block);
      }
      out.write(bytes, block, pos - block);
    }
    return out.toByteArray();
  }

  private void skipMetadata() {
    for (long count = readLong(); count != 0; count = readLong()) {
      if (count < 0) {
        readLong(); // the block's size in bytes
        count = -count;
      }
      for (long i = 0; i < count; i++) {
        skipBytes(); // key
        skipBytes(); // value
      }
    }
  }

  private void skipBytes() {
    int length = Math.toIntExact(readLong());
    pos = Math.addExact(pos, length);
  }

  private boolean startsWith(byte[] prefix, int at) {
    return bytes.length - at >= prefix.length
        && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
  }

  // Avro's zig-zag varint.
  private long readLong() {
    long raw = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos >= bytes.length || shift > 63) {
        throw new IllegalArgumentException("bad varint at byte " + pos);
      }
      int b = bytes[pos++] & 0xFF;
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
  }
}
