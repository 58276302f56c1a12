package io.github.maxcdc.archive.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.position.Gtid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes and reads the archive's schema lines, which carry what a reader needs to type the values
 * of the change lines that follow:
 *
 * <pre>{@code
 * {"type":"schema","table":"shop_tx.commandes","version":1,"ddl_gtid":"0-1-2","real_types_known":true,
 *  "columns":[{"name":"id","type":"INT","real_type":"int","unsigned":false,"wire_type":"int",
 *  "caveats":[]},...]}
 * }</pre>
 *
 * A column whose source type was looked up also has {@code "declared_type":"decimal(10,2)"}.
 *
 * <pre>{@code
 * }</pre>
 *
 * Stateless.
 */
public final class SchemaLines {
  private static final JsonFactory JSON = new JsonFactory();

  private SchemaLines() {}

  /** The schema line of {@code schema}, with its line end. */
  public static byte[] encode(TableSchema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", "schema");
      json.writeStringField("table", schema.table().toString());
      json.writeNumberField("version", schema.version());
      json.writeStringField("ddl_gtid", schema.ddlGtid().map(Gtid::toString).orElse(null));
      json.writeBooleanField("real_types_known", schema.realTypesKnown());
      json.writeArrayFieldStart("columns");
      for (Column column : schema.columns()) {
        json.writeStartObject();
        json.writeStringField("name", column.name());
        json.writeStringField("type", column.type().name());
        json.writeStringField("real_type", column.realType());
        json.writeBooleanField("unsigned", column.unsigned());
        json.writeStringField("wire_type", column.wireType().avroName());
        json.writeArrayFieldStart("caveats");
        for (Caveat caveat : column.caveats()) {
          json.writeString(caveat.name().toLowerCase(Locale.ROOT));
        }
        json.writeEndArray();
        if (column.declaredType() != null) {
          json.writeStringField("declared_type", column.declaredType());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * The schema a schema line describes.
   *
   * @throws IllegalArgumentException saying what is missing or wrong
   */
  public static TableSchema decode(JsonNode line) {
    TableId table = TableId.parse(Json.text(line, "table"));
    int version = Json.integer(line, "version");
    JsonNode ddl = line.get("ddl_gtid");
    Gtid ddlGtid = ddl == null || ddl.isNull() ? null : Gtid.parse(ddl.asText());
    JsonNode columns = line.get("columns");
    if (columns == null || !columns.isArray()) {
      throw new IllegalArgumentException("a schema line needs a \"columns\" array");
    }
    List<Column> list = new ArrayList<>();
    for (JsonNode c : columns) {
      list.add(column(c, list.size()));
    }
    return new TableSchema(
        table, version, ddlGtid, list, Json.bool(line, "real_types_known", true));
  }

  private static Column column(JsonNode c, int index) {
    String name = Json.text(c, "name");
    String type = Json.text(c, "type");
    ColumnType columnType;
    try {
      columnType = ColumnType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "column '" + name + "': unknown type '" + type + "', expected one of ColumnType's names");
    }
    JsonNode real = c.get("real_type");
    WireType wire = WireType.fromAvroName(Json.text(c, "wire_type"));
    if (wire == null) {
      throw new IllegalArgumentException(
          "column '" + name + "': wire_type must be int, long, float, double, string or bytes");
    }
    Set<Caveat> caveats = EnumSet.noneOf(Caveat.class);
    JsonNode list = c.get("caveats");
    if (list != null) {
      for (JsonNode caveat : list) {
        try {
          caveats.add(Caveat.valueOf(caveat.asText().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "column '" + name + "': unknown caveat '" + caveat.asText() + "'");
        }
      }
    }
    JsonNode declared = c.get("declared_type");
    return new Column(
        name,
        index,
        columnType,
        real == null || real.isNull() ? null : real.asText(),
        Json.bool(c, "unsigned", false),
        wire,
        caveats,
        declared == null || declared.isNull() ? null : declared.asText());
  }
}
