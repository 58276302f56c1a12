package io.github.maxcdc.testkit.internal.scripted;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * MaxScale's {@code unpack_decimal_field}, applied to MariaDB's binary DECIMAL format. MaxScale
 * reads all integer-part bytes as ONE big-endian number (so 9-digit groups are shifted by 32 bits
 * instead of multiplied by 10^9), keeps only the last 8 of them, and reads the fraction bytes the
 * same way (0 when there are more than 8). {@code DECIMAL(20,6) 99999999999999.999999} thus becomes
 * {@code 429493434632704.0} (fixture {@code e_all_types_json}). Stateless.
 */
final class MaxScaleDecimal {
  private static final int DIGITS_PER_GROUP = 9;
  private static final int[] DIG_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

  private MaxScaleDecimal() {}

  /**
   * Converts a value the way MaxScale 24.02.3 does.
   *
   * @param value the stored value, already scaled to {@code scale}
   * @param precision column precision
   * @param scale column scale
   * @return the double MaxScale writes
   */
  static double toDouble(BigDecimal value, int precision, int scale) {
    BigDecimal abs = value.abs().setScale(scale);
    BigInteger unscaled = abs.unscaledValue();
    BigInteger[] parts = unscaled.divideAndRemainder(BigInteger.TEN.pow(scale));
    String intDigits = leftPad(parts[0].toString(), precision - scale);
    String fracDigits = leftPad(parts[1].toString(), scale);
    byte[] intBytes = integerBytes(intDigits);
    byte[] fracBytes = fractionBytes(fracDigits);
    long i = unpack(intBytes, Math.max(0, intBytes.length - 8), Math.min(8, intBytes.length));
    long f = fracBytes.length <= 8 ? unpack(fracBytes, 0, fracBytes.length) : 0;
    if (value.signum() < 0) {
      i = -i;
      f = -f;
    }
    return (double) i + ((double) f / Double.parseDouble("1e" + scale));
  }

  private static String leftPad(String digits, int width) {
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /** Leading partial group first, then full 9-digit groups (MariaDB's decimal2bin). */
  private static byte[] integerBytes(String digits) {
    int partial = digits.length() % DIGITS_PER_GROUP;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (partial > 0) {
      put(out, Long.parseLong(digits.substring(0, partial)), DIG_BYTES[partial]);
    }
    for (int p = partial; p < digits.length(); p += DIGITS_PER_GROUP) {
      put(out, Long.parseLong(digits.substring(p, p + DIGITS_PER_GROUP)), 4);
    }
    return out.toByteArray();
  }

  /** Full 9-digit groups first, then the trailing partial group. */
  private static byte[] fractionBytes(String digits) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int full = digits.length() / DIGITS_PER_GROUP * DIGITS_PER_GROUP;
    for (int p = 0; p < full; p += DIGITS_PER_GROUP) {
      put(out, Long.parseLong(digits.substring(p, p + DIGITS_PER_GROUP)), 4);
    }
    int partial = digits.length() - full;
    if (partial > 0) {
      put(out, Long.parseLong(digits.substring(full)), DIG_BYTES[partial]);
    }
    return out.toByteArray();
  }

  private static void put(java.io.ByteArrayOutputStream out, long value, int bytes) {
    for (int b = bytes - 1; b >= 0; b--) {
      out.write((int) (value >>> (8 * b)) & 0xFF);
    }
  }

  private static long unpack(byte[] bytes, int off, int len) {
    long v = 0;
    for (int k = 0; k < len; k++) {
      v = (v << 8) | (bytes[off + k] & 0xFF);
    }
    return v;
  }
}
