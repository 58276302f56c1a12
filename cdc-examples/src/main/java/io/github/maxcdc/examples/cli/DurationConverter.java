package io.github.maxcdc.examples.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations written {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    return parse(text, false);
  }

  /** Also reads a zero duration ({@code 0s}), for the options where zero means "not at all". */
  public static final class ZeroOrMore implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      return parse(text, true);
    }
  }

  private static Duration parse(String text, boolean zero) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return checked(
            Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text, zero);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return checked(Duration.ofSeconds(n), text, zero);
        case 'm':
          return checked(Duration.ofMinutes(n), text, zero);
        case 'h':
          return checked(Duration.ofHours(n), text, zero);
        default:
          break;
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      // fall through to the message below
    }
    throw new TypeConversionException(
        "'"
            + text
            + "' is not a duration: write a whole number and a unit, e.g. 500ms, 3s, 2m, 1h");
  }

  private static Duration checked(Duration d, String text, boolean zero) {
    if (d.isNegative() || d.isZero() && !zero) {
      throw new TypeConversionException(
          "'" + text + "' must be a " + (zero ? "positive or zero" : "positive") + " duration");
    }
    return d;
  }
}
