package io.github.maxcdc.testkit.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The few C string functions MaxScale's CDC code relies on, over byte-preserving ISO-8859-1 strings
 * (one char per byte), so that their quirks can be reproduced exactly. Stateless and thread-safe.
 */
public final class CStrings {
  private CStrings() {}

  /**
   * Converts bytes to a byte-preserving string, stopping at the first NUL like a C string.
   *
   * @param bytes raw bytes
   * @return one char per byte, up to the first NUL
   */
  public static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
  }

  /**
   * Converts a byte-preserving string back to its bytes.
   *
   * @param latin1 one char per byte
   * @return the bytes
   */
  public static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes a byte-preserving string as UTF-8 (how file names are looked up on disk).
   *
   * @param latin1 one char per byte
   * @return the UTF-8 reading of those bytes
   */
  public static String utf8(String latin1) {
    return new String(bytes(latin1), StandardCharsets.UTF_8);
  }

  /**
   * C's {@code isspace} in the "C" locale.
   *
   * @param c a char
   * @return true for space, \t, \n, \v, \f, \r
   */
  public static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /**
   * {@code strncmp(a, b, n) == 0} where both are C strings padded with NULs past their end.
   *
   * @param a raw bytes of the first string (may contain NUL)
   * @param b second string, ASCII
   * @param n number of chars to compare
   * @return true if equal under strncmp
   */
  public static boolean strncmpEquals(byte[] a, String b, int n) {
    for (int i = 0; i < n; i++) {
      int ca = i < a.length ? a[i] & 0xFF : 0;
      int cb = i < b.length() ? b.charAt(i) : 0;
      if (ca != cb) {
        return false;
      }
      if (ca == 0) {
        return true;
      }
    }
    return true;
  }

  /**
   * C's {@code strtol(s, NULL, 10)}: leading whitespace, optional sign, digits; saturates at the
   * {@code long} range; 0 if there are no digits.
   *
   * @param s input
   * @param start index to start at
   * @return the parsed value
   */
  public static long strtol(String s, int start) {
    int i = start;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long value = 0;
    boolean overflow = false;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int digit = s.charAt(i) - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        overflow = true;
      } else {
        value = value * 10 + digit;
      }
      i++;
    }
    if (overflow) {
      return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return negative ? -value : value;
  }
}
