package io.github.maxcdc.testkit.internal.avro;

import io.github.maxcdc.testkit.internal.json.CDoubleFormat;
import io.github.maxcdc.testkit.internal.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Renders a decoded record as MaxScale sends it in JSON mode: jansson's {@code
 * json_dumps(JSON_PRESERVE_ORDER)} plus the trailing newline {@code send_row} adds. Stateless and
 * thread-safe.
 */
public final class JsonRowFormatter {
  private JsonRowFormatter() {}

  /**
   * Formats one row line, newline included.
   *
   * @param record the decoded record
   * @return the line's bytes
   */
  public static byte[] line(DecodedRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write('{');
    List<String> names = record.names();
    List<Object> values = record.values();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        JsonText.writeAscii(out, ", ");
      }
      JsonText.appendString(out, names.get(i));
      JsonText.writeAscii(out, ": ");
      appendValue(out, values.get(i));
    }
    out.write('}');
    out.write('\n');
    return out.toByteArray();
  }

  private static void appendValue(ByteArrayOutputStream out, Object value) {
    if (value == null) {
      JsonText.writeAscii(out, "null");
    } else if (value instanceof Long l) {
      JsonText.writeAscii(out, Long.toString(l));
    } else if (value instanceof Double d) {
      JsonText.writeAscii(out, CDoubleFormat.jansson(d));
    } else if (value instanceof Boolean b) {
      JsonText.writeAscii(out, b ? "true" : "false");
    } else if (value instanceof String s) {
      JsonText.appendString(out, s);
    } else {
      // MaxScale 24.02.3 sends bytes/strings that are not valid UTF-8 as lower-case hex
      // (fixture e_all_types_json: x'DEADBEEF' -> "deadbeef", VARBINARY x'FF' -> "ff").
      byte[] bytes = (byte[]) value;
      JsonText.appendString(out, JsonText.isValidUtf8(bytes) ? bytes : JsonText.lowerHex(bytes));
    }
  }
}
