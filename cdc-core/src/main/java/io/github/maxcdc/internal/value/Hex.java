package io.github.maxcdc.internal.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hex and UTF-8 helpers for MaxScale's rendering of binary values. They run for every binary value
 * of every row, so each is one pass over its input with a lookup table, and none throws to say no.
 */
final class Hex {
  // value of each ASCII hex digit (both cases, as HexFormat reads them), -1 for anything else
  private static final byte[] DIGITS = new byte[128];

  static {
    Arrays.fill(DIGITS, (byte) -1);
    for (int i = 0; i < 10; i++) {
      DIGITS['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      DIGITS['a' + i] = (byte) (10 + i);
      DIGITS['A' + i] = (byte) (10 + i);
    }
  }

  private Hex() {}

  /**
   * Whether {@code s} is a non-empty, even-length run of hex digits (MaxScale writes lowercase).
   */
  static boolean looksLikeHex(String s) {
    int n = s.length();
    if (n == 0 || (n & 1) != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes hex text {@code s} stands for when they are not well-formed UTF-8, in one pass: null
   * when {@code s} is not {@link #looksLikeHex hex}, or when its bytes are UTF-8 (MaxScale would
   * have sent such bytes as they are, so the text is not hex). All-ASCII bytes are UTF-8, so the
   * UTF-8 check runs only when a decoded byte has its high bit set.
   */
  static byte[] decodeIfNotUtf8(String s) {
    int n = s.length();
    if (n == 0 || (n & 1) != 0) {
      return null;
    }
    byte[] bytes = new byte[n >> 1];
    int high = 0;
    for (int i = 0, j = 0; i < n; i += 2, j++) {
      int d = digit(s.charAt(i)) << 4 | digit(s.charAt(i + 1));
      if (d < 0) {
        return null;
      }
      bytes[j] = (byte) d;
      high |= d;
    }
    return (high & 0x80) == 0 || isUtf8(bytes) ? null : bytes;
  }

  // -1 for a non-digit; a pair with a -1 in it combines to a negative value
  private static int digit(char c) {
    return c < 128 ? DIGITS[c] : -1;
  }

  /**
   * Little-endian unsigned value of hex-rendered bytes, as MaxScale renders ENUM indexes and SET
   * bitmasks (the bytes in binlog order).
   *
   * @throws ValueFormatException if the text is not 1 to 8 hex-rendered bytes
   */
  static long littleEndian(String s) {
    if (!looksLikeHex(s) || s.length() > 16) {
      throw new ValueFormatException("expected 1 to 8 bytes in hex");
    }
    long value = 0;
    for (int i = s.length() / 2 - 1; i >= 0; i--) {
      value = value << 8 | (digit(s.charAt(2 * i)) << 4 | digit(s.charAt(2 * i + 1)));
    }
    return value;
  }

  /**
   * Whether {@code bytes} are well-formed UTF-8 (no overlong forms, no surrogates, nothing above
   * U+10FFFF): the well-formed byte sequences of the Unicode standard (table 3-7), which is what
   * the JDK's strict UTF-8 decoder accepts.
   */
  static boolean isUtf8(byte[] bytes) {
    int n = bytes.length;
    int i = 0;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      if (b < 0xC2 || b > 0xF4) {
        return false; // a continuation byte, an overlong 2-byte lead, or beyond U+10FFFF
      }
      int len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      if (i + len > n) {
        return false;
      }
      int b1 = bytes[i + 1] & 0xFF;
      // the second byte's range depends on the lead: overlongs, surrogates and > U+10FFFF
      int lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
      int hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
      if (b1 < lo || b1 > hi) {
        return false;
      }
      for (int k = 2; k < len; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += len;
    }
    return true;
  }

  /** Strict UTF-8 decoding, or null if the bytes are not well-formed UTF-8. */
  static String decodeUtf8(byte[] bytes) {
    // for well-formed input the JDK's lenient decoder gives exactly the strict decoder's string
    return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : null;
  }
}
