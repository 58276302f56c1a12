package io.github.maxcdc.testkit.internal.kafkacdc;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import io.github.maxcdc.testkit.internal.avro.FieldType;
import io.github.maxcdc.testkit.internal.json.CDoubleFormat;
import io.github.maxcdc.testkit.internal.json.JsonText;
import io.github.maxcdc.testkit.internal.scripted.ReplicationListener.RowChange;
import io.github.maxcdc.testkit.internal.scripted.ReplicationListener.TableChange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys and values of the records MaxScale 24.02.3's KafkaCDC router writes ({@code
 * kafkacdc.cc}, {@code KafkaEventHandler}), built as it builds them: a jansson object dumped with
 * {@code JSON_COMPACT}. Stateless and thread-safe.
 *
 * <p>A schema record is {@code Table::to_json()}, the text of the avrorouter's {@code .avsc} file
 * without its newline, keyed by the bare GTID of the DDL. A row record is {@code domain, server_id,
 * sequence, event_number, timestamp, event_type, table_schema, table_name} then one key a column,
 * keyed by {@code GTID:event_number}. Two handler calls lose data (recordings {@code k1b} and
 * {@code k1}): {@code column_string} passes the value through {@code json_string()}, which returns
 * NULL for text that is not valid UTF-8, so {@code json_object_set_new} leaves the key out; {@code
 * column_bytes} uses {@code json_stringn_nocheck()}, so {@code json_dumps} later fails on such a
 * value and returns NULL, and the {@code strlen} of that NULL kills MaxScale.
 */
public final class KafkaCdcRecords {
  private KafkaCdcRecords() {}

  /**
   * A value KafkaCDC cannot write as it is.
   *
   * @param column the column's name
   * @param crash true if it kills the router ({@code column_bytes}), false if its key is left out
   *     ({@code column_string})
   */
  public record Problem(String column, boolean crash) {}

  /** The key of a schema record: the GTID of the DDL statement. */
  static byte[] schemaKey(TableChange table) {
    return table.gtid().getBytes(StandardCharsets.US_ASCII);
  }

  /** The value of a schema record for the given version of the table. */
  static byte[] schemaValue(TableChange table, int version) {
    byte[] avsc = table.schema().avsc(table.database(), table.table(), version, table.gtid());
    return Arrays.copyOf(avsc, avsc.length - 1); // json_dumps adds no newline
  }

  /** The key of a row record: {@code domain-server-sequence:event_number}. */
  static byte[] rowKey(RowChange row) {
    String key =
        Long.toUnsignedString(row.domain())
            + "-"
            + Long.toUnsignedString(row.serverId())
            + "-"
            + Long.toUnsignedString(row.sequence())
            + ":"
            + row.eventNumber();
    return key.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Finds the value of a row that KafkaCDC cannot write as it is: the first that crashes it, else
   * the first whose key it leaves out.
   *
   * @param row the row
   * @return the problem, or null if there is none
   */
  public static Problem problem(RowChange row) {
    List<ChangeSchema.Column> columns = row.schema().columns();
    Problem first = null;
    for (int i = 0; i < columns.size(); i++) {
      if (row.values().get(i) instanceof byte[] b && !JsonText.isValidUtf8(b)) {
        Problem p = new Problem(columns.get(i).avroName(), crashes(columns.get(i)));
        if (p.crash()) {
          return p;
        }
        first = first == null ? p : first;
      }
    }
    return first;
  }

  // column_bytes for the Avro "bytes" types (BLOB, TEXT, BINARY), column_string for the others; a
  // JSON column also goes through column_bytes, but its text is always valid UTF-8.
  private static boolean crashes(ChangeSchema.Column column) {
    return column.kind() == FieldType.Kind.BYTES;
  }

  /**
   * The value of a row record; a string value that is not valid UTF-8 has no key.
   *
   * @param row a row for which {@link #problem} finds no crash
   * @return the JSON text
   */
  static byte[] rowValue(RowChange row) {
    // jansson's object: setting a key it has replaces the value in place (a column named
    // table_name replaces the table's name), keys keep their first position
    Map<String, byte[]> object = new LinkedHashMap<>();
    object.put("domain", ascii(Long.toString(row.domain())));
    object.put("server_id", ascii(Long.toString(row.serverId())));
    object.put("sequence", ascii(Long.toString(row.sequence())));
    object.put("event_number", ascii(Integer.toString(row.eventNumber())));
    // REP_HEADER.timestamp is the binlog's uint32, not the avrorouter's Avro int
    object.put("timestamp", ascii(Long.toString(row.time().getEpochSecond() & 0xFFFF_FFFFL)));
    object.put("event_type", string(ChangeSchema.EVENT_TYPES.get(row.eventType())));
    object.put("table_schema", string(row.database()));
    object.put("table_name", string(row.table()));
    List<ChangeSchema.Column> columns = row.schema().columns();
    for (int i = 0; i < columns.size(); i++) {
      byte[] json = json(row.values().get(i));
      if (json != null) {
        object.put(columns.get(i).avroName(), json);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, byte[]> e : object.entrySet()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      JsonText.appendString(out, e.getKey());
      out.write(':');
      out.writeBytes(e.getValue());
    }
    out.write('}');
    return out.toByteArray();
  }

  /** The JSON text of one handler value, or null when jansson refuses it. */
  private static byte[] json(Object value) {
    if (value == null) {
      return ascii("null");
    } else if (value instanceof Integer || value instanceof Long) {
      return ascii(value.toString());
    } else if (value instanceof Float f) {
      return ascii(CDoubleFormat.jansson(f)); // json_real(double) of the float
    } else if (value instanceof Double d) {
      return ascii(CDoubleFormat.jansson(d));
    }
    byte[] bytes = (byte[]) value;
    if (!JsonText.isValidUtf8(bytes)) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 2);
    JsonText.appendString(out, bytes);
    return out.toByteArray();
  }

  private static byte[] string(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 2);
    JsonText.appendString(out, text);
    return out.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
