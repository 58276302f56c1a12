package io.github.maxcdc.examples.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations written {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return positive(Duration.ofSeconds(n), text);
        case 'm':
          return positive(Duration.ofMinutes(n), text);
        case 'h':
          return positive(Duration.ofHours(n), text);
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

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + text + "' must be a positive duration");
    }
    return d;
  }
}
