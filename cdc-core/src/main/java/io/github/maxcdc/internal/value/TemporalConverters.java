package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.Fidelity;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Converters for DATE, TIME, DATETIME, TIMESTAMP and YEAR, which MaxScale sends as text.
 *
 * <p>Zero and partly-zero dates ({@code 0-00-00}, MariaDB's {@code 0000-00-00}) cannot be held by
 * {@code java.time}: they give a null typed value marked {@link Fidelity#ZERO_DATE}.
 */
final class TemporalConverters {
  private static final int MAX_TIME_HOURS = 838;

  private TemporalConverters() {}

  private static String text(Object raw) {
    if (raw instanceof String s) {
      return s;
    }
    throw new ValueFormatException("expected a string, got " + Kinds.of(raw));
  }

  static Object date(Object raw, Conversion c) {
    TemporalText t = new TemporalText(text(raw));
    int year = t.number(4);
    t.expect('-');
    int month = t.twoDigits();
    t.expect('-');
    int day = t.twoDigits();
    t.end();
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      c.mark(Fidelity.ZERO_DATE);
      return null;
    }
  }

  static Object dateTime(Object raw, Conversion c) {
    return parseDateTime(text(raw), c);
  }

  static LocalDateTime parseDateTime(String s, Conversion c) {
    if (TemporalText.isPlainDateTime(s)) {
      // the common layout read at fixed offsets, in one pass: the values the cursor reads
      int year = TemporalText.digits(s, 0, 4);
      int month = TemporalText.digits(s, 5, 2);
      int day = TemporalText.digits(s, 8, 2);
      int hour = TemporalText.digits(s, 11, 2);
      int minute = TemporalText.digits(s, 14, 2);
      int second = TemporalText.digits(s, 17, 2);
      int nanos = TemporalText.fixedFractionNanos(s);
      if ((year | month | day | hour | minute | second | nanos) >= 0) {
        return dateTime(year, month, day, hour, minute, second, nanos, c);
      }
    }
    return parseAnyDateTime(s, c); // which refuses what is not a date and time
  }

  /** Any year width and fraction MaxScale prints, through the cursor. */
  static LocalDateTime parseAnyDateTime(String s, Conversion c) {
    TemporalText t = new TemporalText(s);
    int year = t.number(4);
    t.expect('-');
    int month = t.twoDigits();
    t.expect('-');
    int day = t.twoDigits();
    t.expect(' ');
    int hour = t.twoDigits();
    t.expect(':');
    int minute = t.twoDigits();
    t.expect(':');
    int second = t.twoDigits();
    int nanos = t.fractionNanos();
    t.end();
    return dateTime(year, month, day, hour, minute, second, nanos, c);
  }

  private static LocalDateTime dateTime(
      int year, int month, int day, int hour, int minute, int second, int nanos, Conversion c) {
    if (nanos % 1000 != 0) {
      c.mark(Fidelity.CORRUPT);
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    } catch (DateTimeException e) {
      if (month == 0 || day == 0) {
        c.mark(Fidelity.ZERO_DATE);
      } else {
        c.mark(Fidelity.CORRUPT);
      }
      return null;
    }
  }

  /** TIMESTAMP: rendered by MaxScale in its own time zone, read back with {@code zone}. */
  static ValueConverter timestamp(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    boolean fixed = rules.isFixedOffset();
    ZoneOffset fixedOffset = fixed ? rules.getOffset(java.time.Instant.EPOCH) : null;
    return (raw, c) -> {
      String s = text(raw);
      if (fixed) {
        java.time.Instant plain = PlainTimestamps.instant(s, fixedOffset.getTotalSeconds());
        if (plain != null) {
          // marked as the general path below marks a valid value
          if (plain.getNano() % 1000 != 0) {
            c.mark(Fidelity.CORRUPT);
          }
          if (c.fidelity == Fidelity.EXACT) {
            c.mark(Fidelity.REPAIRED);
          }
          return plain;
        }
      }
      LocalDateTime local = parseDateTime(s, c);
      if (local == null) {
        return null;
      }
      if (c.fidelity == Fidelity.EXACT) {
        c.mark(Fidelity.REPAIRED);
      }
      if (fixed) {
        return local.toInstant(fixedOffset);
      }
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.size() != 1) {
        // a daylight-saving overlap (two instants) or gap (none): MaxScale's text cannot tell
        c.mark(Fidelity.INEXACT);
        return local.atZone(zone).toInstant();
      }
      return local.toInstant(offsets.get(0));
    };
  }

  /**
   * TIME as a duration; up to 838:59:59.999999. Minutes or seconds of 60 and more, or more than 838
   * hours, only come from a negative TIME MaxScale corrupted.
   */
  static Object time(Object raw, Conversion c) {
    TemporalText t = new TemporalText(text(raw));
    int hours = t.number(4); // up to 1023: MaxScale keeps hours modulo 1024
    t.expect(':');
    int minutes = t.twoDigits();
    t.expect(':');
    int seconds = t.twoDigits();
    int nanos = t.fractionNanos();
    t.end();
    if (minutes >= 60 || seconds >= 60 || hours > MAX_TIME_HOURS || nanos % 1000 != 0) {
      c.mark(Fidelity.CORRUPT);
    }
    return Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusNanos(nanos);
  }

  /** YEAR: MaxScale prints YEAR 0000 as 1900 (its years count from 1900); 1900 is no YEAR value. */
  static Object year(Object raw, Conversion c) {
    TemporalText t = new TemporalText(text(raw));
    int year = t.number(4);
    t.end();
    if (year == 1900) {
      c.mark(Fidelity.REPAIRED);
      return 0;
    }
    if (year < 1901 || year > 2155) {
      c.mark(Fidelity.CORRUPT);
    }
    return year;
  }
}
