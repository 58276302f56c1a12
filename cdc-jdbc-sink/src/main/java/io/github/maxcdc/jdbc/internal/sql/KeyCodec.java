package io.github.maxcdc.jdbc.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The key of the last row copied, as text that round-trips for every key type: each column's value
 * as {@code length:text} (a binary value as {@code x} and its hex digits, SQL NULL as {@code -}),
 * concatenated. Values are the source's own text ({@code getString}) or bytes, bound back the same
 * way, so the comparison happens in the source's type. Stateless.
 */
public final class KeyCodec {
  private KeyCodec() {}

  /** Encodes {@code values} (String, byte[] or null each). */
  public static String encode(List<Object> values) {
    StringBuilder out = new StringBuilder();
    for (Object v : values) {
      String text =
          v == null
              ? "-"
              : v instanceof byte[] b ? "x" + java.util.HexFormat.of().formatHex(b) : "s" + v;
      out.append(text.length()).append(':').append(text);
    }
    return out.toString();
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException if {@code text} is not such an encoding
   */
  public static List<Object> decode(String text) {
    List<Object> values = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int colon = text.indexOf(':', i);
      if (colon < 0) {
        throw new IllegalArgumentException("not an encoded key: '" + text + "'");
      }
      int length = Integer.parseInt(text.substring(i, colon));
      String value = text.substring(colon + 1, colon + 1 + length);
      values.add(
          value.equals("-")
              ? null
              : value.charAt(0) == 'x'
                  ? java.util.HexFormat.of().parseHex(value.substring(1))
                  : value.substring(1));
      i = colon + 1 + length;
    }
    return values;
  }
}
