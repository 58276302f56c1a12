package io.github.maxcdc.testkit.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double like jansson's {@code jsonp_dtostr}: C's {@code "%.17g"}, then ".0" appended
 * when the text has neither '.' nor 'e', then the exponent's '+' sign and leading zeros removed.
 *
 * <p>Examples from the recordings: {@code 300.99 -> "300.99000000000001"}, {@code 75.0 -> "75.0"},
 * {@code -3.40282e38f -> "-3.402820018375656e38"}. Stateless and thread-safe.
 */
public final class CDoubleFormat {
  private static final int PRECISION = 17;
  private static final MathContext ROUNDING = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

  private CDoubleFormat() {}

  /**
   * Returns the text jansson writes for a JSON real.
   *
   * @param value a finite double (jansson cannot hold NaN or infinities)
   * @return the formatted number
   * @throws IllegalArgumentException if the value is not finite
   */
  public static String jansson(double value) {
    String text = percentG17(value);
    if (text.indexOf('.') < 0 && text.indexOf('e') < 0) {
      return text + ".0";
    }
    return text;
  }

  /**
   * Formats like C's {@code printf("%.17g")} but already without the exponent's '+' and leading
   * zeros (jansson removes them anyway, and nothing else uses this method).
   */
  static String percentG17(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    if (value == 0.0) {
      return (1.0 / value < 0) ? "-0" : "0";
    }
    // The exact decimal expansion of a double is finite, so rounding it half-even to 17 digits
    // gives
    // exactly what glibc's printf produces.
    BigDecimal rounded = new BigDecimal(value).round(ROUNDING);
    int exponent = rounded.precision() - rounded.scale() - 1;
    String digits = padRight(rounded.unscaledValue().abs().toString());
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= PRECISION) {
      return sign + scientific(digits, exponent);
    }
    return sign + fixed(digits, exponent);
  }

  private static String padRight(String digits) {
    StringBuilder sb = new StringBuilder(digits);
    while (sb.length() < PRECISION) {
      sb.append('0');
    }
    return sb.toString();
  }

  private static String scientific(String digits, int exponent) {
    String fraction = stripTrailingZeros(digits.substring(1));
    StringBuilder sb = new StringBuilder().append(digits.charAt(0));
    if (!fraction.isEmpty()) {
      sb.append('.').append(fraction);
    }
    return sb.append('e').append(exponent).toString();
  }

  private static String fixed(String digits, int exponent) {
    if (exponent >= 0) {
      String integer = digits.substring(0, exponent + 1);
      String fraction = stripTrailingZeros(digits.substring(exponent + 1));
      return fraction.isEmpty() ? integer : integer + "." + fraction;
    }
    String fraction = "0".repeat(-exponent - 1) + stripTrailingZeros(digits);
    return "0." + fraction;
  }

  private static String stripTrailingZeros(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }
}
