package io.github.maxcdc.kafka.internal.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.maxcdc.archive.internal.RowJson;
import io.github.maxcdc.archive.internal.SchemaLines;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.position.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes what {@code KafkaPublisher} writes, the contract of the README's "Publish to keyed
 * topics" (a reader of these topics depends on every byte of it):
 *
 * <ul>
 *   <li>a change goes to topic {@code PREFIX.db.table} ({@link #changeTopic}), keyed by the JSON
 *       object of its key columns ({@code {"id":42}}), its value the envelope {@code
 *       {"before":{...}|null,"after":{...}|null,"op":"c"|"u"|"d","source":{"connector":"maxcdc",
 *       "db":..,"table":..,"gtid":..,"event_number":..,"position":..,"schema_version":..,
 *       "ts_ms":..},"untrusted":{...},"ts_ms":..}} ({@code untrusted} only when a value is not
 *       exact); an update that changes the key is a delete of the old key then an insert of the new
 *       one, with the same {@code source};
 *   <li>a schema version goes to {@code PREFIX.maxcdc.schemas} ({@link #schemasTopic}), keyed
 *       {@code db.table:version}, its value the archive's schema line without its line end;
 *   <li>a publisher's position goes to {@code PREFIX.maxcdc.positions} ({@link #positionsTopic}),
 *       keyed by the publisher id, its value {@code {"table":"db.table","position":"GTID:event",
 *       "source_offset":"..."|null}}.
 * </ul>
 *
 * Values are encoded as the change lines of {@code stream} and the archive encode them ({@link
 * RowJson}): one encoding for every format. Keys, values and topic names are UTF-8. Not
 * thread-safe: one per publisher (it reuses its buffer).
 */
public final class EnvelopeWriter {
  /** The {@code source.connector} of every envelope. */
  public static final String CONNECTOR = "maxcdc";

  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
  // one generator for every key and value: creating one per record costs a fifth of the encoding
  private final JsonGenerator json;

  /** A writer with its own buffer. */
  public EnvelopeWriter() {
    try {
      this.json = JSON.createGenerator(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    this.json.setRootValueSeparator(null); // Jackson's default puts a space between root values
  }

  /** The topic of {@code table}'s changes: {@code PREFIX.db.table}. */
  public static String changeTopic(String prefix, TableId table) {
    return prefix + "." + table.database() + "." + table.table();
  }

  /** The compacted topic of the schemas: {@code PREFIX.maxcdc.schemas}. */
  public static String schemasTopic(String prefix) {
    return prefix + ".maxcdc.schemas";
  }

  /** The compacted topic of the publishers' positions: {@code PREFIX.maxcdc.positions}. */
  public static String positionsTopic(String prefix) {
    return prefix + ".maxcdc.positions";
  }

  /**
   * The records of one change: one, or two (a delete of the old key, then an insert of the new one)
   * for an update that changes the key, so that each key's changes stay on its partition in order.
   *
   * @param key the key columns of the event's schema, in key order (all columns for a table without
   *     a key)
   * @param publishMillis the envelope's {@code ts_ms}: the publisher's clock
   */
  public List<EnvelopeRecord> encode(ChangeEvent event, List<Column> key, long publishMillis) {
    TableId table = event.table();
    return switch (event.type()) {
      case INSERT ->
          List.of(
              new EnvelopeRecord(
                  table,
                  EnvelopeOp.CREATE,
                  key(event.after(), key),
                  value(EnvelopeOp.CREATE, null, event.after(), event, publishMillis)));
      case DELETE ->
          List.of(
              new EnvelopeRecord(
                  table,
                  EnvelopeOp.DELETE,
                  key(event.before(), key),
                  value(EnvelopeOp.DELETE, event.before(), null, event, publishMillis)));
      case UPDATE -> update(event, key, publishMillis);
    };
  }

  private List<EnvelopeRecord> update(ChangeEvent event, List<Column> key, long publishMillis) {
    TableId table = event.table();
    byte[] oldKey = key(event.before(), key);
    byte[] newKey = key(event.after(), key);
    if (Arrays.equals(oldKey, newKey)) {
      return List.of(
          new EnvelopeRecord(
              table,
              EnvelopeOp.UPDATE,
              newKey,
              value(EnvelopeOp.UPDATE, event.before(), event.after(), event, publishMillis)));
    }
    return List.of(
        new EnvelopeRecord(
            table,
            EnvelopeOp.DELETE,
            oldKey,
            value(EnvelopeOp.DELETE, event.before(), null, event, publishMillis)),
        new EnvelopeRecord(
            table,
            EnvelopeOp.CREATE,
            newKey,
            value(EnvelopeOp.CREATE, null, event.after(), event, publishMillis)));
  }

  /** The record key of {@code row}: the JSON object of its {@code key} columns, in that order. */
  public byte[] key(Row row, List<Column> key) {
    try {
      RowJson.writeColumns(json, row, key);
      return bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }

  /**
   * The envelope of a change: {@code before} and {@code after} (either null), {@code op}, {@code
   * source} from {@code event}, {@code untrusted} for the values that are not exact, {@code ts_ms}.
   */
  public byte[] value(EnvelopeOp op, Row before, Row after, ChangeEvent event, long publishMillis) {
    try {
      json.writeStartObject();
      RowJson.writeRow(json, "before", before);
      RowJson.writeRow(json, "after", after);
      json.writeStringField("op", op.code());
      json.writeObjectFieldStart("source");
      json.writeStringField("connector", CONNECTOR);
      json.writeStringField("db", event.table().database());
      json.writeStringField("table", event.table().table());
      json.writeStringField("gtid", event.gtid().toString());
      json.writeNumberField("event_number", event.eventNumber());
      json.writeStringField("position", event.position().toString());
      json.writeNumberField("schema_version", event.schemaVersion());
      json.writeNumberField("ts_ms", event.timestamp().toEpochMilli());
      json.writeEndObject();
      RowJson.writeUntrusted(json, before, after);
      json.writeNumberField("ts_ms", publishMillis);
      json.writeEndObject();
      return bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // what the generator wrote since the last call
  private byte[] bytes() throws IOException {
    json.flush();
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    return bytes;
  }

  /** The key of a schema record: {@code db.table:version}. */
  public static byte[] schemaKey(TableSchema schema) {
    return (schema.table() + ":" + schema.version()).getBytes(StandardCharsets.UTF_8);
  }

  /** The value of a schema record: the archive's schema line, without its line end. */
  public static byte[] schemaValue(TableSchema schema) {
    byte[] line = SchemaLines.encode(schema);
    return Arrays.copyOf(line, line.length - 1);
  }

  /** The key of a position record: the publisher id. */
  public static byte[] positionKey(String publisherId) {
    return publisherId.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The value of a position record: {@code {"table":"db.table","position":"GTID:event",
   * "source_offset":"..."|null}}.
   */
  public static byte[] positionValue(TableId table, StreamPosition position) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("table", table.toString());
      json.writeStringField("position", position.toString());
      json.writeStringField("source_offset", position.sourceOffset());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
