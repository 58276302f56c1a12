package io.github.maxcdc.testkit.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CDoubleFormatTest {

  @ParameterizedTest
  @CsvSource({
    "300.99, 300.99000000000001",
    "75.0, 75.0",
    "120.5, 120.5",
    "99999999.99, 99999999.989999995",
    "13.37, 13.369999999999999",
    "12345.678901, 12345.678900999999",
    "429493434632704.0, 429493434632704.0",
    "2.718281828459045, 2.7182818284590451",
    "1.7976931348623157e308, 1.7976931348623157e308",
    "-1.7976931348623157e308, -1.7976931348623157e308",
    "0.0, 0.0",
    "-0.0, -0.0",
    "1e17, 1e17",
    "1e16, 10000000000000000.0",
    "0.0001, 0.0001",
    "0.00001, 1.0000000000000001e-5",
    "1.5e-300, 1.5000000000000001e-300",
    "4.9e-324, 4.9406564584124654e-324",
    "123456789012345680000, 1.2345678901234568e20",
  })
  void formatsLikeJansson(double value, String expected) {
    assertEquals(expected, CDoubleFormat.jansson(value));
  }

  @Test
  void floatsAreWidened() {
    assertEquals("3.1400001049041748", CDoubleFormat.jansson(3.14f));
    assertEquals("-3.402820018375656e38", CDoubleFormat.jansson(-3.40282e38f));
  }

  @Test
  void randomDoublesRoundTripWithSeventeenDigits() {
    long seed = Long.getLong("maxcdc.seed", System.nanoTime());
    System.out.println("CDoubleFormatTest seed " + seed + " (replay with -Dmaxcdc.seed=...)");
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(d)) {
        continue;
      }
      String s = CDoubleFormat.jansson(d);
      assertEquals(d, Double.parseDouble(s), () -> "seed " + seed + ": " + s);
      assertTrue(s.contains(".") || s.contains("e"), () -> "seed " + seed + ": " + s);
      assertTrue(
          !s.contains("e+") && !s.contains("e0") && !s.contains("e-0"),
          () -> "seed " + seed + ": " + s);
      String mantissa =
          s.replaceFirst("e.*", "")
              .replaceFirst("\\.0$", "")
              .replace("-", "")
              .replace(".", "")
              .replaceFirst("^0+", "");
      assertTrue(mantissa.length() <= 17, () -> "seed " + seed + ": " + s);
      assertEquals(
          new BigDecimal(d).round(new java.math.MathContext(17)).doubleValue(),
          Double.parseDouble(s));
    }
  }

  @Test
  void refusesNonFiniteValues() {
    assertThrows(IllegalArgumentException.class, () -> CDoubleFormat.jansson(Double.NaN));
  }
}
