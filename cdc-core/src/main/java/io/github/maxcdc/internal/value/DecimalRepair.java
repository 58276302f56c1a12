package io.github.maxcdc.internal.value;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.github.maxcdc.event.Fidelity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rebuilds a DECIMAL from the double MaxScale sends for it.
 *
 * <p>MaxScale 24.02 converts the binlog's DECIMAL to a double in two ways, depending on the size of
 * the integer part (see {@code unpack_decimal_field} in MaxScale's {@code mysql_binlog.cc}):
 *
 * <ul>
 *   <li>Up to 9 integer digits MaxScale computes {@code (double) integerPart + (double)
 *       fractionDigits / 10^scale}. That sum is often one unit in the last place away from the
 *       decimal's nearest double ({@code 1.14} arrives as {@code 1.1400000000000001}), so the
 *       repair looks for the shortest decimal whose MaxScale conversion gives exactly the double
 *       received: {@code 300.99000000000001} is {@code 300.99}. With at most 15 significant digits
 *       (a double keeps 15) that decimal is the only one, the original; otherwise the value is
 *       {@link Fidelity#INEXACT}.
 *   <li>From 10 integer digits on, MaxScale reads the integer part's 9-digit groups as one binary
 *       number, so each group is shifted by 32 bits instead of multiplied by 10^9 ({@code
 *       99999999999999.999999} arrives as {@code 429493434632704.0}, recording {@code
 *       e_all_types_json}). The integer part is regrouped (groups back to base 10^9), but the
 *       fraction has lost digits to the double's precision at that magnitude: {@link
 *       Fidelity#INEXACT}.
 * </ul>
 *
 * A value of 10^9 or more always comes through the second path, and a value of 2^32 or more cannot
 * come through the first: the two ranges are told apart by magnitude.
 */
final class DecimalRepair {
  private static final double TWO_POW_32 = 4294967296.0;
  private static final double TWO_POW_63 = 9.223372036854775807E18;
  private static final long GROUP = 1_000_000_000L;
  private static final int DOUBLE_DIGITS = 15;
  private static final int MAX_FRACTION_DIGITS = 18; // 10^18 still fits a long
  private static final long[] POW10 = new long[MAX_FRACTION_DIGITS + 1];
  private static final double[] POW10_DOUBLE = new double[MAX_FRACTION_DIGITS + 1];

  static {
    for (int i = 0; i <= MAX_FRACTION_DIGITS; i++) {
      POW10[i] = i == 0 ? 1 : POW10[i - 1] * 10;
      POW10_DOUBLE[i] = Math.pow(10, i); // the divisor maxScaleDouble uses
    }
  }

  private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
  private static final double TWO_POW_53 = 9007199254740992.0;

  private DecimalRepair() {}

  /**
   * The converter of a DECIMAL(precision, scale) column, whose declared type is known: MaxScale's
   * conversion is modelled exactly for that precision and scale, and a value is {@link
   * Fidelity#REPAIRED} (at the column's scale: {@code 1.50}) only when it is the one decimal of
   * that scale MaxScale turns into the double received; else {@link Fidelity#INEXACT}. MaxScale
   * reads at most 8 bytes of each part: from scale 19 on it drops the fraction, from 19 integer
   * digits on the leading ones; and from scale 10 on it reads the fraction's 9-digit groups as one
   * binary number. Values of such columns are inexact unless their digits prove otherwise.
   */
  static ValueConverter declared(int precision, int scale) {
    int integerDigits = precision - scale;
    int integerBytes = integerDigits / 9 * 4 + DIGIT_BYTES[integerDigits % 9];
    return (raw, c) -> {
      double d = number(raw);
      double abs = Math.abs(d);
      if (scale <= 9 && abs < GROUP) {
        BigDecimal exact = atScale(d, scale);
        if (exact != null) {
          c.mark(Fidelity.REPAIRED);
          return exact;
        }
      } else if (scale == 0 && integerBytes <= 8 && abs < TWO_POW_53) {
        c.mark(Fidelity.REPAIRED); // the integer's groups, shifted by 32 bits, exactly
        return abs < TWO_POW_32 ? BigDecimal.valueOf((long) d) : regroup(d, abs);
      }
      Object guess = convert(raw, c);
      c.mark(Fidelity.INEXACT);
      return guess;
    };
  }

  /**
   * The decimal of {@code scale} fraction digits MaxScale turns into {@code d} (|d| < 10^9), if it
   * is the only one: its neighbours one unit in the last place away give other doubles (MaxScale's
   * conversion never decreases as the decimal grows).
   */
  static BigDecimal atScale(double d, int scale) {
    BigDecimal near = new BigDecimal(d).setScale(scale, RoundingMode.HALF_EVEN);
    BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
    for (BigDecimal candidate : new BigDecimal[] {near, near.subtract(unit), near.add(unit)}) {
      if (maxScaleDouble(candidate) == d) {
        return maxScaleDouble(candidate.subtract(unit)) != d
                && maxScaleDouble(candidate.add(unit)) != d
            ? candidate
            : null;
      }
    }
    return null;
  }

  private static double number(Object raw) {
    double d;
    if (raw instanceof Double
        || raw instanceof Float
        || raw instanceof Long
        || raw instanceof Integer) {
      d = ((Number) raw).doubleValue();
    } else {
      throw new ValueFormatException("expected a number, got " + Kinds.of(raw));
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new ValueFormatException("expected a finite number");
    }
    return d;
  }

  /**
   * A DECIMAL whose declared type is not known: assumed to hold at most 15 significant digits and 9
   * fraction digits (a double's), see the class comment.
   */
  static Object convert(Object raw, Conversion c) {
    double d = number(raw);
    double abs = Math.abs(d);
    if (abs < TWO_POW_32) {
      if (abs < GROUP) {
        BigDecimal original = original(d);
        if (original != null) {
          c.mark(Fidelity.REPAIRED);
          return original;
        }
      }
      c.mark(Fidelity.INEXACT);
      return shortest(d);
    }
    c.mark(Fidelity.INEXACT);
    if (abs >= TWO_POW_63) {
      return shortest(d);
    }
    return regroup(d, abs);
  }

  /**
   * The decimal of at most 15 significant digits that MaxScale turns into {@code d} (|d| < 10^9),
   * or null: {@link #fewestDigits} when it finds it, else {@link #searchDigits}.
   */
  static BigDecimal original(double d) {
    BigDecimal fast = fewestDigits(d);
    return fast != null ? fast : searchDigits(d, shortest(d));
  }

  /**
   * Long-arithmetic path of {@link #searchDigits}, for |d| < 10^9: for 0, 1, 2... fraction digits,
   * the decimals nearest to d are put through MaxScale's conversion; the first that gives d back is
   * the original (decimals of at most 15 digits are too far apart for two to give the same double).
   * Null when none of at most 18 fraction digits does.
   */
  static BigDecimal fewestDigits(double d) {
    double abs = Math.abs(d);
    long integer = (long) abs;
    double fraction = abs - integer;
    int integerDigits = 0;
    for (long rest = integer; rest > 0; rest /= 10) {
      integerDigits++;
    }
    int maxScale = integer == 0 ? MAX_FRACTION_DIGITS : DOUBLE_DIGITS - integerDigits;
    for (int scale = 0; scale <= maxScale; scale++) {
      long near = Math.round(fraction * POW10_DOUBLE[scale]);
      long last = Math.min(near + 1, POW10[scale] - 1);
      for (long digits = Math.max(0, near - 1); digits <= last; digits++) {
        if ((double) integer + (double) digits / POW10_DOUBLE[scale] == abs
            && (integer > 0 || digits < POW10[DOUBLE_DIGITS])) {
          long unscaled = integer * POW10[scale] + digits;
          return BigDecimal.valueOf(d < 0 ? -unscaled : unscaled, scale);
        }
      }
    }
    return null;
  }

  /**
   * The digit search: the decimal of at most 15 significant digits MaxScale turns into d, or null.
   */
  static BigDecimal searchDigits(double d, BigDecimal shortest) {
    if (shortest.precision() <= DOUBLE_DIGITS && maxScaleDouble(shortest) == d) {
      return shortest; // the common case
    }
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= DOUBLE_DIGITS; digits++) {
      BigDecimal candidate =
          exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
      if (maxScaleDouble(candidate) == d) {
        return candidate.scale() < 0 ? candidate.setScale(0) : candidate;
      }
    }
    return null;
  }

  /**
   * The double MaxScale makes of a DECIMAL of up to 9 integer digits ({@code unpack_decimal_field}
   * in MaxScale's {@code mysql_binlog.cc}): the integer part plus the fraction's digits divided by
   * a power of ten, each rounded to a double. Trailing zeros of the fraction change nothing: the
   * division is correctly rounded.
   */
  static double maxScaleDouble(BigDecimal value) {
    BigDecimal abs = value.abs();
    int scale = Math.max(0, abs.scale());
    BigInteger[] parts =
        abs.setScale(scale).unscaledValue().divideAndRemainder(BigInteger.TEN.pow(scale));
    double result = (double) parts[0].longValue() + parts[1].doubleValue() / Math.pow(10, scale);
    return value.signum() < 0 ? -result : result;
  }

  /** The shortest decimal that reads back as {@code d}, without trailing zeros. */
  static BigDecimal shortest(double d) {
    BigDecimal value = new BigDecimal(NumberOutput.toString(d, true)).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  // Undo the 32-bit shift of the 9-digit groups of the integer part; keep the double's fraction.
  private static BigDecimal regroup(double d, double abs) {
    long shifted = (long) Math.floor(abs);
    BigDecimal fraction = shortest(abs).subtract(BigDecimal.valueOf(shifted));
    long high = shifted >>> 32;
    long low = shifted & 0xFFFF_FFFFL;
    BigInteger integer =
        BigInteger.valueOf(high).multiply(BigInteger.valueOf(GROUP)).add(BigInteger.valueOf(low));
    BigDecimal value = new BigDecimal(integer).add(fraction).stripTrailingZeros();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    return d < 0 ? value.negate() : value;
  }
}
