package io.github.maxcdc.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.MariaDbText;
import io.github.maxcdc.event.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes change events as JSON Lines, the format of the {@code stream} command (see the README,
 * "The change line format"):
 *
 * <pre>{@code
 * {"table":"shop_tx.commandes","version":1,"gtid":"0-1-7","event_number":1,"position":"0-1-7:2",
 *  "timestamp":"2023-11-14T22:15:05Z","type":"update","before":{...},"after":{...}}
 * }</pre>
 *
 * Integers and DECIMALs are JSON numbers written exactly ({@code 300.99}); FLOAT and DOUBLE
 * numbers; bytes base64; DATE, DATETIME and TIMESTAMP ISO-8601 with seconds and the fraction in
 * groups of three digits (TIMESTAMP as an instant in UTC: {@code 2024-05-06T07:08:09.120Z}); TIME
 * as {@code [H]HH:MM:SS[.ffffff]}; UUID and INET4/INET6 in MariaDB's text form; ENUM its index, SET
 * its bitmask; a zero date as MariaDB writes it ({@code 0000-00-00}), flagged {@code zero_date}.
 * Values that cannot be trusted as they are get a {@code "untrusted"} entry naming their {@link
 * Fidelity}. Not thread-safe.
 */
public final class ChangeLineWriter {
  private final JsonGenerator json;
  private final OutputStream out;

  /** Writes to {@code out}, which the caller closes. */
  public ChangeLineWriter(OutputStream out) throws IOException {
    this.out = out;
    this.json = new JsonFactory().createGenerator(out);
    this.json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    this.json.setRootValueSeparator(null); // Jackson's default puts a space before each next line
  }

  /** Writes one event as one line. */
  public void write(ChangeEvent event) throws IOException {
    json.writeStartObject();
    json.writeStringField("table", event.table().toString());
    json.writeNumberField("version", event.schemaVersion());
    json.writeStringField("gtid", event.gtid().toString());
    json.writeNumberField("event_number", event.eventNumber());
    json.writeStringField("position", event.position().toString());
    json.writeStringField("timestamp", event.timestamp().toString());
    json.writeStringField("type", event.type().jsonName());
    writeRow("before", event.before());
    writeRow("after", event.after());
    writeUntrusted(event);
    json.writeEndObject();
    json.flush();
    out.write('\n');
  }

  /** Flushes what was written. */
  public void flush() throws IOException {
    json.flush();
    out.flush();
  }

  private void writeRow(String name, Row row) throws IOException {
    json.writeFieldName(name);
    if (row == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    for (Column column : row.schema().columns()) {
      json.writeFieldName(column.name());
      writeValue(row, column);
    }
    json.writeEndObject();
  }

  private void writeValue(Row row, Column column) throws IOException {
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
      json.writeString(v.toString()); // seconds always, fraction in groups of 3
    } else if (value instanceof InetAddress v) {
      json.writeString(MariaDbText.inet(v));
    } else {
      json.writeString(value.toString());
    }
  }

  private void writeUntrusted(ChangeEvent event) throws IOException {
    boolean started = false;
    for (String side : new String[] {"before", "after"}) {
      Row row = side.equals("before") ? event.before() : event.after();
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
  static String isoDateTime(LocalDateTime v) {
    String instant = v.toInstant(ZoneOffset.UTC).toString();
    return instant.substring(0, instant.length() - 1);
  }

  private static String zeroDate(ColumnType type) {
    return type == ColumnType.DATE ? "0000-00-00" : "0000-00-00 00:00:00";
  }
}
