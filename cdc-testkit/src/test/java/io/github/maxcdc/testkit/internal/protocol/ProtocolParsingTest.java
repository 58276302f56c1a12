package io.github.maxcdc.testkit.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message parsers, from literal bytes. */
class ProtocolParsingTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void authenticationMessage() {
    byte[] message = b("636463757365723aed2e3972b87099f3df46bb12eae0327bd17795f4");
    AuthMessage auth = AuthMessage.parse(message).orElseThrow();
    assertEquals("cdcuser", auth.user());
    assertFalse(auth.toString().contains("ed2e"));
    assertTrue(new Users(Map.of("cdcuser", "cdcpass")).authenticate(auth));
    assertFalse(new Users(Map.of("cdcuser", "other")).authenticate(auth));
    assertEquals(
        new String(message, StandardCharsets.US_ASCII),
        new String(AuthMessage.encode("cdcuser", "cdcpass"), StandardCharsets.US_ASCII));
    assertTrue(AuthMessage.parse(b("hello")).isEmpty());
    assertTrue(AuthMessage.parse(b("3a" + "00".repeat(20))).isEmpty(), "empty user");
    assertTrue(AuthMessage.parse(b("61" + "3a" + "00".repeat(19))).isEmpty(), "19-byte digest");
    assertTrue(
        AuthMessage.parse(b("61" + "3a" + "00".repeat(60))).isEmpty(), "longer than 128 hex chars");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=JSON|JSON",
        "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=AVRO|AVRO",
        "REGISTER UUID=abc, TYPE=JSONX|JSON",
        "REGISTER UUID=x TYPE=AVRO|AVRO",
        "xx REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=AVRO|AVRO",
        "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b, TYPE=XML|",
        "REGISTER UUID=11ec2300-2e23-11e6-8308-0002a5d5c51b|",
        "REQUEST-DATA shop_tx.commandes|",
        "REGISTER UUID=, TYPE=JS|",
      })
  void registration(String message, String format) {
    Optional<Registration.Format> parsed = Registration.parse(b(message));
    assertEquals(
        format == null ? Optional.empty() : Optional.of(Registration.Format.valueOf(format)),
        parsed);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "REQUEST-DATA shop_tx.commandes|REQUEST|shop_tx.commandes.000001.avro|",
        "REQUEST-DATA shop_tx.commandes.000002|REQUEST|shop_tx.commandes.000002.avro|",
        "REQUEST-DATA shop_tx.commandes 0-1-7|REQUEST|shop_tx.commandes.000001.avro|0-1-7",
        "REQUEST-DATA commandes|REQUEST|commandes.000001.avro|",
        "'REQUEST-DATA   a.b  x'|REQUEST|a.b.000001.avro|' x'",
        "'REQUEST-DATA  '|REQUEST||",
        "REQUEST-DATA|NO_DATA||",
        "'REQUEST-DATA '|NO_DATA||",
        "HELLO WORLD|UNKNOWN||",
        "please REQUEST-DATA a.b|REQUEST|a.b.000001.avro|",
      })
  void requestData(String message, String kind, String file, String gtid) {
    RequestData r = RequestData.parse(b(message));
    assertEquals(RequestData.Kind.valueOf(kind), r.kind());
    assertEquals(file == null ? "" : file, r.fileName());
    assertEquals(gtid == null ? "" : gtid, r.gtid());
  }

  @Test
  void requestDataKeepsATrailingNewlineInTheName() {
    assertEquals(
        "shop_tx.commandes\n.000001.avro",
        RequestData.parse(b("REQUEST-DATA shop_tx.commandes\n")).fileName());
    assertEquals("a.b.000001.avro", RequestData.parse(b("REQUEST-DATA a.b\0garbage")).fileName());
  }

  @Test
  void gtidIsReadAsRunsOfDigits() {
    GtidPosition g = new GtidPosition();
    g.apply("0-1-7");
    assertEquals("0-1-7", g.toString());
    g.apply("2:3");
    assertEquals("2-3-7", g.toString(), "missing parts keep their value");
    g.apply("x99999999999999999999999y1 2");
    assertEquals(Long.MAX_VALUE + "-1-2", g.toString(), "strtol saturates");
  }

  @Test
  void closeIsAStrncmpOverTheMessageLength() {
    assertTrue(CStrings.strncmpEquals(b("CLOSE"), "CLOSE", 5));
    assertTrue(CStrings.strncmpEquals(b("CL"), "CLOSE", 2));
    assertTrue(CStrings.strncmpEquals(b("CLOSE\0junk"), "CLOSE", 10));
    assertFalse(CStrings.strncmpEquals(b("CLOSE\n"), "CLOSE", 6));
    assertFalse(CStrings.strncmpEquals(b("close"), "CLOSE", 5));
  }
}
