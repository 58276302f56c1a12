package io.github.maxcdc.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The client's messages, byte for byte as in the recordings' transcripts. */
class MessagesTest {
  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void authenticationMessage() {
    assertEquals(
        "636463757365723aed2e3972b87099f3df46bb12eae0327bd17795f4",
        text(Credentials.of("cdcuser", "cdcpass".toCharArray()).authMessage()));
    assertEquals(
        "6d6178757365723a4a8bbec273435b777d0f3d71441e173f8968e2f1",
        text(Credentials.of("maxuser", "maxpwd".toCharArray()).authMessage()));
    assertFalse(Credentials.of("cdcuser", "cdcpass".toCharArray()).toString().contains("ed2e39"));
  }

  @Test
  void registerAndRequestMessages() {
    assertEquals(
        "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=JSON",
        text(
            new RegisterMessage(
                    UUID.fromString("11ec2300-2e23-11e6-8308-0002a5d5c51b"), StreamFormat.JSON)
                .bytes()));
    TableId commandes = TableId.parse("shop_tx.commandes");
    assertEquals(
        "REQUEST-DATA shop_tx.commandes", text(new RequestDataMessage(commandes, 0, null).bytes()));
    assertEquals(
        "REQUEST-DATA shop_tx.commandes.000002",
        text(new RequestDataMessage(commandes, 2, null).bytes()));
    assertEquals(
        "REQUEST-DATA shop_tx.commandes 0-1-7",
        text(new RequestDataMessage(commandes, 0, Gtid.parse("0-1-7")).bytes()));
  }

  // under a locale with other digits, every byte sent stays ASCII (Locale.ROOT everywhere)
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ar-SA", "fa-IR", "hi-IN-u-nu-deva"})
  void messagesAndTextsAreAsciiUnderAnyDefaultLocale(String tag) {
    java.util.Locale saved = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag(tag));
    try {
      assertEquals("%06d", "%06d"); // the JVM's own formatting would use the locale's digits here:
      org.junit.jupiter.api.Assertions.assertNotEquals(
          "000002", String.format("%06d", 2), "the locale has other digits");
      TableId commandes = TableId.parse("shop_tx.commandes");
      assertEquals(
          "REQUEST-DATA shop_tx.commandes.000002 0-1-7",
          text(new RequestDataMessage(commandes, 2, Gtid.parse("0-1-7")).bytes()));
      assertEquals(
          "838:59:59.000001",
          io.github.maxcdc.event.MariaDbText.time(
              java.time.Duration.ofHours(838).plusMinutes(59).plusSeconds(59).plusNanos(1000)));
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }
}
