package io.github.maxcdc.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.maxcdc.archive.internal.RowJson;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import java.io.IOException;
import java.io.OutputStream;

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
 * Fidelity}. The values are encoded as every format of maxcdc encodes them (the envelopes {@code
 * cdc-kafka} publishes included). Not thread-safe.
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
    RowJson.writeRow(json, "before", event.before());
    RowJson.writeRow(json, "after", event.after());
    RowJson.writeUntrusted(json, event.before(), event.after());
    json.writeEndObject();
    json.flush();
    out.write('\n');
  }

  /** Flushes what was written. */
  public void flush() throws IOException {
    json.flush();
    out.flush();
  }
}
