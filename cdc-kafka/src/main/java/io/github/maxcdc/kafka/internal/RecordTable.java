package io.github.maxcdc.kafka.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.maxcdc.event.TableId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Finds which table a KafkaCDC record is about without decoding it: a schema record names it in its
 * {@code database} and {@code table} keys, a row in {@code table_schema} and {@code table_name}
 * (right after MaxScale's six fields, so the scan stops early). Not thread-safe.
 */
public final class RecordTable {
  private static final java.util.Set<String> NOT_COLUMNS =
      java.util.Set.of(
          "domain",
          "server_id",
          "sequence",
          "event_number",
          "timestamp",
          "event_type",
          "table_schema",
          "table_name");

  private final JsonFactory json = new JsonFactory();
  private byte[] lastNames = new byte[0]; // the bytes naming the table of the last row...
  private TableId lastTable; // ...and that table

  private static final byte[] SCHEMA_KEY =
      "\"table_schema\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TABLE_KEY =
      "\",\"table_name\":\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * The table of a row as MaxScale writes it ({@code ..."event_type":"insert","table_schema":"db",
   * "table_name":"t",...}), read from the bytes without a parser; null when the value is written in
   * any other way (spaces, escapes, nesting before the keys), for the parser to read. An unescaped
   * {@code "table_schema":} in valid JSON can only be a key, and none is nested before it.
   */
  TableId rowTable(byte[] v) {
    if (v.length == 0 || v[0] != '{') {
      return null;
    }
    int at = -1;
    for (int i = 1; i <= v.length - SCHEMA_KEY.length; i++) {
      byte b = v[i];
      if (b == '{' || b == '[') {
        return null;
      }
      if (b == '"' && startsWith(v, i, SCHEMA_KEY)) {
        at = i + SCHEMA_KEY.length;
        break;
      }
    }
    if (at < 0) {
      return null;
    }
    int databaseEnd = plainStringEnd(v, at);
    if (databaseEnd < 0 || !startsWith(v, databaseEnd, TABLE_KEY)) {
      return null;
    }
    int tableStart = databaseEnd + TABLE_KEY.length;
    int tableEnd = plainStringEnd(v, tableStart);
    if (tableEnd < 0
        || tableEnd + 1 >= v.length
        || (v[tableEnd + 1] != ',' && v[tableEnd + 1] != '}')) {
      return null;
    }
    if (java.util.Arrays.equals(v, at, tableEnd, lastNames, 0, lastNames.length)) {
      return lastTable;
    }
    String database = new String(v, at, databaseEnd - at, StandardCharsets.UTF_8);
    String table = new String(v, tableStart, tableEnd - tableStart, StandardCharsets.UTF_8);
    if (database.isEmpty() || table.isEmpty()) {
      return null;
    }
    lastNames = java.util.Arrays.copyOfRange(v, at, tableEnd);
    lastTable = new TableId(database, table);
    return lastTable;
  }

  // The index of the quote ending a string without escapes that starts at from, or -1.
  private static int plainStringEnd(byte[] v, int from) {
    for (int i = from; i < v.length; i++) {
      byte b = v[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\' || (b >= 0 && b < 0x20)) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] v, int at, byte[] prefix) {
    return at + prefix.length <= v.length
        && java.util.Arrays.equals(v, at, at + prefix.length, prefix, 0, prefix.length);
  }

  /**
   * The column keys of a row's value, in order (MaxScale's fields and the table's name left out).
   *
   * @throws IllegalArgumentException if the value is not a JSON object
   */
  public java.util.List<String> columns(byte[] value) {
    java.util.List<String> columns = new java.util.ArrayList<>();
    try (JsonParser p = json.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the value is not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        p.skipChildren();
        if (!NOT_COLUMNS.contains(name)) {
          columns.add(name);
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the value is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the value cannot be read (" + e.getMessage() + ")", e);
    }
    return columns;
  }

  /**
   * The table of a record's value.
   *
   * @param schema whether the record is a schema record (by its key)
   * @throws IllegalArgumentException if the value is not a JSON object naming its table
   */
  public TableId of(byte[] value, boolean schema) {
    if (value == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    if (!schema) {
      TableId fast = rowTable(value);
      if (fast != null) {
        return fast;
      }
    }
    return parse(value, schema);
  }

  /** {@link #of} through the JSON parser, whatever the layout. */
  TableId parse(byte[] value, boolean schema) {
    String databaseKey = schema ? "database" : "table_schema";
    String tableKey = schema ? "table" : "table_name";
    String database = null;
    String table = null;
    try (JsonParser p = json.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the value is not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals(databaseKey) && v == JsonToken.VALUE_STRING) {
          database = p.getText();
        } else if (name.equals(tableKey) && v == JsonToken.VALUE_STRING) {
          table = p.getText();
        } else {
          p.skipChildren();
        }
        if (database != null && table != null) {
          return new TableId(database, table);
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the value is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the value cannot be read (" + e.getMessage() + ")", e);
    }
    throw new IllegalArgumentException(
        "the value has no '"
            + databaseKey
            + "' and '"
            + tableKey
            + "' naming its table, as KafkaCDC's "
            + (schema ? "schema records" : "rows")
            + " have");
  }
}
