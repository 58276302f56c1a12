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
