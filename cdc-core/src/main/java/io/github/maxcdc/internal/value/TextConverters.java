package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.Fidelity;
import java.nio.charset.StandardCharsets;

/**
 * Converters for text, binary, ENUM, SET and the types MaxScale does not carry.
 *
 * <p>Binary values in the JSON format: MaxScale sends the bytes as a string when they are valid
 * UTF-8 and as lowercase hex otherwise (recording {@code e_all_types_json}: {@code x'DEADBEEF'} is
 * {@code "deadbeef"}, {@code x'00010203'} is {@code "\u0000\u0001\u0002\u0003"}). A string whose
 * hex decoding is valid UTF-8 cannot be hex (MaxScale would have sent those bytes as they are); a
 * hex-looking string whose decoding is not valid UTF-8 is either: it is read as hex and marked
 * {@link Fidelity#AMBIGUOUS}.
 *
 * <p>Empty BLOB and TEXT values arrive as one NUL byte in both formats: read as empty, marked
 * {@link Fidelity#AMBIGUOUS} (a one-NUL-byte value arrives the same).
 */
final class TextConverters {
  private static final byte[] EMPTY = new byte[0];

  private TextConverters() {}

  /** CHAR and VARCHAR: a string in both formats. */
  static Object string(Object raw, Conversion c) {
    if (raw instanceof String s) {
      return s;
    }
    if (raw instanceof byte[] bytes) {
      return utf8(bytes, c);
    }
    throw new ValueFormatException("expected a string, got " + Kinds.of(raw));
  }

  /** TEXT types: JSON sends a string, AVRO bytes; one NUL means empty. */
  static Object textBlob(Object raw, Conversion c) {
    String s;
    if (raw instanceof String str) {
      s = str;
    } else if (raw instanceof byte[] bytes) {
      s = utf8(bytes, c);
    } else {
      throw new ValueFormatException("expected text, got " + Kinds.of(raw));
    }
    if (s.length() == 1 && s.charAt(0) == '\0') {
      c.mark(Fidelity.AMBIGUOUS);
      return "";
    }
    return s;
  }

  private static String utf8(byte[] bytes, Conversion c) {
    String s = Hex.decodeUtf8(bytes);
    if (s == null) {
      // not UTF-8: a column in another character set; keep what can be read, raw() has the bytes
      c.mark(Fidelity.CORRUPT);
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return s;
  }

  /** BLOB types: like {@link #binary} plus the one-NUL-means-empty rule. */
  static Object blob(Object raw, Conversion c) {
    byte[] bytes = (byte[]) binary(raw, c);
    if (bytes.length == 1 && bytes[0] == 0) {
      c.mark(Fidelity.AMBIGUOUS);
      return EMPTY;
    }
    return bytes;
  }

  /** BINARY, VARBINARY: raw bytes in AVRO; string or hex in JSON. */
  static Object binary(Object raw, Conversion c) {
    if (raw instanceof byte[] bytes) {
      return bytes;
    }
    if (raw instanceof String s) {
      byte[] decoded = Hex.decodeIfNotUtf8(s);
      if (decoded != null) {
        c.mark(Fidelity.AMBIGUOUS);
        return decoded;
      }
      return s.getBytes(StandardCharsets.UTF_8);
    }
    throw new ValueFormatException("expected bytes or a string, got " + Kinds.of(raw));
  }

  /** ENUM: the 1-based index as hex bytes in binlog (little-endian) order; 0 is the '' value. */
  static Object enumIndex(Object raw, Conversion c) {
    return (int) Hex.littleEndian(hexText(raw));
  }

  /** SET: the bitmask as hex bytes in binlog (little-endian) order. */
  static Object setBits(Object raw, Conversion c) {
    return Hex.littleEndian(hexText(raw));
  }

  private static String hexText(Object raw) {
    if (raw instanceof String s) {
      return s;
    }
    if (raw instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    throw new ValueFormatException("expected hex text, got " + Kinds.of(raw));
  }

  /**
   * BIT and JSON columns: MaxScale 24.02 sends an empty string for every non-NULL value. Anything
   * else (a later MaxScale that carries them) is given as it arrived.
   */
  static Object notCarried(Object raw, Conversion c) {
    if (raw instanceof String s && s.isEmpty()) {
      c.mark(Fidelity.UNAVAILABLE);
      return null;
    }
    return raw;
  }

  /**
   * Geometry types: MaxScale 24.02 stops on the first row of such a table, so no value has ever
   * been seen; whatever a later MaxScale sends is not trusted as a geometry.
   */
  static Object geometry(Object raw, Conversion c) {
    c.mark(Fidelity.UNAVAILABLE);
    return null;
  }

  /** Types this library does not know, or an AVRO column whose type was not looked up. */
  static Object passThrough(Object raw, Conversion c) {
    return raw;
  }
}
