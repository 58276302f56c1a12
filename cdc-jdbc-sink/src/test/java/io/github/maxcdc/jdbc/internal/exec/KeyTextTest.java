package io.github.maxcdc.jdbc.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A key value from the stream and the same value read back from the source give one text. */
class KeyTextTest {
  @Test
  void numbersOfEveryJavaTypeMatch() {
    assertEquals(KeyText.of(7), KeyText.of(7L));
    assertEquals(KeyText.of(7), KeyText.of(new BigDecimal("7.000")));
    assertEquals(
        KeyText.of(new BigInteger("18446744073709551615")),
        KeyText.of(new BigDecimal("18446744073709551615")));
    assertEquals(KeyText.of(0), KeyText.of(new BigDecimal("0.00")));
    assertEquals(KeyText.of(true), KeyText.of(1));
    assertNotEquals(KeyText.of(7), KeyText.of("7"));
  }

  @Test
  void datesBytesAndNulls() {
    LocalDateTime t = LocalDateTime.parse("2024-01-02T03:04:05.123456");
    assertEquals(KeyText.of(t), KeyText.of(Timestamp.valueOf(t)));
    assertEquals(KeyText.of(t), KeyText.of(Instant.parse("2024-01-02T03:04:05.123456Z")));
    assertEquals(
        KeyText.of(LocalDate.parse("2024-02-29")), KeyText.of(java.sql.Date.valueOf("2024-02-29")));
    assertEquals(KeyText.of(new byte[] {0, (byte) 0xff}), KeyText.of(new byte[] {0, (byte) 0xff}));
    assertNotEquals(KeyText.of(new byte[] {0x41}), KeyText.of("A"));
    assertNotEquals(KeyText.of(null), KeyText.of("null"));
  }
}
