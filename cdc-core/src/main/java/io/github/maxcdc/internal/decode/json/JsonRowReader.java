package io.github.maxcdc.internal.decode.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.internal.decode.GtidCache;
import io.github.maxcdc.internal.decode.MaxScaleFields;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceItem.RowKind;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads one row object of MaxScale's JSON stream, token by token, into a raw value array. MaxScale
 * writes the keys in schema order (its own fields, then the columns), so each key is first checked
 * against the expected one by identity (Jackson interns field names) and looked up by name only
 * when that fails. KafkaCDC writes the same rows with {@code table_schema} and {@code table_name}
 * after {@code event_type}: read with {@code tableKeys}, those two keys are expected and must name
 * the schema's table. Not thread-safe.
 */
final class JsonRowReader {
  private static final int EVENT_TYPE = MaxScaleFields.COUNT - 1;
  private static final List<String> TABLE_KEYS = List.of("table_schema", "table_name");

  private final TableSchema schema;
  private final String[] expected;
  private final Map<String, Integer> slots = new HashMap<>();
  private final Supplier<String> where;
  private final long[] header = new long[EVENT_TYPE];
  private final boolean[] present; // keys of the row being read
  private final int firstColumn; // slot of the first column: after MaxScale's and the table keys
  private final String[] tableNames; // expected values of the table keys, if any
  private final GtidCache gtids = new GtidCache();
  private Gtid lastGtid; // with lastEventNumber, the last row read; null before the first
  private int lastEventNumber;

  JsonRowReader(TableSchema schema, Supplier<String> where, boolean tableKeys) {
    this.schema = schema;
    this.where = where;
    this.firstColumn = MaxScaleFields.COUNT + (tableKeys ? TABLE_KEYS.size() : 0);
    this.tableNames =
        tableKeys ? new String[] {schema.table().database(), schema.table().table()} : null;
    this.expected = new String[firstColumn + schema.size()];
    this.present = new boolean[expected.length];
    for (int i = 0; i < expected.length; i++) {
      String name =
          i < MaxScaleFields.COUNT
              ? MaxScaleFields.NAMES.get(i)
              : i < firstColumn
                  ? TABLE_KEYS.get(i - MaxScaleFields.COUNT)
                  : schema.column(i - firstColumn).name();
      expected[i] = name.intern();
      slots.putIfAbsent(name, i);
    }
  }

  /** The position of the last row read, or null; made only for messages. */
  StreamPosition lastPosition() {
    return lastGtid == null ? null : new StreamPosition(lastGtid, lastEventNumber);
  }

  /** Reads the row whose first key ({@code domain}) is the parser's current token. */
  SourceItem.RawRow read(JsonParser parser) throws IOException {
    Object[] values = new Object[schema.size()];
    RowKind kind = null;
    int seen = 0;
    java.util.Arrays.fill(present, false);
    for (JsonToken t = parser.currentToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
      String name = parser.currentName();
      int slot = seen < expected.length && expected[seen] == name ? seen : slotOf(name);
      if (present[slot]) {
        throw fail("key '" + name + "' appears twice");
      }
      present[slot] = true;
      JsonToken value = parser.nextToken();
      if (slot < EVENT_TYPE) {
        header[slot] = headerNumber(parser, value, slot);
      } else if (slot == EVENT_TYPE) {
        kind = value == JsonToken.VALUE_STRING ? RowKind.fromName(parser.getText()) : null;
        if (kind == null) {
          throw fail("event_type is not insert, update_before, update_after or delete");
        }
      } else if (slot < firstColumn) {
        checkTableKey(parser, value, slot);
      } else {
        values[slot - firstColumn] = value(parser, value, slot);
      }
      seen++;
    }
    if (seen != expected.length && tableNames != null && onlyColumnsMissing()) {
      for (int i = firstColumn; i < expected.length; i++) {
        if (!present[i]) {
          values[i - firstColumn] = SourceItem.ABSENT; // KafkaCDC drops a value it cannot write
        }
      }
      seen = expected.length;
    }
    if (seen != expected.length || kind == null) {
      java.util.List<String> missing = new java.util.ArrayList<>();
      for (int i = 0; i < expected.length; i++) {
        if (!present[i]) {
          missing.add(expected[i]);
        }
      }
      throw fail(
          "expected "
              + expected.length
              + " keys (MaxScale's "
              + firstColumn
              + " and "
              + schema.size()
              + " columns of schema version "
              + schema.version()
              + "), got "
              + seen
              + "; missing: "
              + missing);
    }
    Gtid gtid = gtids.of(header[0], header[1], header[2]);
    int eventNumber = (int) header[3];
    if (eventNumber < 1) {
      throw fail("event_number " + header[3] + " is not a positive number");
    }
    lastGtid = gtid;
    lastEventNumber = eventNumber;
    return new SourceItem.RawRow(schema, gtid, eventNumber, header[4], kind, values);
  }

  private boolean onlyColumnsMissing() {
    for (int i = 0; i < firstColumn; i++) {
      if (!present[i]) {
        return false;
      }
    }
    return true;
  }

  private void checkTableKey(JsonParser parser, JsonToken value, int slot) throws IOException {
    String name = tableNames[slot - MaxScaleFields.COUNT];
    if (value != JsonToken.VALUE_STRING || !parser.getText().equals(name)) {
      throw fail(
          expected[slot]
              + " is "
              + (value == JsonToken.VALUE_STRING ? "'" + parser.getText() + "'" : value)
              + ", expected '"
              + name
              + "'");
    }
  }

  private int slotOf(String name) throws DecodeException {
    Integer slot = slots.get(name);
    if (slot == null) {
      throw fail("key '" + name + "' is not a column of schema version " + schema.version());
    }
    return slot;
  }

  // MaxScale keeps these in 32-bit Avro ints: read them back as unsigned.
  private long headerNumber(JsonParser parser, JsonToken value, int slot) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT) {
      throw fail(MaxScaleFields.NAMES.get(slot) + " is not an integer");
    }
    long n = parser.getLongValue();
    if (n < Integer.MIN_VALUE || n > 0xFFFF_FFFFL) {
      throw fail(MaxScaleFields.NAMES.get(slot) + " is outside 32 bits");
    }
    return n & 0xFFFF_FFFFL;
  }

  private Object value(JsonParser parser, JsonToken value, int slot) throws IOException {
    switch (value) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      default:
        throw fail("column '" + expected[slot] + "' holds a " + value + ", expected a scalar");
    }
  }

  private DecodeException fail(String problem) {
    return new DecodeException(
        where.get()
            + ": row after "
            + (lastGtid == null ? "the schema line" : lastPosition())
            + ": "
            + problem);
  }
}
