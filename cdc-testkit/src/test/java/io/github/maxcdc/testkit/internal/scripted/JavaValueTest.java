package io.github.maxcdc.testkit.internal.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stored values seen as the Java values a test supplies, and back. */
class JavaValueTest {

  private static ColumnDef column(String type) {
    return ColumnDef.define("c", type, null, false);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CHAR(5)|ab|java.lang.String",
        "VARCHAR(10)|Grüße|java.lang.String",
        "TEXT|ligne|java.lang.String",
        "BLOB|blob|[B",
        "VARBINARY(8)|bin|[B",
        "BINARY(4)|bin|[B",
        "ENUM('small','large')|large|java.lang.String",
        "SET('red','green','blue')|red,blue|java.lang.String",
        "UUID|550e8400-e29b-41d4-a716-446655440000|java.util.UUID",
        "INET4|10.1.2.3|java.net.Inet4Address",
        "INET6|2001:db8::1|java.net.Inet6Address",
        "INET6|::ffff:10.1.2.3|java.net.Inet4Address",
        "DECIMAL(8,2)|9.99|java.math.BigDecimal",
        "JSON|{\"a\": 1}|java.lang.String"
      })
  void aStoredValueGoesBackToTheSameStoredValue(String type, String given, String javaType) {
    ColumnDef c = column(type);
    Object stored = c.normalize(given);
    Object java = c.javaValue(stored);
    assertEquals(javaType, java.getClass().getName());
    Object again = c.normalize(java);
    if (stored instanceof byte[] b) {
      assertArrayEquals(b, (byte[]) again);
    } else {
      assertEquals(stored, again);
    }
  }

  @org.junit.jupiter.api.Test
  void valuesReadAsTheirNaturalJavaForm() throws Exception {
    assertEquals("red,blue", column("SET('red','green','blue')").javaValue(5L));
    assertEquals("large", column("ENUM('small','large')").javaValue(2));
    assertEquals(
        UUID.fromString("550e8400-e29b-41d4-a716-446655440000"),
        column("UUID").javaValue(column("UUID").normalize("550e8400-e29b-41d4-a716-446655440000")));
    assertEquals(
        InetAddress.getByName("10.1.2.3"),
        column("INET4").javaValue(column("INET4").normalize("10.1.2.3")));
    assertEquals(new BigDecimal("1.25"), column("DECIMAL(8,2)").javaValue(new BigDecimal("1.25")));
    assertEquals(LocalDate.of(2024, 2, 29), column("DATE").javaValue(LocalDate.of(2024, 2, 29)));
    assertEquals(3L, column("INT").javaValue(3L));
    assertTrue(column("TEXT").javaValue(new byte[] {(byte) 0xff}) instanceof byte[]);
  }
}
