package io.github.maxcdc.testkit.internal.replay;

import java.util.Arrays;

/**
 * Cuts a data stream into the writes MaxScale 24.02.3 makes for it: in JSON one write per line (the
 * schema line, then each row: {@code stream_json} sends every row as it formats it), in AVRO one
 * write per container header and one per data block, as stored ({@code stream_binary}). The {@code
 * delivery-pattern} traces of a 200,000-row stream show both: reads of a few rows in JSON, of whole
 * blocks in AVRO. Stateless.
 */
public final class StreamWrites {
  private static final byte[] MAGIC = {'O', 'b', 'j', 1};
  private static final int SYNC = 16;

  private StreamWrites() {}

  /**
   * The end offsets of the JSON stream's writes: one per line, the newline included; bytes after
   * the last newline make one last write.
   *
   * @param stream the bytes after the handshake
   * @return strictly increasing end offsets, the last one {@code stream.length}
   */
  public static int[] json(byte[] stream) {
    int[] ends = new int[64];
    int n = 0;
    for (int i = 0; i < stream.length; i++) {
      if (stream[i] == '\n') {
        ends = add(ends, n++, i + 1);
      }
    }
    if (n == 0 || ends[n - 1] < stream.length) {
      ends = add(ends, n++, stream.length);
    }
    return Arrays.copyOf(ends, stream.length == 0 ? 0 : n);
  }

  /**
   * The end offsets of the AVRO stream's writes: one per object container header (the first and
   * every re-sent one), one per data block.
   *
   * @param stream the bytes after the handshake
   * @return strictly increasing end offsets, the last one {@code stream.length}
   * @throws IllegalArgumentException if the bytes are not container headers and blocks
   */
  public static int[] avro(byte[] stream) {
    int[] ends = new int[64];
    int n = 0;
    int pos = 0;
    while (pos < stream.length) {
      pos = startsWithMagic(stream, pos) ? header(stream, pos) : block(stream, pos);
      ends = add(ends, n++, pos);
    }
    return Arrays.copyOf(ends, n);
  }

  private static int header(byte[] b, int start) {
    Cursor c = new Cursor(b, start + MAGIC.length);
    long count;
    while ((count = c.varint()) != 0) {
      if (count < 0) {
        count = -count;
        c.varint(); // the block's size in bytes
      }
      for (long i = 0; i < count; i++) {
        c.skip(c.varint()); // key
        c.skip(c.varint()); // value
      }
    }
    c.skip(SYNC);
    return c.pos;
  }

  private static int block(byte[] b, int start) {
    Cursor c = new Cursor(b, start);
    long records = c.varint();
    long size = c.varint();
    if (records < 0 || size < 0) {
      throw new IllegalArgumentException(
          "not an AVRO data block at offset "
              + start
              + ": record count "
              + records
              + ", size "
              + size);
    }
    c.skip(size + SYNC);
    return c.pos;
  }

  private static boolean startsWithMagic(byte[] b, int pos) {
    return b.length - pos >= MAGIC.length
        && Arrays.equals(b, pos, pos + MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  private static int[] add(int[] ends, int n, int end) {
    int[] out = n == ends.length ? Arrays.copyOf(ends, n * 2) : ends;
    out[n] = end;
    return out;
  }

  // Avro's zigzag varints, bounds-checked against the stream.
  private static final class Cursor {
    private final byte[] b;
    private int pos;

    Cursor(byte[] b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    long varint() {
      long raw = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= b.length) {
          throw new IllegalArgumentException("AVRO stream truncated at offset " + pos);
        }
        int x = b[pos++] & 0xFF;
        raw |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new IllegalArgumentException("AVRO varint longer than 10 bytes at offset " + pos);
    }

    void skip(long n) {
      if (n < 0 || n > b.length - pos) {
        throw new IllegalArgumentException(
            "AVRO stream truncated: "
                + n
                + " bytes expected at offset "
                + pos
                + ", "
                + (b.length - pos)
                + " left");
      }
      pos += (int) n;
    }
  }
}
