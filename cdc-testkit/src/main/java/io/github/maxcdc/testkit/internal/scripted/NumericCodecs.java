package io.github.maxcdc.testkit.internal.scripted;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneId;

/** Codecs of the numeric MariaDB types. */
final class NumericCodecs {
  private NumericCodecs() {}

  /**
   * TINYINT..BIGINT (and BOOLEAN). MaxScale keeps TINY/SMALL/MEDIUMINT exact, but stores INT in an
   * Avro int and BIGINT in an Avro long, so unsigned values above the signed range wrap (4294967295
   * -> -1). {@code rpl.cc} hands other routers an INT as an {@code int64_t} ({@code column_long}),
   * so KafkaCDC keeps INT UNSIGNED exact; BIGINT UNSIGNED wraps there too (recording {@code
   * k1b_default_utf8_blobs}: {@code "c_int_u":4294967295,"c_bigint_u":-1}).
   */
  record IntegerCodec(int bytes, boolean unsigned) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      BigInteger v = toBigInteger(value);
      BigInteger min =
          unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bytes * 8 - 1).negate();
      BigInteger max =
          unsigned
              ? BigInteger.ONE.shiftLeft(bytes * 8).subtract(BigInteger.ONE)
              : BigInteger.ONE.shiftLeft(bytes * 8 - 1).subtract(BigInteger.ONE);
      if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "out of range: " + v + " not in [" + min + ", " + max + "]");
      }
      return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static BigInteger toBigInteger(Object value) {
      if (value instanceof Boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
      }
      if (value instanceof BigInteger b) {
        return b;
      }
      if (value instanceof Byte
          || value instanceof Short
          || value instanceof Integer
          || value instanceof Long) {
        return BigInteger.valueOf(((Number) value).longValue());
      }
      throw ValueCodec.wrongType(value, "Integer, Long, BigInteger, Short, Byte or Boolean");
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      long v = stored instanceof BigInteger b ? b.longValue() : (Long) stored;
      return bytes <= 4 ? (Object) (int) v : (Object) v;
    }

    @Override
    public Object toReplicated(Object stored, ZoneId zone) {
      long v = stored instanceof BigInteger b ? b.longValue() : (Long) stored;
      return bytes < 4 ? (Object) (int) v : (Object) v;
    }
  }

  /**
   * DECIMAL(p,s): an Avro double computed by MaxScale's buggy unpacking, see {@link
   * MaxScaleDecimal}.
   */
  record DecimalCodec(int precision, int scale, boolean unsigned) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      BigDecimal v = toBigDecimal(value).setScale(scale, RoundingMode.HALF_UP);
      if (v.abs().compareTo(BigDecimal.TEN.pow(precision - scale)) >= 0) {
        throw new IllegalArgumentException(
            "out of range for DECIMAL(" + precision + "," + scale + "): " + value);
      }
      if (unsigned && v.signum() < 0) {
        throw new IllegalArgumentException("out of range for an unsigned DECIMAL: " + value);
      }
      return v;
    }

    private static BigDecimal toBigDecimal(Object value) {
      if (value instanceof BigDecimal b) {
        return b;
      }
      if (value instanceof BigInteger b) {
        return new BigDecimal(b);
      }
      if (value instanceof Byte
          || value instanceof Short
          || value instanceof Integer
          || value instanceof Long) {
        return BigDecimal.valueOf(((Number) value).longValue());
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException("not a number: " + d);
        }
        return BigDecimal.valueOf(d);
      }
      if (value instanceof String s) {
        try {
          return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a decimal number: '" + s + "'", e);
        }
      }
      throw ValueCodec.wrongType(value, "BigDecimal, String, an integer type or Double");
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return MaxScaleDecimal.toDouble((BigDecimal) stored, precision, scale);
    }
  }

  /** FLOAT (Avro float; JSON shows it widened to double) and DOUBLE (Avro double). */
  record FloatingCodec(boolean single, boolean unsigned) implements ValueCodec {
    @Override
    public Object normalize(Object value) {
      if (!(value instanceof Number n) || value instanceof BigInteger) {
        throw ValueCodec.wrongType(
            value, single ? "Float or another Number" : "Double or another Number");
      }
      double d = single ? (double) n.floatValue() : n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("out of range: " + n);
      }
      if (unsigned && d < 0) {
        throw new IllegalArgumentException("out of range for an unsigned column: " + n);
      }
      return single ? (Object) (float) d : (Object) d;
    }

    @Override
    public Object toAvro(Object stored, ZoneId zone) {
      return stored;
    }
  }
}
