package io.github.maxcdc.internal.value;

/**
 * A cursor over MaxScale's text rendering of dates and times: {@code Y-MM-DD}, {@code H:MM:SS},
 * {@code Y-MM-DD HH:MM:SS}, each with an optional fraction of 1 to 9 digits. MaxScale prints years
 * without padding ({@code strftime %Y}), up to 4 hour digits for TIME (MaxScale keeps hours modulo
 * 1024), and 7 fraction digits for precisions 1, 3 and 5 ({@code 14:40:59.5140000}): the digits
 * always read right as a decimal fraction, so the fraction is read as one. Not thread-safe; one per
 * value.
 */
final class TemporalText {
  private final String text;
  private int pos;

  TemporalText(String text) {
    this.text = text;
  }

  /**
   * Whether {@code s} has the separators of {@code YYYY-MM-DD HH:MM:SS} with a four-digit year,
   * alone or followed by a fraction of 1 to 9 digits: the layout of nearly every DATETIME and
   * TIMESTAMP, read at fixed offsets by {@link #digits} and {@link #fixedFractionNanos}, which
   * check the digits.
   */
  static boolean isPlainDateTime(String s) {
    int n = s.length();
    return (n == 19 || n >= 21 && n <= 29 && s.charAt(19) == '.')
        && s.charAt(4) == '-'
        && s.charAt(7) == '-'
        && s.charAt(10) == ' '
        && s.charAt(13) == ':'
        && s.charAt(16) == ':';
  }

  /** The value of the {@code count} (at most 9) digits at {@code from}, or -1 if one is not. */
  static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  /**
   * The fraction after offset 19 of a {@link #isPlainDateTime plain} value in nanoseconds, or -1 if
   * one of its characters is not a digit.
   */
  static int fixedFractionNanos(String s) {
    if (s.length() == 19) {
      return 0;
    }
    int nanos = digits(s, 20, s.length() - 20);
    for (int i = s.length() - 20; i < 9 && nanos > 0; i++) {
      nanos *= 10;
    }
    return nanos;
  }

  /** Reads 1 to {@code maxDigits} digits. */
  int number(int maxDigits) {
    int start = pos;
    int value = 0;
    while (pos < text.length() && pos - start < maxDigits) {
      char ch = text.charAt(pos);
      if (ch < '0' || ch > '9') {
        break;
      }
      value = value * 10 + (ch - '0');
      pos++;
    }
    if (pos == start) {
      throw fail();
    }
    return value;
  }

  /** Reads exactly two digits. */
  int twoDigits() {
    int start = pos;
    int value = number(2);
    if (pos - start != 2) {
      throw fail();
    }
    return value;
  }

  /** Consumes {@code ch}. */
  void expect(char ch) {
    if (pos >= text.length() || text.charAt(pos) != ch) {
      throw fail();
    }
    pos++;
  }

  /** Reads an optional {@code .digits} fraction as nanoseconds (digits beyond 9 refused). */
  int fractionNanos() {
    if (pos >= text.length() || text.charAt(pos) != '.') {
      return 0;
    }
    pos++;
    int start = pos;
    int nanos = number(9);
    int digits = pos - start;
    for (int i = digits; i < 9; i++) {
      nanos *= 10;
    }
    return nanos;
  }

  /** Whether the whole text was read. */
  void end() {
    if (pos != text.length()) {
      throw fail();
    }
  }

  private ValueFormatException fail() {
    return new ValueFormatException(
        "unexpected character at offset "
            + pos
            + " of a "
            + text.length()
            + "-character temporal value");
  }
}
