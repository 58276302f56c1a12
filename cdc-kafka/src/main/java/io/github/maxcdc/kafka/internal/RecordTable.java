package io.github.maxcdc.kafka.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.maxcdc.event.TableId;
import java.io.IOException;

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
