package io.github.maxcdc.jdbc.internal.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * One text per key value, the same for a value of the stream's event model and for the value
 * Connector/J reads back from the source ({@code getObject}, UTC session): numbers without trailing
 * zeros, bytes in hex, date-times in ISO form. Re-read rows are matched by it.
 */
final class KeyText {
  private KeyText() {}

  static String of(Object value) {
    if (value == null) {
      return "\u0000null";
    }
    if (value instanceof byte[] b) {
      return "x" + HexFormat.of().formatHex(b);
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Number) {
      BigDecimal d = new BigDecimal(value.toString()).stripTrailingZeros();
      return d.signum() == 0 ? "0" : d.toPlainString();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString();
    }
    if (value instanceof LocalDate || value instanceof LocalDateTime) {
      return value.toString();
    }
    return "s" + value;
  }
}
