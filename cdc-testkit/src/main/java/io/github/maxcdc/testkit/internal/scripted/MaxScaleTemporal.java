package io.github.maxcdc.testkit.internal.scripted;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How MaxScale 24.02.3 renders MariaDB temporal values ({@code mysql_binlog.cc}). Fractions are
 * printed as {@code raw * 10^(6-decimals)} with {@code %06d}, where {@code raw} is the stored
 * fraction (1 byte of hundredths for 1-2 decimals, 2 bytes of 1/10000 for 3-4, 3 bytes of
 * microseconds for 5-6), so odd precisions get seven digits ({@code TIME(3) 14:40:59.514 ->
 * "14:40:59.5140000"}). Stateless.
 */
final class MaxScaleTemporal {
  private static final int TIME2_INT_OFFSET = 0x800000;
  private static final long TIME2_OFFSET = 0x800000000000L;
  private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000};

  private MaxScaleTemporal() {}

  /** The fraction as MaxScale prints it, or "" for 0 decimals. */
  static String fraction(int decimals, int micros) {
    if (decimals == 0) {
      return "";
    }
    return printed(decimals, storedFraction(decimals, micros));
  }

  private static long storedFraction(int decimals, int micros) {
    if (decimals <= 2) {
      return micros / 10000;
    }
    return decimals <= 4 ? micros / 100 : micros;
  }

  private static String printed(int decimals, long raw) {
    return "." + String.format(Locale.ROOT, "%06d", (int) (raw * POW10[6 - decimals]));
  }

  /** DATETIME(n): {@code %Y-%m-%d %H:%M:%S} plus the fraction. */
  static String datetime(LocalDateTime t, int decimals) {
    return String.format(
            "%04d-%02d-%02d %02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond())
        + fraction(decimals, t.getNano() / 1000);
  }

  /**
   * TIMESTAMP(n): rendered in MaxScale's time zone; second 0 and any instant that is 1970-01-01
   * 00:00:00 in that zone print as {@code 0-00-00 00:00:00} ({@code is_zero_date}).
   */
  static String timestamp(Instant t, int decimals, ZoneId zone) {
    long seconds = t.getEpochSecond();
    LocalDateTime local =
        LocalDateTime.ofInstant(
            Instant.ofEpochSecond(seconds), seconds == 0 ? ZoneOffset.UTC : zone);
    String base =
        local.equals(LocalDateTime.of(1970, 1, 1, 0, 0)) ? "0-00-00 00:00:00" : datetime(local, 0);
    return base + fraction(decimals, t.getNano() / 1000);
  }

  /**
   * TIME(n), through MariaDB's TIME2 storage and MaxScale's {@code unpack_time2}, which subtracts
   * the 5-byte DATETIME2 offset from the 3-byte value: positive times come out right, negative ones
   * do not ({@code -838:59:59.000000 -> "185:04:05.000000"}, fixture {@code e_all_types_json}).
   */
  static String time(Duration d, int decimals) {
    Duration abs = d.abs();
    long seconds = abs.getSeconds();
    long hms = ((seconds / 3600) << 12) | (((seconds % 3600) / 60) << 6) | (seconds % 60);
    long packed = (hms << 24) + abs.getNano() / 1000;
    if (d.isNegative()) {
      packed = -packed;
    }
    long int3;
    long raw;
    if (decimals >= 5) {
      long v = packed + TIME2_OFFSET;
      int3 = (v >> 24) & 0xFFFFFF;
      raw = v & 0xFFFFFF;
    } else {
      int3 = (TIME2_INT_OFFSET + (packed >> 24)) & 0xFFFFFF;
      long frac = packed % (1L << 24);
      raw = decimals <= 2 ? (byte) (frac / 10000) & 0xFF : (frac / 100) & 0xFFFF;
    }
    String base =
        String.format(
            Locale.ROOT, "%02d:%02d:%02d", (int3 >> 12) % 1024, (int3 >> 6) % 64, int3 % 64);
    return decimals == 0 ? base : base + printed(decimals, raw);
  }
}
