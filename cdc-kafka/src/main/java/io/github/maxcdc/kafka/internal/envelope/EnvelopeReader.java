package io.github.maxcdc.kafka.internal.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.maxcdc.archive.internal.RowDecoder;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads the envelopes {@code maxcdc publish} writes to a table's keyed topic:
 *
 * <pre>{@code
 * {"before":{...}|null,"after":{...}|null,"op":"c"|"u"|"d",
 *  "source":{"connector":"maxcdc","db":"shop_tx","table":"commandes","gtid":"0-1-7",
 *            "event_number":2,"position":"0-1-7:3","schema_version":1,"ts_ms":1700000105000},
 *  "untrusted":{"after":{"c":"inexact"}},"ts_ms":1700000106123}
 * }</pre>
 *
 * The row images use the change line value encoding and are typed by the archive's {@link
 * RowDecoder} against the schema the schemas topic holds for ({@code db.table}, {@code
 * schema_version}): values were repaired before they were published, and {@code untrusted} gives
 * the fidelity of those that could not be. Stateless.
 */
public final class EnvelopeReader {
  // DECIMALs are exact JSON numbers: read as BigDecimal (scale and digits kept), never as doubles
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private EnvelopeReader() {}

  /**
   * Parses a record value as JSON.
   *
   * @throws IllegalArgumentException if it is not a JSON object, with an excerpt
   */
  public static JsonNode json(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "expected a JSON object, got " + excerpt(value) + " (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable value: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + excerpt(value));
    }
    return node;
  }

  /** Whether {@code value} is one of our envelopes: {@code source.connector} is {@code maxcdc}. */
  public static boolean isEnvelope(JsonNode value) {
    JsonNode source = value.get("source");
    return source != null
        && source.isObject()
        && source.get("connector") != null
        && EnvelopeWriter.CONNECTOR.equals(source.get("connector").asText());
  }

  /**
   * Parses an envelope.
   *
   * @throws IllegalArgumentException saying what was expected and what the value holds
   */
  public static Envelope parse(byte[] value) {
    JsonNode node = json(value);
    if (!isEnvelope(node)) {
      throw new IllegalArgumentException(
          "expected an envelope of maxcdc publish (\"source\":{\"connector\":\"maxcdc\",...}), got "
              + excerpt(value));
    }
    JsonNode source = node.get("source");
    TableId table = new TableId(text(source, "db"), text(source, "table"));
    Gtid gtid = Gtid.parse(text(source, "gtid"));
    int eventNumber = integer(source, "event_number");
    StreamPosition position = StreamPosition.parse(text(source, "position"));
    if (!position.gtid().equals(gtid) || position.eventNumber() < eventNumber) {
      throw new IllegalArgumentException(
          "source.position "
              + position
              + " is not at or after event "
              + eventNumber
              + " of transaction "
              + gtid);
    }
    String op = text(node, "op");
    if (op.length() != 1 || "cud".indexOf(op.charAt(0)) < 0) {
      throw new IllegalArgumentException("expected \"op\" c, u or d, got \"" + op + "\"");
    }
    char o = op.charAt(0);
    JsonNode before = image(node, "before", o != 'c');
    JsonNode after = image(node, "after", o != 'd');
    if (o == 'u' && position.eventNumber() == eventNumber) {
      throw new IllegalArgumentException(
          "an update is two records: source.position "
              + position
              + " must follow event_number "
              + eventNumber);
    }
    JsonNode untrusted = node.get("untrusted");
    if (untrusted != null && !untrusted.isNull() && !untrusted.isObject()) {
      throw new IllegalArgumentException("expected an \"untrusted\" object, got " + untrusted);
    }
    return new Envelope(
        table,
        integer(source, "schema_version"),
        gtid,
        eventNumber,
        position.eventNumber(),
        o,
        Instant.ofEpochMilli(longInteger(source, "ts_ms")),
        before,
        after,
        untrusted == null || untrusted.isNull() ? null : untrusted);
  }

  /**
   * The typed event of {@code envelope}.
   *
   * @param schema the schema of the envelope's table and version
   * @param sourceOffset where to resume after this change, or null
   * @throws IllegalArgumentException naming the row image and column that do not fit the schema
   */
  public static ChangeEvent event(Envelope envelope, TableSchema schema, String sourceOffset) {
    return switch (envelope.op()) {
      case 'c' ->
          new Insert(
              schema,
              envelope.gtid(),
              envelope.lastEventNumber(),
              envelope.commitTime(),
              row(schema, envelope, "after"),
              sourceOffset);
      case 'd' ->
          new Delete(
              schema,
              envelope.gtid(),
              envelope.eventNumber(),
              envelope.commitTime(),
              row(schema, envelope, "before"),
              sourceOffset);
      default ->
          new Update(
              schema,
              envelope.gtid(),
              envelope.eventNumber(),
              envelope.lastEventNumber(),
              envelope.commitTime(),
              row(schema, envelope, "before"),
              row(schema, envelope, "after"),
              sourceOffset);
    };
  }

  private static Row row(TableSchema schema, Envelope envelope, String side) {
    JsonNode image = side.equals("before") ? envelope.before() : envelope.after();
    JsonNode untrusted = envelope.untrusted() == null ? null : envelope.untrusted().get(side);
    try {
      return RowDecoder.decode(schema, image, untrusted);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\""
              + side
              + "\" does not fit version "
              + schema.version()
              + " of "
              + schema.table()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static JsonNode image(JsonNode node, String side, boolean required) {
    JsonNode image = node.get(side);
    boolean present = image != null && !image.isNull();
    if (present && !image.isObject()) {
      throw new IllegalArgumentException("expected a \"" + side + "\" object, got " + image);
    }
    if (present != required) {
      throw new IllegalArgumentException(
          "op \""
              + node.get("op").asText()
              + "\" "
              + (required ? "needs" : "has no")
              + " a \""
              + side
              + "\" row image");
    }
    return present ? image : null;
  }

  private static String text(JsonNode object, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(
          "expected a string \"" + key + "\", got " + (node == null ? "nothing" : node));
    }
    return node.asText();
  }

  private static int integer(JsonNode object, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new IllegalArgumentException(
          "expected a whole number \"" + key + "\", got " + (node == null ? "nothing" : node));
    }
    return node.asInt();
  }

  private static long longInteger(JsonNode object, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new IllegalArgumentException(
          "expected a whole number \"" + key + "\", got " + (node == null ? "nothing" : node));
    }
    return node.asLong();
  }

  /** The start of a value as text, for messages. */
  public static String excerpt(byte[] value) {
    if (value == null) {
      return "no value";
    }
    String text = new String(value, 0, Math.min(value.length, 240), StandardCharsets.UTF_8);
    return "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "'";
  }
}
