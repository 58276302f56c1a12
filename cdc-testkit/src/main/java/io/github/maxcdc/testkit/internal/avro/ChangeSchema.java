package io.github.maxcdc.testkit.internal.avro;

import io.github.maxcdc.testkit.internal.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The schema of one table version as MaxScale's avrorouter writes it: six fixed CDC fields followed
 * by one nullable union per column. Renders both texts MaxScale produces: the {@code .avsc} file
 * (with the extra keys {@code table}, {@code database}, {@code version}, {@code gtid}, {@code
 * real_type}, {@code length}, {@code unsigned}) and avro-c's canonical form stored in the {@code
 * .avro} header. Immutable and thread-safe.
 */
public final class ChangeSchema {
  /** Names of the fixed fields, in order; all are Avro ints except {@code event_type}. */
  public static final List<String> FIXED_INT_FIELDS =
      List.of("domain", "server_id", "sequence", "event_number", "timestamp");

  /** Symbols of the {@code event_type} enum, in index order. */
  public static final List<String> EVENT_TYPES =
      List.of("insert", "update_before", "update_after", "delete");

  private static final String ENUM_JSON =
      "{\"type\":\"enum\",\"name\":\"EVENT_TYPES\",\"symbols\":"
          + "[\"insert\",\"update_before\",\"update_after\",\"delete\"]}";

  /**
   * One column field.
   *
   * @param avroName field name (already sanitised by MaxScale's rules)
   * @param kind the non-null Avro type of the union
   * @param realType the {@code real_type} text
   * @param unsigned the {@code unsigned} flag
   */
  public record Column(String avroName, FieldType.Kind kind, String realType, boolean unsigned) {}

  private final List<Column> columns;

  /**
   * Creates a schema.
   *
   * @param columns the column fields in table order
   */
  public ChangeSchema(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /**
   * Returns the column fields.
   *
   * @return columns in order
   */
  public List<Column> columns() {
    return columns;
  }

  /**
   * Returns the schema text avro-c writes into the object container header.
   *
   * @return canonical schema JSON
   */
  public String avroCanonicalJson() {
    StringBuilder sb =
        new StringBuilder(
            "{\"type\":\"record\",\"name\":\"ChangeRecord\","
                + "\"namespace\":\"MaxScaleChangeDataSchema.avro\",\"fields\":[");
    for (String name : FIXED_INT_FIELDS) {
      sb.append("{\"name\":\"").append(name).append("\",\"type\":{\"type\":\"int\"}},");
    }
    sb.append("{\"name\":\"event_type\",\"type\":").append(ENUM_JSON).append('}');
    for (Column c : columns) {
      sb.append(",{\"name\":\"")
          .append(c.avroName())
          .append("\",\"type\":[{\"type\":\"null\"},{\"type\":\"")
          .append(typeName(c.kind()))
          .append("\"}]}");
    }
    return sb.append("]}").toString();
  }

  /**
   * Returns the {@code .avsc} file content, trailing newline included.
   *
   * @param database database name
   * @param table table name
   * @param version table version (1-based)
   * @param gtid GTID of the DDL that created this version, e.g. {@code 0-1-2}
   * @return the file bytes
   */
  public byte[] avsc(String database, String table, int version, String gtid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    JsonText.writeAscii(
        out,
        "{\"namespace\":\"MaxScaleChangeDataSchema.avro\",\"type\":\"record\","
            + "\"name\":\"ChangeRecord\",\"table\":");
    JsonText.appendString(out, table);
    JsonText.writeAscii(out, ",\"database\":");
    JsonText.appendString(out, database);
    JsonText.writeAscii(out, ",\"version\":" + version + ",\"gtid\":");
    JsonText.appendString(out, gtid);
    JsonText.writeAscii(out, ",\"fields\":[");
    for (String name : FIXED_INT_FIELDS) {
      JsonText.writeAscii(out, "{\"name\":\"" + name + "\",\"type\":\"int\"},");
    }
    JsonText.writeAscii(out, "{\"name\":\"event_type\",\"type\":" + ENUM_JSON + "}");
    for (Column c : columns) {
      JsonText.writeAscii(out, ",{\"name\":");
      JsonText.appendString(out, c.avroName());
      JsonText.writeAscii(
          out, ",\"type\":[\"null\",\"" + typeName(c.kind()) + "\"],\"real_type\":");
      JsonText.appendString(out, c.realType());
      JsonText.writeAscii(out, ",\"length\":-1,\"unsigned\":" + c.unsigned() + "}");
    }
    JsonText.writeAscii(out, "]}\n");
    return out.toByteArray();
  }

  /**
   * Returns the Avro name of a primitive kind.
   *
   * @param kind the kind
   * @return e.g. {@code "int"}
   */
  public static String typeName(FieldType.Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Returns the avro-c canonical schema as UTF-8 bytes.
   *
   * @return schema bytes
   */
  public byte[] avroCanonicalJsonBytes() {
    return avroCanonicalJson().getBytes(StandardCharsets.UTF_8);
  }
}
