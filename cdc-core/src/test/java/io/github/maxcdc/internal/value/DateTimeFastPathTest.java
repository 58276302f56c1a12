package io.github.maxcdc.internal.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.Fidelity;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DATETIME and TIMESTAMP text read at fixed offsets gives what the cursor reads, value, fidelity
 * and refusal alike, on seeded random texts near MaxScale's layout (years of 1 to 5 digits,
 * fractions of 0 to 10 digits, zero dates, out-of-range fields, stray characters). Replay with
 * {@code -Ddatetime.seed=N}.
 */
class DateTimeFastPathTest {
  private static final long SEED = Long.getLong("datetime.seed", System.nanoTime());

  @Test
  void fixedOffsetsReadWhatTheCursorReads() {
    System.out.println("DateTimeFastPathTest seed " + SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    int plain = 0;
    for (int n = 0; n < 200_000; n++) {
      String s = text(random);
      plain += TemporalText.isPlainDateTime(s) ? 1 : 0;
      assertEquals(read(s, false), read(s, true), () -> "seed " + SEED + ": '" + s + "'");
    }
    assertTrue(plain > 50_000 && plain < 190_000, "plain layouts: " + plain);
  }

  @Test
  void timestampsAtAFixedOffsetGiveTheInstantsOfTheCursorsValues() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (ZoneOffset offset : new ZoneOffset[] {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30)}) {
      ValueConverter timestamp = TemporalConverters.timestamp(offset);
      for (int n = 0; n < 100_000; n++) {
        String s = text(random);
        assertEquals(
            timestampByCursor(s, offset),
            describe(timestamp, s),
            () -> "seed " + SEED + ": '" + s + "' at " + offset);
      }
    }
  }

  // what the converter gave before the fixed-offset path: the cursor's value at the offset
  private static String timestampByCursor(String s, ZoneOffset offset) {
    Conversion c = new Conversion();
    try {
      LocalDateTime local = TemporalConverters.parseAnyDateTime(s, c);
      if (local != null && c.fidelity == Fidelity.EXACT) {
        c.mark(Fidelity.REPAIRED);
      }
      return (local == null ? null : local.toInstant(offset)) + " " + c.fidelity;
    } catch (ValueFormatException e) {
      return "refused: " + e.getMessage();
    }
  }

  private static String describe(ValueConverter converter, String s) {
    Conversion c = new Conversion();
    try {
      return converter.convert(s, c) + " " + c.fidelity;
    } catch (ValueFormatException e) {
      return "refused: " + e.getMessage();
    }
  }

  private static String read(String s, boolean cursor) {
    Conversion c = new Conversion();
    c.fidelity = Fidelity.EXACT;
    try {
      LocalDateTime value =
          cursor
              ? TemporalConverters.parseAnyDateTime(s, c)
              : TemporalConverters.parseDateTime(s, c);
      return value + " " + c.fidelity;
    } catch (ValueFormatException e) {
      return "refused: " + e.getMessage();
    }
  }

  private static String text(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int yearDigits = random.nextInt(8) == 0 ? 1 + random.nextInt(5) : 4;
    int year = random.nextInt(4) == 0 ? 4 * random.nextInt(2_500) : random.nextInt(10_000);
    s.append(field(random, yearDigits, year + 1)).append('-');
    s.append(field(random, 2, random.nextInt(10) == 0 ? 100 : 13)).append('-');
    s.append(field(random, 2, random.nextInt(10) == 0 ? 100 : 32)).append(' ');
    s.append(field(random, 2, random.nextInt(10) == 0 ? 100 : 24)).append(':');
    s.append(field(random, 2, 60)).append(':');
    s.append(field(random, 2, random.nextInt(10) == 0 ? 100 : 60));
    int fraction = random.nextInt(12) - 1;
    if (fraction >= 0) {
      s.append('.');
      for (int i = 0; i < fraction; i++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(6) == 0 && s.length() > 0) {
      s.setCharAt(random.nextInt(s.length()), "0:- .a/\u0661".charAt(random.nextInt(8)));
    }
    return s.toString();
  }

  private static String field(SplittableRandom random, int digits, int bound) {
    String v = String.valueOf(random.nextInt(bound));
    while (v.length() < digits) {
      v = "0" + v;
    }
    return v.length() > digits ? v.substring(v.length() - digits) : v;
  }
}
