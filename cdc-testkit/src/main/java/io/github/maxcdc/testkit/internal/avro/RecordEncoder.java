package io.github.maxcdc.testkit.internal.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
   * An encoded record.
   *
   * @param bytes the encoded record
   */
  public record Encoded(byte[] bytes) {
    /**
     * Creates the record; copies the array.
     *
     * @param bytes the bytes
     */
    public Encoded {
      bytes = bytes.clone();
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
      }
      for (Object value : columns) {
        writeUnion(enc, value);
      }
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Encoded(out.toByteArray());
  }

  private static void writeUnion(BinaryEncoder enc, Object value) throws IOException {
    enc.writeIndex(value == null ? 0 : 1);
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
      enc.writeFixed(b);
    } else {
      throw new IllegalArgumentException("unsupported Avro value " + value.getClass());
    }
  }
}
