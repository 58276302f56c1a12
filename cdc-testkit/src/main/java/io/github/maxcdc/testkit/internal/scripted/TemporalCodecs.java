package io.github.maxcdc.testkit.internal.scripted;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Codecs of the temporal MariaDB types; MaxScale writes all of them as Avro strings. Fractions are
 * truncated to the column's precision (MariaDB's default, without TIME_ROUND_FRACTIONAL). Years
 * before 1000 are refused: how MaxScale's {@code strftime} would print them is not covered by the
 * recordings.
 */
final class TemporalCodecs {
  private static final LocalDate MIN_DATE = LocalDate.of(1000, 1, 1);
  private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
  private static final Instant MIN_TIMESTAMP = Instant.ofEpochSecond(1);
  private static final Instant MAX_TIMESTAMP = Instant.ofEpochSecond(2_147_483_647L, 999_999_000);
  private static final Duration MAX_TIME =
      Duration.ofHours(838).plusMinutes(59).plusSeconds(59).plusNanos(999_999_000);

  private TemporalCodecs() {}

  static int truncatedNanos(int nanos, int decimals) {
    int unit = (int) Math.pow(10, 9 - decimals);
    return nanos - nanos % unit;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The zero date or date-time of MariaDB's non-strict modes, written {@code 0000-00-00...}. */
  static final String ZERO_DATE = "0000-00-00";

  static final String ZERO_DATETIME = "0000-00-00 00:00:00";

  /** DATE: {@code yyyy-mm-dd}; the zero date (the string {@code 0000-00-00}) as {@code 0-00-00}. */
  record DateCodec() implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (ZERO_DATE.equals(value)) {
        return ZERO_DATE;
      }
      if (!(value instanceof LocalDate d)) {
        throw ValueCodec.wrongType(value, "LocalDate or \"" + ZERO_DATE + "\"");
      }
      if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
        throw new IllegalArgumentException(
            "out of the supported range 1000-01-01..9999-12-31: " + d);
      }
      return d;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      if (ZERO_DATE.equals(stored)) {
        return ascii("0-00-00"); // recording g_modern_*: the year printed with %d
      }
      LocalDate d = (LocalDate) stored;
      return ascii(
          String.format(
              Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }
  }

  /**
   * DATETIME(n); the zero date-time (the string {@code 0000-00-00 00:00:00}) as {@code 0-00-00
   * ...}.
   */
  record DateTimeCodec(int decimals) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (ZERO_DATETIME.equals(value)) {
        return ZERO_DATETIME;
      }
      if (!(value instanceof LocalDateTime t)) {
        throw ValueCodec.wrongType(value, "LocalDateTime or \"" + ZERO_DATETIME + "\"");
      }
      if (t.toLocalDate().isBefore(MIN_DATE) || t.toLocalDate().isAfter(MAX_DATE)) {
        throw new IllegalArgumentException(
            "out of the supported range 1000-01-01..9999-12-31: " + t);
      }
      return t.withNano(truncatedNanos(t.getNano(), decimals));
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      if (ZERO_DATETIME.equals(stored)) {
        // recording g_modern_* (DATETIME): "0-00-00 00:00:00"; the fraction as for any value
        return ascii("0-00-00 00:00:00" + MaxScaleTemporal.fraction(decimals, 0));
      }
      return ascii(MaxScaleTemporal.datetime((LocalDateTime) stored, decimals));
    }
  }

  /**
   * TIMESTAMP(n): an instant, rendered in MaxScale's zone; {@link Instant#EPOCH} is the zero date.
   */
  record TimestampCodec(int decimals) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      Instant t;
      if (value instanceof Instant i) {
        t = i;
      } else if (value instanceof OffsetDateTime o) {
        t = o.toInstant();
      } else if (value instanceof ZonedDateTime z) {
        t = z.toInstant();
      } else {
        throw ValueCodec.wrongType(value, "Instant, OffsetDateTime or ZonedDateTime");
      }
      if (!t.equals(Instant.EPOCH) && (t.isBefore(MIN_TIMESTAMP) || t.isAfter(MAX_TIMESTAMP))) {
        throw new IllegalArgumentException(
            "out of the TIMESTAMP range 1970-01-01T00:00:01Z.."
                + "2038-01-19T03:14:07.999999Z (Instant.EPOCH stands for the zero date): "
                + t);
      }
      return Instant.ofEpochSecond(t.getEpochSecond(), truncatedNanos(t.getNano(), decimals));
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return ascii(MaxScaleTemporal.timestamp((Instant) stored, decimals, zone));
    }
  }

  /** TIME(n): a Duration (may be negative) or a LocalTime. */
  record TimeCodec(int decimals) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      Duration d;
      if (value instanceof Duration x) {
        d = x;
      } else if (value instanceof LocalTime t) {
        d = Duration.ofNanos(t.toNanoOfDay());
      } else {
        throw ValueCodec.wrongType(value, "Duration or LocalTime");
      }
      if (d.abs().compareTo(MAX_TIME) > 0) {
        throw new IllegalArgumentException(
            "out of the TIME range -838:59:59.999999..838:59:59.999999: " + d);
      }
      Duration abs = d.abs();
      Duration t = Duration.ofSeconds(abs.getSeconds(), truncatedNanos(abs.getNano(), decimals));
      return d.isNegative() ? t.negated() : t;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return ascii(MaxScaleTemporal.time((Duration) stored, decimals));
    }
  }

  /** YEAR: 1901..2155 or 0; 1..69 and 70..99 convert to 2001..2069 and 1970..1999 like MariaDB. */
  record YearCodec() implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      long y;
      if (value instanceof Year year) {
        y = year.getValue();
      } else if (value instanceof Integer || value instanceof Short || value instanceof Long) {
        y = ((Number) value).longValue();
      } else {
        throw ValueCodec.wrongType(value, "Integer or Year");
      }
      if (y >= 1 && y <= 69) {
        y += 2000;
      } else if (y >= 70 && y <= 99) {
        y += 1900;
      }
      if (y != 0 && (y < 1901 || y > 2155)) {
        throw new IllegalArgumentException("out of the YEAR range 1901..2155 (or 0): " + value);
      }
      return (int) y;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      int y = (Integer) stored;
      // MariaDB stores year - 1900 in one byte (0 for 0000); MaxScale prints 1900 + that byte.
      return ascii(Integer.toString(1900 + (y == 0 ? 0 : y - 1900)));
    }
  }
}
