package io.github.maxcdc.internal.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Short printable excerpts of received bytes and text, for error messages. */
public final class Excerpts {
  private static final int MAX = 64;

  private Excerpts() {}

  /** The first characters of {@code text}, control characters escaped. */
  public static String of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return of(bytes, 0, bytes.length);
  }

  /**
   * A quoted excerpt of {@code len} bytes at {@code off}: printable ASCII as is, other bytes as
   * {@code \xNN} (and {@code \n}, {@code \0}), at most 64 bytes, with the total length if cut.
   */
  public static String of(byte[] bytes, int off, int len) {
    return of(bytes, off, len, len);
  }

  /** Like {@link #of(byte[], int, int)}, saying {@code total} bytes in all if cut. */
  public static String of(byte[] bytes, int off, int len, long total) {
    StringBuilder out = new StringBuilder("'");
    int n = Math.min(len, MAX);
    for (int i = 0; i < n; i++) {
      int b = bytes[off + i] & 0xFF;
      if (b == '\n') {
        out.append("\\n");
      } else if (b == 0) {
        out.append("\\0");
      } else if (b == '\\' || b == '\'') {
        out.append('\\').append((char) b);
      } else if (b >= 0x20 && b < 0x7F) {
        out.append((char) b);
      } else {
        out.append(String.format(Locale.ROOT, "\\x%02x", b));
      }
    }
    out.append('\'');
    if (total > n) {
      out.append(" (").append(total).append(" bytes in all)");
    }
    return out.toString();
  }
}
