package io.github.maxcdc.testkit.internal.scripted;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** Equality and display of canonical values ({@code byte[]} compared by content). Stateless. */
final class Values {
  private Values() {}

  static boolean equal(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return Objects.equals(a, b);
  }

  static boolean rowsEqual(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!equal(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  static String text(Object v) {
    if (v instanceof byte[] b) {
      String s = new String(b, StandardCharsets.UTF_8);
      return s.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD)
          ? "'" + s + "'"
          : "x'" + HexFormat.of().formatHex(b) + "'";
    }
    return String.valueOf(v);
  }
}
