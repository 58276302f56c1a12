package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class StallTimeoutConverterTest {
  final StallTimeoutConverter converter = new StallTimeoutConverter();

  @ParameterizedTest
  @CsvSource({"0, 0", "off, 0", "OFF, 0", "' off ', 0", "500ms, 500", "3s, 3000", "5m, 300000"})
  void readsDurationsAndOff(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), converter.convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "never", "-1s", "0s", "5", "1.5s"})
  void refusesAnythingElseSayingWhatIsExpected(String text) {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> converter.convert(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }
}
