package io.github.maxcdc.archive.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without a {@code DateTimeFormatter}: the same text (seconds always,
 * the fraction in groups of three digits, {@code Z}), written digit by digit for years 0000 to 9999
 * and left to {@code Instant.toString()} outside them. Printing a change writes two or more
 * instants (the commit time, TIMESTAMP columns); the formatter was a large share of it. Stateless.
 */
public final class IsoInstant {
  private static final long FIRST = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long LAST = 253_402_300_799L; // 9999-12-31T23:59:59Z
  private static final int SECONDS_PER_DAY = 86_400;

  private IsoInstant() {}

  /** Exactly {@code instant.toString()}. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST || seconds > LAST) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    byte[] b = new byte[30];
    digits(b, 0, date.getYear(), 4);
    b[4] = '-';
    digits(b, 5, date.getMonthValue(), 2);
    b[7] = '-';
    digits(b, 8, date.getDayOfMonth(), 2);
    b[10] = 'T';
    digits(b, 11, secondOfDay / 3600, 2);
    b[13] = ':';
    digits(b, 14, secondOfDay / 60 % 60, 2);
    b[16] = ':';
    digits(b, 17, secondOfDay % 60, 2);
    int n = 19;
    int nanos = instant.getNano();
    if (nanos > 0) {
      b[n++] = '.';
      if (nanos % 1_000_000 == 0) {
        digits(b, n, nanos / 1_000_000, 3);
        n += 3;
      } else if (nanos % 1_000 == 0) {
        digits(b, n, nanos / 1_000, 6);
        n += 6;
      } else {
        digits(b, n, nanos, 9);
        n += 9;
      }
    }
    b[n++] = 'Z';
    return new String(b, 0, n, StandardCharsets.ISO_8859_1);
  }

  // `value` as exactly `width` decimal digits, zero-padded
  private static void digits(byte[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
