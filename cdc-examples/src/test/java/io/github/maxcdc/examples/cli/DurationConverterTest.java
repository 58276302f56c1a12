package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsEachUnit() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofSeconds(3), c.convert("3s"));
    assertEquals(Duration.ofMinutes(2), c.convert(" 2m "));
    assertEquals(Duration.ofHours(1), c.convert("1h"));
  }

  @Test
  void zeroIsRefusedUnlessTheOptionAcceptsIt() {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> new DurationConverter().convert("0s"));
    assertEquals("'0s' must be a positive duration", e.getMessage());
    assertEquals(Duration.ZERO, new DurationConverter.ZeroOrMore().convert("0s"));
    TypeConversionException negative =
        assertThrows(
            TypeConversionException.class, () -> new DurationConverter.ZeroOrMore().convert("-1s"));
    assertEquals("'-1s' must be a positive or zero duration", negative.getMessage());
  }

  @Test
  void aTextWithoutUnitSaysHowToWriteOne() {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> new DurationConverter().convert("10"));
    assertTrue(e.getMessage().contains("e.g. 500ms, 3s, 2m, 1h"), e.getMessage());
  }
}
