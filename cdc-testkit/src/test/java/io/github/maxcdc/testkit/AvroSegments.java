package io.github.maxcdc.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits an AVRO-mode stream into object container headers and data blocks. */
final class AvroSegments {
  private static final byte[] MAGIC = {'O', 'b', 'j', 1};

  /** A header or a block; {@code bytes} is the segment with its sync marker zeroed. */
  record Segment(boolean header, int records, byte[] bytes, byte[] sync, String schema) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Segment s && s.header == header && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return header
          ? "Header[" + bytes.length + " bytes]"
          : "Block[" + records + " records, " + bytes.length + " bytes]";
    }
  }

  private final PushbackInputStream in;

  AvroSegments(InputStream in) {
    this.in = new PushbackInputStream(in, 4);
  }

  static List<Segment> parse(byte[] stream) throws IOException {
    AvroSegments s = new AvroSegments(new ByteArrayInputStream(stream));
    List<Segment> out = new ArrayList<>();
    while (s.hasMore()) {
      out.add(s.next());
    }
    return out;
  }

  boolean hasMore() throws IOException {
    int b = in.read();
    if (b < 0) {
      return false;
    }
    in.unread(b);
    return true;
  }

  Segment next() throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] head = readN(4, raw);
    if (Arrays.equals(head, MAGIC)) {
      String schema = null;
      long n;
      while ((n = varint(raw)) != 0) {
        for (long i = 0; i < n; i++) {
          String key = new String(readN((int) varint(raw), raw), StandardCharsets.UTF_8);
          String value = new String(readN((int) varint(raw), raw), StandardCharsets.UTF_8);
          if (key.equals("avro.schema")) {
            schema = value;
          }
        }
      }
      byte[] sync = readN(16, null);
      raw.writeBytes(new byte[16]);
      return new Segment(true, 0, raw.toByteArray(), sync, schema);
    }
    in.unread(head);
    raw.reset();
    int records = (int) varint(raw);
    int size = (int) varint(raw);
    readN(size, raw);
    byte[] sync = readN(16, null);
    raw.writeBytes(new byte[16]);
    return new Segment(false, records, raw.toByteArray(), sync, null);
  }

  private byte[] readN(int n, ByteArrayOutputStream copy) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException("expected " + n + " bytes, got " + b.length);
    }
    if (copy != null) {
      copy.writeBytes(b);
    }
    return b;
  }

  private long varint(ByteArrayOutputStream copy) throws IOException {
    long raw = 0;
    int shift = 0;
    int b;
    do {
      b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      copy.write(b);
      raw |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (raw >>> 1) ^ -(raw & 1);
  }

  /**
   * Drops headers identical to the one in force (MaxScale re-sends the current header on every
   * wake-up).
   */
  static List<Segment> withoutRepeatedHeaders(List<Segment> segments) {
    List<Segment> out = new ArrayList<>();
    Segment current = null;
    for (Segment s : segments) {
      if (s.header()) {
        if (current != null && current.equals(s) && Arrays.equals(current.sync(), s.sync())) {
          continue;
        }
        current = s;
      }
      out.add(s);
    }
    return out;
  }

  static byte[] stripHandshake(byte[] bin) {
    return Arrays.copyOfRange(bin, "OK\n\nOK\n".length(), bin.length);
  }
}
