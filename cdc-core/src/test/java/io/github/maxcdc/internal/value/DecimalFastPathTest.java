package io.github.maxcdc.internal.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The long-arithmetic path of {@link DecimalRepair} gives the same decimal as the digit search it
 * replaces, for the doubles MaxScale makes of DECIMAL values and for any other finite double.
 */
class DecimalFastPathTest {

  @Test
  void maxScaleDoublesRepairToTheirDecimalAsTheSearchDoes() {
    qt().withExamples(20_000)
        .forAll(
            longs().between(0, 999_999_999),
            integers().between(0, 15),
            longs().between(0, Long.MAX_VALUE),
            integers().between(0, 1))
        .checkAssert(
            (integer, scale, fractionSeed, negative) -> {
              int digits = integer == 0 ? 0 : String.valueOf(integer).length();
              int s = Math.min(scale, 15 - digits);
              long fraction = s == 0 ? 0 : fractionSeed % BigDecimal.TEN.pow(s).longValueExact();
              BigDecimal decimal = BigDecimal.valueOf(integer).add(BigDecimal.valueOf(fraction, s));
              if (negative == 1) {
                decimal = decimal.negate();
              }
              double d = DecimalRepair.maxScaleDouble(decimal);
              BigDecimal expected = stripped(decimal);
              assertEquals(expected, DecimalRepair.fewestDigits(d), "fast path of " + decimal);
              assertEquals(
                  DecimalRepair.searchDigits(d, DecimalRepair.shortest(d)),
                  DecimalRepair.original(d),
                  "search of " + decimal);
            });
  }

  @Test
  void anyFiniteDoubleRepairsAsTheSearchDoes() {
    qt().withExamples(20_000)
        .forAll(doubles().between(-999_999_999.999, 999_999_999.999))
        .assuming(d -> !Double.isNaN(d) && !Double.isInfinite(d))
        .checkAssert(
            d ->
                assertEquals(
                    DecimalRepair.searchDigits(d, DecimalRepair.shortest(d)),
                    DecimalRepair.original(d),
                    "repair of " + d));
  }

  @Test
  void smallMagnitudesAndBoundariesRepairAsTheSearchDoes() {
    double[] values = {
      0.0,
      -0.0,
      1e-18,
      1.2e-17,
      0.000123,
      1.1400000000000001,
      300.99000000000001,
      0.1,
      0.7,
      999_999_999.5,
      999_999_999.999999,
      123_456_789.12345,
      1200.0,
      Double.MIN_VALUE,
      2.9999999999999996
    };
    for (double d : values) {
      assertEquals(
          DecimalRepair.searchDigits(d, DecimalRepair.shortest(d)),
          DecimalRepair.original(d),
          "repair of " + d);
    }
    qt().withExamples(5_000)
        .forAll(doubles().between(-1e-3, 1e-3))
        .checkAssert(
            d ->
                assertEquals(
                    DecimalRepair.searchDigits(d, DecimalRepair.shortest(d)),
                    DecimalRepair.original(d),
                    "repair of " + d));
  }

  private static BigDecimal stripped(BigDecimal value) {
    BigDecimal s = value.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
