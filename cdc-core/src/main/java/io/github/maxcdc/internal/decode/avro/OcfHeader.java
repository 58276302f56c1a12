package io.github.maxcdc.internal.decode.avro;

import io.github.maxcdc.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An Avro object container header: {@code Obj\x01}, a metadata map ({@code avro.codec}, {@code
 * avro.schema}) and a 16-byte sync marker.
 *
 * @param codec the codec name ({@code null} when the header has none)
 * @param schemaJson the writer's schema
 * @param sync the sync marker ending every block of this file
 * @param length the header's length in bytes
 */
record OcfHeader(String codec, String schemaJson, byte[] sync, int length) {
  static final int SYNC_SIZE = 16;

  /** Whether {@code buf} at {@code pos} starts with the magic {@code Obj\x01} (4 bytes needed). */
  static boolean isMagic(byte[] buf, int pos) {
    return buf[pos] == 'O' && buf[pos + 1] == 'b' && buf[pos + 2] == 'j' && buf[pos + 3] == 1;
  }

  /**
   * Parses a header at {@code pos}, or returns null if its bytes are not all there yet.
   *
   * @throws DecodeException if the bytes cannot be a header
   */
  static OcfHeader parse(byte[] buf, int pos, int end, String where) throws DecodeException {
    Varints in = new Varints(buf, pos + 4, end);
    Map<String, byte[]> meta = new HashMap<>();
    while (true) {
      long count = in.readLong();
      if (count == Varints.UNDERFLOW) {
        return null;
      }
      if (count == Varints.MALFORMED) {
        throw new DecodeException(where + ": malformed Avro header (bad metadata count)");
      }
      if (count == 0) {
        break;
      }
      if (count < 0) {
        count = -count;
        if (in.readLong() == Varints.UNDERFLOW) {
          return null;
        }
      }
      for (long i = 0; i < count; i++) {
        byte[] key = bytes(in, where);
        if (key == null) {
          return null;
        }
        byte[] value = bytes(in, where);
        if (value == null) {
          return null;
        }
        meta.put(new String(key, StandardCharsets.UTF_8), value);
      }
    }
    if (!in.has(SYNC_SIZE)) {
      return null;
    }
    byte[] sync = in.take(SYNC_SIZE);
    byte[] schema = meta.get("avro.schema");
    if (schema == null) {
      throw new DecodeException(where + ": Avro header without avro.schema");
    }
    byte[] codec = meta.get("avro.codec");
    return new OcfHeader(
        codec == null ? "null" : new String(codec, StandardCharsets.UTF_8),
        new String(schema, StandardCharsets.UTF_8),
        sync,
        in.pos - pos);
  }

  private static byte[] bytes(Varints in, String where) throws DecodeException {
    long n = in.readLong();
    if (n == Varints.UNDERFLOW) {
      return null;
    }
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new DecodeException(where + ": malformed Avro header (bad string length " + n + ")");
    }
    if (!in.has(n)) {
      return null;
    }
    return in.take((int) n);
  }

  /** Whether this header starts the same file as {@code other} (same sync marker). */
  boolean sameFile(OcfHeader other) {
    return other != null && Arrays.equals(sync, other.sync);
  }
}
