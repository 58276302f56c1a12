package io.github.maxcdc.internal.value;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex and UTF-8 helpers for MaxScale's rendering of binary values. */
final class Hex {
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

  /** Decodes hex digits; the caller checked {@link #looksLikeHex(String)}. */
  static byte[] decode(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static int digit(char c) {
    return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
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

  /** Whether {@code bytes} are well-formed UTF-8 (no overlong forms, no surrogates). */
  static boolean isUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return decodeUtf8(bytes) != null;
      }
    }
    return true;
  }

  /** Strict UTF-8 decoding, or null if the bytes are not well-formed UTF-8. */
  static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
