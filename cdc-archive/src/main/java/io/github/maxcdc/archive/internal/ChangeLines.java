package io.github.maxcdc.archive.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.maxcdc.archive.ChangeLineWriter;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Encodes archive lines (change lines exactly as the {@code stream} command prints them, written by
 * {@link ChangeLineWriter}; schema lines by {@link SchemaLines}) and decodes them back into typed
 * events. Not thread-safe: one per writer or reader.
 */
final class ChangeLines {
  // DECIMALs are exact JSON numbers: read as BigDecimal (scale and digits kept), never as doubles
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private final ChangeLineWriter writer;

  ChangeLines() {
    try {
      this.writer = new ChangeLineWriter(buffer);
    } catch (IOException e) {
      throw new IllegalStateException("a byte array does not fail", e);
    }
  }

  /** The line of {@code event}, with its line end. */
  byte[] encode(ChangeEvent event) throws IOException {
    buffer.reset();
    writer.write(event);
    return buffer.toByteArray();
  }

  /**
   * Decodes one line (without its line end).
   *
   * @param current the schema of the last schema line, or null if none came yet
   * @throws IllegalArgumentException saying what was expected and what the line holds
   */
  static ArchiveLine decode(byte[] line, TableSchema current) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "expected a JSON object, got " + excerpt(line) + " (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable line: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + excerpt(line));
    }
    String type = Json.text(node, "type");
    if (type.equals("schema")) {
      return new ArchiveLine.SchemaLine(SchemaLines.decode(node));
    }
    if (current == null) {
      throw new IllegalArgumentException(
          "a change line before any schema line: the file must start with its schema line");
    }
    return new ArchiveLine.ChangeLine(event(node, type, current));
  }

  private static ChangeEvent event(JsonNode node, String type, TableSchema schema) {
    String table = Json.text(node, "table");
    int version = Json.integer(node, "version");
    if (!table.equals(schema.table().toString()) || version != schema.version()) {
      throw new IllegalArgumentException(
          "a change of "
              + table
              + " version "
              + version
              + " follows the schema line of "
              + schema.table()
              + " version "
              + schema.version());
    }
    Gtid gtid = Gtid.parse(Json.text(node, "gtid"));
    int eventNumber = Json.integer(node, "event_number");
    StreamPosition position = StreamPosition.parse(Json.text(node, "position"));
    if (!position.gtid().equals(gtid)) {
      throw new IllegalArgumentException("position " + position + " is not in transaction " + gtid);
    }
    Instant timestamp;
    try {
      timestamp = Instant.parse(Json.text(node, "timestamp"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected an ISO-8601 instant \"timestamp\", got "
              + Json.describe(node.get("timestamp")));
    }
    JsonNode untrusted = node.get("untrusted");
    switch (type) {
      case "insert":
        samePosition(eventNumber, position);
        return new Insert(
            schema, gtid, eventNumber, timestamp, row(schema, node, untrusted, "after"));
      case "delete":
        samePosition(eventNumber, position);
        return new Delete(
            schema, gtid, eventNumber, timestamp, row(schema, node, untrusted, "before"));
      case "update":
        return new Update(
            schema,
            gtid,
            eventNumber,
            position.eventNumber(),
            timestamp,
            row(schema, node, untrusted, "before"),
            row(schema, node, untrusted, "after"));
      default:
        throw new IllegalArgumentException(
            "expected \"type\" insert, update, delete or schema, got \"" + type + "\"");
    }
  }

  private static void samePosition(int eventNumber, StreamPosition position) {
    if (position.eventNumber() != eventNumber) {
      throw new IllegalArgumentException(
          "event_number "
              + eventNumber
              + " and position "
              + position
              + " differ: an insert or a delete is one record");
    }
  }

  private static io.github.maxcdc.event.Row row(
      TableSchema schema, JsonNode node, JsonNode untrusted, String side) {
    JsonNode image = node.get(side);
    if (image == null || image.isNull()) {
      throw new IllegalArgumentException("expected a \"" + side + "\" row, got none");
    }
    try {
      return RowDecoder.decode(schema, image, untrusted == null ? null : untrusted.get(side));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + side + "\": " + e.getMessage(), e);
    }
  }

  static String excerpt(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    return "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "'";
  }
}
