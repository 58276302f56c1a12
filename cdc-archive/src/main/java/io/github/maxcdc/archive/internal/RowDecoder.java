package io.github.maxcdc.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns a row image of a change line back into a typed {@link Row}: each value of the Java type
 * {@link ColumnType} names for its column, and the fidelity the line's {@code untrusted} object
 * gives (values without one are {@link Fidelity#EXACT}: a repaired value is trustworthy and written
 * as is). The raw values are the typed ones (the archive keeps MaxScale's text only for zero
 * dates): what a sink uses is the typed value. Stateless.
 */
public final class RowDecoder {
  private RowDecoder() {}

  /**
   * The row an image describes.
   *
   * @param image the {@code before} or {@code after} object
   * @param untrusted that side's entry of {@code untrusted}, or null
   * @throws IllegalArgumentException naming the column whose value is not of its type
   */
  public static Row decode(TableSchema schema, JsonNode image, JsonNode untrusted) {
    if (!image.isObject()) {
      throw new IllegalArgumentException("expected a row object, got " + Json.describe(image));
    }
    int n = schema.size();
    if (image.size() != n) {
      throw new IllegalArgumentException(
          "expected the "
              + n
              + " columns "
              + schema.columnNames()
              + ", got "
              + image.size()
              + " values");
    }
    Object[] values = new Object[n];
    Object[] raw = new Object[n];
    Fidelity[] fidelity = new Fidelity[n];
    for (Column column : schema.columns()) {
      JsonNode value = image.get(column.name());
      if (value == null) {
        throw new IllegalArgumentException("no value for column '" + column.name() + "'");
      }
      int i = column.index();
      fidelity[i] = fidelity(untrusted, column.name());
      if (value.isNull()) {
        // SQL NULL, unless the value is only unknown (BIT, JSON): then not NULL, no typed value
        raw[i] = fidelity[i] == Fidelity.EXACT ? null : "";
        continue;
      }
      try {
        values[i] = value(column, value);
      } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "column '"
                + column.name()
                + "' ("
                + column.type()
                + "): expected "
                + expected(column.type())
                + ", got "
                + Json.describe(value));
      }
      raw[i] = values[i] != null ? values[i] : value.asText();
      if (values[i] == null) {
        fidelity[i] = Fidelity.ZERO_DATE;
      }
    }
    return Row.of(schema, values, raw, fidelity);
  }

  private static Fidelity fidelity(JsonNode untrusted, String column) {
    JsonNode f = untrusted == null ? null : untrusted.get(column);
    if (f == null) {
      return Fidelity.EXACT;
    }
    try {
      return Fidelity.valueOf(f.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "untrusted column '" + column + "': unknown fidelity " + Json.describe(f));
    }
  }

  private static Object value(Column column, JsonNode v) {
    ColumnType type = column.type();
    switch (type) {
      case TINYINT, SMALLINT, MEDIUMINT, BOOLEAN, YEAR, ENUM:
        return Math.toIntExact(integer(v).longValueExact());
      case INT:
        // no ternary here: it would widen the Integer of a signed INT to a Long
        if (column.unsigned()) {
          return integer(v).longValueExact();
        }
        return integer(v).intValueExact();
      case BIGINT:
        if (column.unsigned()) {
          return integer(v);
        }
        return integer(v).longValueExact();
      case SET:
        return integer(v).longValueExact();
      case DECIMAL:
        return number(v).decimalValue();
      case FLOAT:
        return number(v).floatValue();
      case DOUBLE:
        return number(v).doubleValue();
      case DATE:
        return zeroDate(v) ? null : LocalDate.parse(text(v));
      case DATETIME:
        return zeroDate(v) ? null : LocalDateTime.parse(text(v));
      case TIMESTAMP:
        return zeroDate(v) ? null : Instant.parse(text(v));
      case TIME:
        return time(text(v));
      case BIT, JSON, GEOMETRY:
        return null;
      case UUID:
        return java.util.UUID.fromString(text(v));
      case INET4, INET6:
        return inet(type, text(v));
      case UNKNOWN:
        return byWireType(column, v);
      default:
        if (type.isText()) {
          return text(v);
        }
        return Base64.getDecoder().decode(text(v)); // the binary types
    }
  }

  // a type this library does not know: the value as Avro decoded it
  private static Object byWireType(Column column, JsonNode v) {
    switch (column.wireType()) {
      case INT:
        return integer(v).intValueExact();
      case LONG:
        return integer(v).longValueExact();
      case FLOAT:
        return number(v).floatValue();
      case DOUBLE:
        return number(v).doubleValue();
      case BYTES:
        return Base64.getDecoder().decode(text(v));
      default:
        return v.isNumber() ? v.numberValue() : text(v);
    }
  }

  // an address literal: InetAddress parses it without any name lookup
  private static java.net.InetAddress inet(ColumnType type, String text) {
    if (!text.matches("[0-9a-fA-F:.]+") || (type == ColumnType.INET4) == text.contains(":")) {
      throw new IllegalArgumentException("not an " + type + " address");
    }
    try {
      byte[] bytes = java.net.InetAddress.getByName(text).getAddress();
      if (type == ColumnType.INET6 && bytes.length == 4) {
        byte[] mapped = new byte[16]; // ::ffff:a.b.c.d, which Java reads as IPv4
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return java.net.Inet6Address.getByAddress(null, mapped, -1);
      }
      return type == ColumnType.INET6
          ? java.net.Inet6Address.getByAddress(null, bytes, -1)
          : java.net.InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an " + type + " address");
    }
  }

  private static BigInteger integer(JsonNode v) {
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException("not a whole number");
    }
    return v.bigIntegerValue();
  }

  private static JsonNode number(JsonNode v) {
    if (!v.isNumber()) {
      throw new IllegalArgumentException("not a number");
    }
    return v;
  }

  private static String text(JsonNode v) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException("not a string");
    }
    return v.asText();
  }

  private static boolean zeroDate(JsonNode v) {
    return text(v).startsWith("0000-00-00");
  }

  /** {@code [H]HH:MM:SS[.ffffff]}, hours beyond 24 allowed. */
  static Duration time(String text) {
    String[] hms = text.split(":", -1);
    if (hms.length != 3 || hms[0].isEmpty() || hms[1].length() != 2 || hms[2].length() < 2) {
      throw new IllegalArgumentException("not a time");
    }
    String[] seconds = hms[2].split("\\.", -1);
    long h = Long.parseUnsignedLong(hms[0]);
    long m = Long.parseUnsignedLong(hms[1]);
    long s = Long.parseUnsignedLong(seconds[0]);
    if (m > 59 || s > 59 || seconds.length > 2) {
      throw new IllegalArgumentException("not a time");
    }
    long micros = seconds.length == 2 ? Long.parseUnsignedLong(seconds[1]) : 0;
    if (seconds.length == 2 && seconds[1].length() != 6) {
      throw new IllegalArgumentException("not a time");
    }
    return Duration.ofSeconds(h * 3600 + m * 60 + s, micros * 1000);
  }

  private static String expected(ColumnType type) {
    if (type.isInteger() || type == ColumnType.YEAR || type == ColumnType.ENUM) {
      return "a whole number";
    }
    switch (type) {
      case SET:
        return "a whole number (the bitmask)";
      case DECIMAL, FLOAT, DOUBLE:
        return "a number";
      case DATE:
        return "a date yyyy-mm-dd";
      case DATETIME:
        return "a date-time yyyy-mm-ddThh:mm:ss[.ffffff]";
      case TIMESTAMP:
        return "an instant yyyy-mm-ddThh:mm:ss[.ffffff]Z";
      case TIME:
        return "a time [H]HH:MM:SS[.ffffff]";
      case UUID:
        return "a UUID";
      case INET4, INET6:
        return "an address in MariaDB's text form";
      default:
        return type.isBinary() ? "base64 text" : "a string";
    }
  }
}
