package io.github.maxcdc.archive.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.MariaDbText;
import io.github.maxcdc.event.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The JSON encoding of typed row values, one for every format maxcdc writes: the change lines of
 * {@code stream} and the archive ({@link io.github.maxcdc.archive.ChangeLineWriter}) and the
 * envelopes {@code cdc-kafka} publishes (to which this package is exported, so that a value has one
 * encoding whichever way it leaves maxcdc). {@link RowDecoder} reads it back.
 *
 * <p>Integers and DECIMALs are JSON numbers written exactly ({@code 300.99}); FLOAT and DOUBLE
 * numbers; bytes base64; DATE, DATETIME and TIMESTAMP ISO-8601 with seconds and the fraction in
 * groups of three digits (TIMESTAMP as an instant in UTC); TIME as {@code [H]HH:MM:SS[.ffffff]};
 * UUID and INET4/INET6 in MariaDB's text form; ENUM its index, SET its bitmask; a zero date as
 * MariaDB writes it ({@code 0000-00-00}). Stateless.
 */
public final class RowJson {
  private RowJson() {}

  /** Writes field {@code name}: the row's values as an object in column order, or null. */
  public static void writeRow(JsonGenerator json, String name, Row row) throws IOException {
    json.writeFieldName(name);
    if (row == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    for (Column column : row.schema().columns()) {
      json.writeFieldName(column.name());
      writeValue(json, row, column);
    }
    json.writeEndObject();
  }

  /** Writes an object of the values of {@code columns} of {@code row}, in that order. */
  public static void writeColumns(JsonGenerator json, Row row, List<Column> columns)
      throws IOException {
    json.writeStartObject();
    for (Column column : columns) {
      json.writeFieldName(column.name());
      writeValue(json, row, column);
    }
    json.writeEndObject();
  }

  /** Writes the value of {@code column} of {@code row}. */
  public static void writeValue(JsonGenerator json, Row row, Column column) throws IOException {
    int i = column.index();
    Object value = row.get(i);
    if (value == null) {
      if (row.fidelity(i) == Fidelity.ZERO_DATE) {
        json.writeString(zeroDate(column.type()));
      } else {
        json.writeNull();
      }
      return;
    }
    if (value instanceof Integer v) {
      json.writeNumber(v);
    } else if (value instanceof Long v) {
      json.writeNumber(v);
    } else if (value instanceof BigInteger v) {
      json.writeNumber(v);
    } else if (value instanceof BigDecimal v) {
      json.writeNumber(v.toPlainString());
    } else if (value instanceof Float v) {
      json.writeNumber(v);
    } else if (value instanceof Double v) {
      json.writeNumber(v);
    } else if (value instanceof byte[] v) {
      json.writeString(Base64.getEncoder().encodeToString(v));
    } else if (value instanceof Duration v) {
      json.writeString(MariaDbText.time(v));
    } else if (value instanceof LocalDateTime v) {
      json.writeString(isoDateTime(v));
    } else if (value instanceof Instant v) {
      json.writeString(IsoInstant.format(v)); // seconds always, fraction in groups of 3
    } else if (value instanceof InetAddress v) {
      json.writeString(MariaDbText.inet(v));
    } else {
      json.writeString(value.toString());
    }
  }

  /**
   * Writes field {@code untrusted} when a value of {@code before} or {@code after} (either may be
   * null) cannot be trusted as it is: {@code {"after": {"column": "inexact"}}}, the fidelity's name
   * in lower case; writes nothing when every value is trustworthy.
   */
  public static void writeUntrusted(JsonGenerator json, Row before, Row after) throws IOException {
    boolean started = false;
    for (String side : new String[] {"before", "after"}) {
      Row row = side.equals("before") ? before : after;
      if (row == null || row.isTrustworthy()) {
        continue;
      }
      if (!started) {
        json.writeFieldName("untrusted");
        json.writeStartObject();
        started = true;
      }
      json.writeFieldName(side);
      json.writeStartObject();
      for (int i = 0; i < row.size(); i++) {
        if (!row.fidelity(i).isTrustworthy()) {
          json.writeStringField(
              row.schema().column(i).name(), row.fidelity(i).name().toLowerCase(Locale.ROOT));
        }
      }
      json.writeEndObject();
    }
    if (started) {
      json.writeEndObject();
    }
  }

  /** ISO-8601 date and time as {@link Instant#toString()} writes an instant, without the zone. */
  public static String isoDateTime(LocalDateTime v) {
    String instant = v.toInstant(ZoneOffset.UTC).toString();
    return instant.substring(0, instant.length() - 1);
  }

  private static String zeroDate(ColumnType type) {
    return type == ColumnType.DATE ? "0000-00-00" : "0000-00-00 00:00:00";
  }
}
