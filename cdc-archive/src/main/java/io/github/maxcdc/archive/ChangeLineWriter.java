package io.github.maxcdc.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.maxcdc.archive.internal.IsoInstant;
import io.github.maxcdc.archive.internal.RowJson;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
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
  private TableId lastTable;
  private String lastTableText;
  private Gtid lastGtid;
  private String lastGtidText;

  /** Writes to {@code out}, which the caller closes. */
  public ChangeLineWriter(OutputStream out) throws IOException {
    this.out = out;
    this.json = new JsonFactory().createGenerator(out);
    this.json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    // each line goes to out whole, but out is only flushed by flush(): a buffered out then writes
    // a backlog in large blocks instead of one system call per line
    this.json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
    this.json.setRootValueSeparator(null); // Jackson's default puts a space before each next line
  }

  /**
   * Writes one event as one line: the whole line is handed to {@code out}, which is not flushed
   * (see {@link #flush()}).
   */
  public void write(ChangeEvent event) throws IOException {
    json.writeStartObject();
    json.writeStringField("table", tableText(event.table()));
    json.writeNumberField("version", event.schemaVersion());
    json.writeStringField("gtid", gtidText(event.gtid()));
    json.writeNumberField("event_number", event.eventNumber());
    StreamPosition position = event.position();
    // StreamPosition.toString(), with the GTID's text of the row before when it is the same GTID
    json.writeStringField("position", gtidText(position.gtid()) + ":" + position.eventNumber());
    json.writeStringField("timestamp", IsoInstant.format(event.timestamp()));
    json.writeStringField("type", event.type().jsonName());
    RowJson.writeRow(json, "before", event.before());
    RowJson.writeRow(json, "after", event.after());
    RowJson.writeUntrusted(json, event.before(), event.after());
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  // The rows of a transaction share their table and GTID: their text is built once.
  private String tableText(TableId table) {
    if (!table.equals(lastTable)) {
      lastTable = table;
      lastTableText = table.toString();
    }
    return lastTableText;
  }

  private String gtidText(Gtid gtid) {
    if (!gtid.equals(lastGtid)) {
      lastGtid = gtid;
      lastGtidText = gtid.toString();
    }
    return lastGtidText;
  }

  /** Flushes what was written, {@code out} included. */
  public void flush() throws IOException {
    json.flush();
    out.flush();
  }
}
