package io.github.maxcdc.examples.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads a duration like {@link DurationConverter}, or {@code 0} or {@code off} for none: then
 * {@link Duration#ZERO}.
 */
public final class StallTimeoutConverter implements ITypeConverter<Duration> {
  private final DurationConverter durations = new DurationConverter();

  @Override
  public Duration convert(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0") || t.equals("off")) {
      return Duration.ZERO;
    }
    return durations.convert(text);
  }
}
