package io.github.maxcdc.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionsTest {

  @Test
  void gtidParsePrintRoundTrip() {
    qt().forAll(longs().between(0, 0xFFFF_FFFFL), longs().between(0, 0xFFFF_FFFFL), longs().all())
        .checkAssert(
            (domain, server, sequence) -> {
              Gtid gtid = Gtid.of(domain, server, sequence);
              assertEquals(gtid, Gtid.parse(gtid.toString()));
              assertEquals(gtid.toString(), Gtid.parse(gtid.toString()).toString());
            });
  }

  @Test
  void streamPositionRoundTrip() {
    qt().forAll(
            longs().between(0, 0xFFFF_FFFFL),
            longs().all(),
            integers().between(1, Integer.MAX_VALUE))
        .checkAssert(
            (domain, sequence, event) -> {
              StreamPosition p = new StreamPosition(Gtid.of(domain, 1, sequence), event);
              assertEquals(p, StreamPosition.parse(p.toString()));
              StartPosition after = StartPosition.after(p);
              assertEquals(after, StartPosition.parse(after.toString()));
            });
  }

  @Test
  void arbitraryTextParsesOrIsRefusedWithIllegalArgument() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(
            text -> {
              try {
                Gtid parsed = Gtid.parse(text);
                assertEquals(parsed, Gtid.parse(parsed.toString()));
              } catch (IllegalArgumentException expected) {
                // refused, with a message
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
              }
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0-1",
        "0-1-",
        "-1-2",
        "a-b-c",
        "0-1-2-3",
        "0--2",
        "4294967296-1-1",
        "0-4294967296-1",
        "0-1-18446744073709551616",
        " 0-1-2",
        "0-1-2 "
      })
  void badGtidsAreRefused(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Gtid.parse(text));
    assertTrue(e.getMessage().contains("GTID"), e.getMessage());
  }

  @Test
  void largestValues() {
    Gtid max = Gtid.parse("4294967295-4294967295-18446744073709551615");
    assertEquals(-1L, max.sequence());
    assertEquals("4294967295-4294967295-18446744073709551615", max.toString());
  }

  @Test
  void orderWithinADomain() {
    Gtid a = Gtid.parse("0-1-9");
    Gtid b = Gtid.parse("0-2-10");
    assertTrue(b.isAfterInDomain(a));
    assertFalse(a.isAfterInDomain(b));
    assertThrows(IllegalArgumentException.class, () -> Gtid.parse("1-1-1").isAfterInDomain(a));
    StreamPosition p = StreamPosition.parse("0-1-9:6");
    assertTrue(p.isBefore(Gtid.parse("0-1-9"), 7));
    assertFalse(p.isBefore(Gtid.parse("0-1-9"), 6));
    assertTrue(p.isBefore(Gtid.parse("0-3-10"), 1));
    assertFalse(p.isBefore(Gtid.parse("1-1-100"), 1));
  }

  @Test
  void startPositionForms() {
    assertEquals(StartPosition.beginning(), StartPosition.parse("beginning"));
    assertEquals(StartPosition.atGtid(Gtid.parse("0-1-7")), StartPosition.parse("0-1-7"));
    assertEquals(
        StartPosition.after(StreamPosition.parse("0-1-9:6")), StartPosition.parse("after:0-1-9:6"));
    assertThrows(IllegalArgumentException.class, () -> StartPosition.parse("after:0-1-9"));
  }
}
