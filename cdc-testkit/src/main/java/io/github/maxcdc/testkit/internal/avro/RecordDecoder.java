package io.github.maxcdc.testkit.internal.avro;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Avro binary records the way MaxScale's {@code maxavro_record_read_json} does. Stateless
 * and thread-safe.
 */
public final class RecordDecoder {
  private final RecordLayout layout;

  /**
   * Creates a decoder for a layout.
   *
   * @param layout the writer's record layout
   */
  public RecordDecoder(RecordLayout layout) {
    this.layout = layout;
  }

  /**
   * Decodes one record.
   *
   * @param data block data (decompressed)
   * @param offset where the record starts
   * @param end end of the block data
   * @return the record
   * @throws IllegalArgumentException if the data is truncated or malformed
   */
  public DecodedRecord decode(byte[] data, int offset, int end) {
    ByteReader in = new ByteReader(data, offset, end);
    List<String> names = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (FieldType.Field field : layout.fields()) {
      names.add(field.name());
      values.add(read(in, field.type()));
    }
    return new DecodedRecord(names, values, in.position() - offset);
  }

  private static Object read(ByteReader in, FieldType type) {
    if (type instanceof FieldType.Primitive p) {
      return readPrimitive(in, p.kind());
    }
    if (type instanceof FieldType.EnumType e) {
      long index = in.zigzag();
      if (index < 0 || index >= e.symbols().size()) {
        throw new IllegalArgumentException("enum index " + index + " out of range");
      }
      return e.symbols().get((int) index);
    }
    FieldType.Union u = (FieldType.Union) type;
    long branch = in.zigzag();
    if (branch < 0 || branch >= u.branches().size()) {
      throw new IllegalArgumentException("union branch " + branch + " out of range");
    }
    return read(in, u.branches().get((int) branch));
  }

  private static Object readPrimitive(ByteReader in, FieldType.Kind kind) {
    return switch (kind) {
      case NULL -> null;
      case BOOLEAN -> in.u8() != 0;
      case INT, LONG -> in.zigzag();
      case FLOAT -> (double) Float.intBitsToFloat((int) in.littleEndian(4));
      case DOUBLE -> Double.longBitsToDouble(in.littleEndian(8));
      case BYTES, STRING -> in.bytes();
    };
  }

  /** A bounds-checked cursor over block data. */
  private static final class ByteReader {
    private final byte[] data;
    private final int end;
    private final VarintReader varints = new VarintReader();
    private int pos;

    ByteReader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    int position() {
      return pos;
    }

    int u8() {
      if (pos >= end) {
        throw new IllegalArgumentException("record truncated at offset " + pos);
      }
      return data[pos++] & 0xFF;
    }

    long zigzag() {
      Long value = varints.read(this::u8); // u8 throws at the end: null means an overflow
      if (value == null) {
        throw new IllegalArgumentException(
            "varint longer than " + VarintReader.MAX_SIZE + " bytes at offset " + pos);
      }
      return value;
    }

    long littleEndian(int n) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        v |= (long) u8() << (8 * i);
      }
      return v;
    }

    byte[] bytes() {
      long len = zigzag();
      if (len < 0 || len > end - pos) {
        throw new IllegalArgumentException("bad length " + len + " at offset " + pos);
      }
      byte[] b = new byte[(int) len];
      System.arraycopy(data, pos, b, 0, (int) len);
      pos += (int) len;
      return b;
    }
  }
}
