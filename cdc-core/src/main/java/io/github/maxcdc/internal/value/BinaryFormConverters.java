package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UUID, INET4 and INET6: MaxScale 24.02 sends the column's binary form (16, 4 or 16 bytes) cut at
 * its first NUL byte (recording {@code g_modern_*} of {@code maxscale-24.02.3-types}). In AVRO the
 * bytes arrive as they are; in JSON as a string when they are valid UTF-8 and as lowercase hex
 * otherwise.
 *
 * <p>A value is decoded only when the bytes received are the whole binary form. In JSON a string
 * may read both ways: {@code "ac10"} is the hex of two bytes (a cut INET4) or the four bytes {@code
 * a c 1 0} (a whole one). When only one reading gives a whole value, that value is given, marked
 * {@link Fidelity#AMBIGUOUS} if the other reading is possible too; when none does, the value is
 * {@link Fidelity#TRUNCATED} (null, the raw value kept).
 */
final class BinaryFormConverters {
  private BinaryFormConverters() {}

  /** The converter of a binary-form column type. */
  static ValueConverter forType(ColumnType type) {
    int length = type.binaryLength();
    return (raw, c) -> {
      byte[] whole = whole(raw, length, c);
      return whole == null ? null : typed(type, whole);
    };
  }

  /** The whole binary form in {@code raw}, or null (marked) when it was cut. */
  private static byte[] whole(Object raw, int length, Conversion c) {
    if (raw instanceof byte[] bytes) {
      if (bytes.length == length) {
        return bytes;
      }
      return cut(bytes.length, length, c);
    }
    if (!(raw instanceof String s)) {
      throw new ValueFormatException("expected bytes or a string, got " + Kinds.of(raw));
    }
    byte[] asText = s.getBytes(StandardCharsets.UTF_8);
    byte[] asHex = hexReading(s);
    boolean textPossible = asText.length <= length;
    boolean hexPossible = asHex != null && asHex.length <= length;
    if (!textPossible && !hexPossible) {
      throw new ValueFormatException(
          "expected at most "
              + length
              + " bytes in binary form, as text or hex, got "
              + Kinds.of(raw));
    }
    if (hexPossible && asHex.length == length) {
      return asHex; // as text it would be twice too long
    }
    if (textPossible && asText.length == length) {
      if (hexPossible) {
        c.mark(Fidelity.INEXACT); // or the hex of a value cut to half its length
      }
      return asText;
    }
    c.mark(Fidelity.TRUNCATED);
    return null;
  }

  /**
   * The bytes {@code s} stands for if MaxScale wrote them as hex: lowercase hex digits whose
   * decoding is not valid UTF-8 (valid UTF-8 would have been written as it is), else null.
   */
  private static byte[] hexReading(String s) {
    int n = s.length();
    if (n == 0 || (n & 1) != 0) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
        return null;
      }
    }
    return Hex.decodeIfNotUtf8(s);
  }

  private static byte[] cut(int received, int length, Conversion c) {
    if (received > length) {
      throw new ValueFormatException(
          "expected at most " + length + " bytes in binary form, got " + received);
    }
    c.mark(Fidelity.TRUNCATED);
    return null;
  }

  private static Object typed(ColumnType type, byte[] bytes) {
    try {
      switch (type) {
        case UUID:
          ByteBuffer b = ByteBuffer.wrap(bytes);
          return new UUID(b.getLong(), b.getLong());
        case INET4:
          return (Inet4Address) InetAddress.getByAddress(bytes);
        default:
          // keeps an IPv4-mapped address an Inet6Address, as the column holds it
          return Inet6Address.getByAddress(null, bytes, -1);
      }
    } catch (UnknownHostException e) {
      throw new ValueFormatException("expected an address of " + bytes.length + " bytes");
    }
  }
}
