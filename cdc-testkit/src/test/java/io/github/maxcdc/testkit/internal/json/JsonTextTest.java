package io.github.maxcdc.testkit.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  private static String dump(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonText.appendString(out, s);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void escapesLikeJansson() {
    assertEquals(
        "\"quote \\\" backslash \\\\ tab \\t nl \\n\"", dump("quote \" backslash \\ tab \t nl \n"));
    assertEquals("\"\\b\\f\\r\\u0000\\u001F\u007f/\"", dump("\b\f\r\0\u001f\u007f/"));
    assertEquals("\"Grüße 日本語 😀\"", dump("Grüße 日本語 😀"));
  }

  @Test
  void validatesUtf8LikeJanssonAndHexesTheRest() {
    assertTrue(JsonText.isValidUtf8(new byte[] {0, 1, 2}));
    assertFalse(JsonText.isValidUtf8(new byte[] {(byte) 0xFF}));
    assertFalse(JsonText.isValidUtf8(new byte[] {(byte) 0xC0, (byte) 0x80})); // overlong
    assertFalse(
        JsonText.isValidUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})); // surrogate
    assertEquals(
        "deadbeef",
        new String(
            JsonText.lowerHex(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF}),
            StandardCharsets.US_ASCII));
    assertEquals("0A00", JsonText.upperHex(new byte[] {10, 0}));
  }
}
