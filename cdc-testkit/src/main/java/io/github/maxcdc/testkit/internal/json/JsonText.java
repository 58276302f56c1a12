package io.github.maxcdc.testkit.internal.json;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level JSON text as jansson 2.14 dumps it (the library MaxScale uses): strings keep raw
 * UTF-8, escape only {@code "}, {@code \}, and control characters ({@code \b \f \n \r \t} or {@code
 * \\u00XX} with upper-case hex digits), never '/'. Stateless and thread-safe.
 */
public final class JsonText {
  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private JsonText() {}

  /**
   * Appends a quoted, escaped JSON string. The bytes must be valid UTF-8 (see {@link
   * #isValidUtf8}).
   *
   * @param out destination
   * @param utf8 the string's UTF-8 bytes
   */
  public static void appendString(ByteArrayOutputStream out, byte[] utf8) {
    out.write('"');
    for (byte b : utf8) {
      int c = b & 0xFF;
      switch (c) {
        case '"' -> writeAscii(out, "\\\"");
        case '\\' -> writeAscii(out, "\\\\");
        case '\b' -> writeAscii(out, "\\b");
        case '\f' -> writeAscii(out, "\\f");
        case '\n' -> writeAscii(out, "\\n");
        case '\r' -> writeAscii(out, "\\r");
        case '\t' -> writeAscii(out, "\\t");
        default -> {
          if (c < 0x20) {
            writeAscii(out, "\\u00");
            out.write(HEX_UPPER[c >> 4]);
            out.write(HEX_UPPER[c & 0x0F]);
          } else {
            out.write(c);
          }
        }
      }
    }
    out.write('"');
  }

  /**
   * Appends a quoted, escaped JSON string.
   *
   * @param out destination
   * @param text the string
   */
  public static void appendString(ByteArrayOutputStream out, String text) {
    appendString(out, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends ASCII text verbatim.
   *
   * @param out destination
   * @param ascii text made of ASCII characters only
   */
  public static void writeAscii(ByteArrayOutputStream out, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      out.write(ascii.charAt(i));
    }
  }

  /**
   * Tells whether jansson's {@code json_stringn} accepts these bytes (strict UTF-8: no overlong
   * forms, no surrogates, nothing above U+10FFFF; NUL bytes are allowed).
   *
   * @param bytes candidate text
   * @return true if valid UTF-8
   */
  public static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Lower-case hexadecimal rendering, used by MaxScale for Avro bytes/strings that are not valid
   * UTF-8.
   *
   * @param bytes raw bytes
   * @return hex digits, two per byte
   */
  public static byte[] lowerHex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Upper-case hexadecimal rendering (MaxScale's {@code gw_bin2hex}, used for ENUM and SET values).
   *
   * @param bytes raw bytes
   * @return hex digits, two per byte
   */
  public static String upperHex(byte[] bytes) {
    return java.util.HexFormat.of().withUpperCase().formatHex(bytes);
  }
}
