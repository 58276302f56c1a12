package io.github.maxcdc.internal.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-pass hex and UTF-8 routines of {@link Hex} against the JDK routines they replace ({@code
 * HexFormat} and a strict {@code CharsetDecoder}), on seeded random inputs biased towards the bytes
 * where UTF-8 validity changes. Replay a failure with {@code -Dhex.seed=N}.
 */
class HexUtf8Test {
  private static final long SEED = Long.getLong("hex.seed", System.nanoTime());
  // lead and continuation bytes at the edges of UTF-8's well-formed ranges
  private static final int[] EDGES = {
    0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
    0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF
  };

  @Test
  void utf8CheckAgreesWithTheStrictDecoder() {
    System.out.println("HexUtf8Test seed " + SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    int valid = 0;
    for (int n = 0; n < 300_000; n++) {
      byte[] bytes = n % 3 == 0 ? validUtf8(random) : randomBytes(random);
      String expected = strictDecode(bytes);
      assertEquals(expected != null, Hex.isUtf8(bytes), () -> "seed " + SEED + ": " + hex(bytes));
      assertEquals(expected, Hex.decodeUtf8(bytes), () -> "seed " + SEED + ": " + hex(bytes));
      valid += expected == null ? 0 : 1;
    }
    // both answers were exercised many times
    assertTrue(valid > 100_000 && valid < 290_000, "valid inputs: " + valid);
  }

  @Test
  void hexReadingAgreesWithHexFormatAndTheStrictDecoder() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    int decoded = 0;
    for (int n = 0; n < 300_000; n++) {
      String s = hexText(random);
      byte[] expected = oldReading(s);
      byte[] actual = Hex.decodeIfNotUtf8(s);
      assertArrayEquals(expected, actual, () -> "seed " + SEED + ": '" + s + "'");
      assertEquals(oldLooksLikeHex(s), Hex.looksLikeHex(s), () -> "seed " + SEED + ": " + s);
      decoded += actual == null ? 0 : 1;
    }
    assertTrue(decoded > 10_000 && decoded < 290_000, "decoded: " + decoded);
  }

  @Test
  void knownValues() {
    assertNull(Hex.decodeIfNotUtf8("")); // not hex: empty
    assertNull(Hex.decodeIfNotUtf8("abc")); // odd length
    assertNull(Hex.decodeIfNotUtf8("616263")); // "abc" is UTF-8: sent as it is
    assertNull(Hex.decodeIfNotUtf8("c3a9")); // "é" is UTF-8
    assertNull(Hex.decodeIfNotUtf8("de\u0660f")); // a non-ASCII digit is no hex digit
    assertArrayEquals(
        new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef},
        Hex.decodeIfNotUtf8("deadbeef"));
    assertNotNull(Hex.decodeIfNotUtf8("DEADBEEF")); // read in both cases, as HexFormat does
    assertTrue(Hex.isUtf8(new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}));
    assertTrue(!Hex.isUtf8(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
    assertTrue(!Hex.isUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})); // surrogate
    assertTrue(!Hex.isUtf8(new byte[] {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF})); // overlong
    assertTrue(!Hex.isUtf8(new byte[] {(byte) 0xC3})); // cut
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(9)];
    for (int i = 0; i < bytes.length; i++) {
      int kind = random.nextInt(4);
      bytes[i] =
          (byte)
              (kind == 0
                  ? EDGES[random.nextInt(EDGES.length)]
                  : kind == 1 ? 0x80 + random.nextInt(64) : random.nextInt(256));
    }
    return bytes;
  }

  private static byte[] validUtf8(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(5); i > 0; i--) {
      int cp;
      do {
        int range = random.nextInt(4);
        cp =
            range == 0
                ? random.nextInt(0x80)
                : range == 1
                    ? random.nextInt(0x800)
                    : range == 2 ? random.nextInt(0x10000) : random.nextInt(0x110000);
      } while (cp >= 0xD800 && cp <= 0xDFFF);
      text.appendCodePoint(cp);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String hexText(SplittableRandom random) {
    byte[] bytes = random.nextInt(3) == 0 ? validUtf8(random) : randomBytes(random);
    String s = HexFormat.of().formatHex(bytes);
    switch (random.nextInt(8)) {
      case 0:
        return s.toUpperCase(Locale.ROOT);
      case 1:
        return s.isEmpty() ? s : s.substring(1); // odd length
      case 2:
        if (s.isEmpty()) {
          return s;
        }
        char[] chars = s.toCharArray();
        chars[random.nextInt(chars.length)] = "gG/:@`\u0660\uff10x".charAt(random.nextInt(9));
        return new String(chars);
      default:
        return s;
    }
  }

  // the routines this class replaced
  private static boolean oldLooksLikeHex(String s) {
    int n = s.length();
    if (n == 0 || (n & 1) != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!HexFormat.isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] oldReading(String s) {
    if (!oldLooksLikeHex(s)) {
      return null;
    }
    byte[] bytes = HexFormat.of().parseHex(s);
    return strictDecode(bytes) != null ? null : bytes;
  }

  private static String strictDecode(byte[] bytes) {
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

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
