package io.github.maxcdc.internal.value;

import java.time.Instant;

/**
 * TIMESTAMP text of the common layout ({@link TemporalText#isPlainDateTime}) read straight into an
 * {@link Instant} at a fixed offset: the instant {@code LocalDateTime.of(...).toInstant(offset)}
 * gives, without building the date and time objects on the way. A value whose fields are not a
 * valid date and time gives null, for the general path to read and mark.
 */
final class PlainTimestamps {
  private static final long DAYS_0000_TO_1970 = 719_528;

  private PlainTimestamps() {}

  /** The instant of {@code s} at {@code offsetSeconds} from UTC, or null (see the class). */
  static Instant instant(String s, int offsetSeconds) {
    if (!TemporalText.isPlainDateTime(s)) {
      return null;
    }
    int year = TemporalText.digits(s, 0, 4);
    int month = TemporalText.digits(s, 5, 2);
    int day = TemporalText.digits(s, 8, 2);
    int hour = TemporalText.digits(s, 11, 2);
    int minute = TemporalText.digits(s, 14, 2);
    int second = TemporalText.digits(s, 17, 2);
    int nanos = TemporalText.fixedFractionNanos(s);
    if ((year | day | hour | minute | second | nanos) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long seconds = epochDay(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    return Instant.ofEpochSecond(seconds - offsetSeconds, nanos);
  }

  // LocalDate.toEpochDay for years 0 to 9999
  private static long epochDay(int year, int month, int day) {
    long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    total += (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      total -= isLeap(year) ? 1 : 2;
    }
    return total - DAYS_0000_TO_1970;
  }

  private static int lengthOfMonth(int year, int month) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }
}
