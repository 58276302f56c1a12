package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import java.math.BigInteger;

/** Converters for the integer and floating-point column types. */
final class NumericConverters {
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

  private NumericConverters() {}

  /** The converter for an integer column type (TINYINT to BIGINT, BOOLEAN), signed or not. */
  static ValueConverter integer(ColumnType type, boolean unsigned) {
    switch (type) {
      case INT:
        return unsigned
            ? NumericConverters::intUnsigned
            : range(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BIGINT:
        return unsigned ? NumericConverters::bigintUnsigned : NumericConverters::bigint;
      case TINYINT:
        return unsigned ? range(0, 255) : range(-128, 127);
      case BOOLEAN:
        return range(-128, 255);
      case SMALLINT:
        return unsigned ? range(0, 65535) : range(-32768, 32767);
      case MEDIUMINT:
        return unsigned ? range(0, 16777215) : range(-8388608, 8388607);
      default:
        throw new IllegalArgumentException("not an integer type: " + type);
    }
  }

  private static long longOf(Object raw) {
    if (raw instanceof Integer || raw instanceof Long) {
      return ((Number) raw).longValue();
    }
    throw new ValueFormatException("expected an integer, got " + Kinds.of(raw));
  }

  private static ValueConverter range(long min, long max) {
    return (raw, c) -> {
      long v = longOf(raw);
      if (v < min || v > max) {
        // MaxScale only sends what the column holds; anything else means a misread stream.
        c.mark(Fidelity.CORRUPT);
      }
      return (int) v;
    };
  }

  // INT UNSIGNED travels in a 32-bit field: 4294967295 arrives as -1.
  private static Object intUnsigned(Object raw, Conversion c) {
    long v = longOf(raw);
    if (v < 0) {
      if (v < Integer.MIN_VALUE) {
        c.mark(Fidelity.CORRUPT);
      } else {
        c.mark(Fidelity.REPAIRED);
      }
      return v & 0xFFFF_FFFFL;
    }
    if (v > 0xFFFF_FFFFL) {
      c.mark(Fidelity.CORRUPT);
    }
    return v;
  }

  private static Object bigint(Object raw, Conversion c) {
    return longOf(raw);
  }

  // BIGINT UNSIGNED travels in a signed 64-bit field: 18446744073709551615 arrives as -1.
  private static Object bigintUnsigned(Object raw, Conversion c) {
    long v = longOf(raw);
    if (v < 0) {
      c.mark(Fidelity.REPAIRED);
      return BigInteger.valueOf(v).add(TWO_POW_64);
    }
    return BigInteger.valueOf(v);
  }

  /** FLOAT: AVRO sends a float; JSON the float widened to a double (exact, so narrowing is too). */
  static Object floatValue(Object raw, Conversion c) {
    if (raw instanceof Float f) {
      return f;
    }
    if (raw instanceof Double || raw instanceof Long || raw instanceof Integer) {
      double d = ((Number) raw).doubleValue();
      float f = (float) d;
      if ((double) f != d && !Double.isNaN(d)) {
        c.mark(Fidelity.INEXACT);
      }
      return f;
    }
    throw new ValueFormatException("expected a number, got " + Kinds.of(raw));
  }

  /** DOUBLE: exact in both formats (JSON prints 17 significant digits). */
  static Object doubleValue(Object raw, Conversion c) {
    if (raw instanceof Double d) {
      return d;
    }
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    throw new ValueFormatException("expected a number, got " + Kinds.of(raw));
  }
}
