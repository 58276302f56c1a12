package io.github.maxcdc.testkit.internal.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Encodes one change record in Avro binary form for a {@link ChangeSchema}. Column values are what
 * MaxScale hands to avro-c: {@code null}, {@link Integer}, {@link Long}, {@link Float}, {@link
 * Double} or {@code byte[]} (Avro strings and bytes share one encoding). Stateless and thread-safe.
 */
public final class RecordEncoder {
  private RecordEncoder() {}

  /**
   * The GTID part of a record.
   *
   * @param domain GTID domain
   * @param serverId GTID server id
   * @param sequence GTID sequence
   * @param eventNumber 1-based row event number inside the transaction
   * @param timestamp commit time, epoch seconds
   * @param eventType index into {@link ChangeSchema#EVENT_TYPES}
   */
  public record Header(
      long domain, long serverId, long sequence, int eventNumber, long timestamp, int eventType) {}

  /**
   * An encoded record with the end offsets of each primitive write, which is where avro-c's memory
   * writer can stop when a record does not fit in the block buffer.
   *
   * @param bytes the encoded record
   * @param unitEnds end offset of each primitive write, increasing
   */
  public record Encoded(byte[] bytes, int[] unitEnds) {
    /**
     * Creates the record; copies the arrays.
     *
     * @param bytes the bytes
     * @param unitEnds the unit ends
     */
    public Encoded {
      bytes = bytes.clone();
      unitEnds = unitEnds.clone();
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /**
     * Returns a copy of the unitEnds.
     *
     * @return the unitEnds
     */
    @Override
    public int[] unitEnds() {
      return unitEnds.clone();
    }

    /**
     * Returns the length of the longest prefix made of whole primitive writes that fits.
     *
     * @param room available bytes
     * @return prefix length
     */
    public int prefixFitting(int room) {
      int fit = 0;
      for (int end : unitEnds) {
        if (end > room) {
          break;
        }
        fit = end;
      }
      return fit;
    }
  }

  /**
   * Encodes a record.
   *
   * @param header the fixed fields; each is stored as an Avro int, so values wrap to 32 bits as in
   *     MaxScale
   * @param columns the column values in schema order
   * @return the encoded record
   */
  public static Encoded encode(Header header, List<Object> columns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    List<Integer> ends = new ArrayList<>();
    try {
      for (long v :
          new long[] {
            header.domain(),
            header.serverId(),
            header.sequence(),
            header.eventNumber(),
            header.timestamp(),
            header.eventType()
          }) {
        enc.writeInt((int) v);
        ends.add(out.size());
      }
      for (Object value : columns) {
        writeUnion(enc, value, out, ends);
      }
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Encoded(out.toByteArray(), ends.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void writeUnion(
      BinaryEncoder enc, Object value, ByteArrayOutputStream out, List<Integer> ends)
      throws IOException {
    enc.writeIndex(value == null ? 0 : 1);
    ends.add(out.size());
    if (value == null) {
      return;
    }
    if (value instanceof Integer i) {
      enc.writeInt(i);
    } else if (value instanceof Long l) {
      enc.writeLong(l);
    } else if (value instanceof Float f) {
      enc.writeFloat(f);
    } else if (value instanceof Double d) {
      enc.writeDouble(d);
    } else if (value instanceof byte[] b) {
      enc.writeLong(b.length);
      ends.add(out.size());
      enc.writeFixed(b);
    } else {
      throw new IllegalArgumentException("unsupported Avro value " + value.getClass());
    }
    ends.add(out.size());
  }
}
