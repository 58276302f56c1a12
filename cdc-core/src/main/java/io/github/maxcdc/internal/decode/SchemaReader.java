package io.github.maxcdc.internal.decode;

import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.internal.bytes.Excerpts;
import io.github.maxcdc.internal.value.Caveats;
import io.github.maxcdc.position.Gtid;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;

/**
 * Reads MaxScale's table schemas: the {@code .avsc} JSON (first line of a JSON stream), which has
 * MaxScale's keys {@code table}, {@code database}, {@code version}, {@code gtid} and per column
 * {@code real_type}, {@code length}, {@code unsigned}; and the schema of an AVRO header, which has
 * none of them. Stateless, thread-safe.
 */
public final class SchemaReader {
  private SchemaReader() {}

  /**
   * Parses a schema with Avro's parser, without Avro's name rules (MariaDB column names may hold
   * characters Avro names may not).
   *
   * @throws DecodeException if it is not an Avro record schema with MaxScale's fields first
   */
  public static Schema parseAvro(String json, String where) throws DecodeException {
    return parseAvro(json, where, UnaryOperator.identity());
  }

  /** {@link #parseAvro(String, String)}, hiding secrets from the excerpts in messages. */
  public static Schema parseAvro(String json, String where, UnaryOperator<String> redactor)
      throws DecodeException {
    Schema schema;
    try {
      schema = new Schema.Parser(NameValidator.NO_VALIDATION).parse(json);
    } catch (AvroRuntimeException | IllegalArgumentException e) {
      // SchemaParseException, AvroTypeException ("Undefined schema"), ...
      throw new DecodeException(
          where
              + ": the schema is not a valid Avro schema ("
              + redactor.apply(String.valueOf(e.getMessage()))
              + "); starts with: "
              + Excerpts.of(redactor.apply(json)),
          null);
    }
    if (schema.getType() != Schema.Type.RECORD
        || schema.getFields().size() < MaxScaleFields.COUNT) {
      throw new DecodeException(
          where + ": expected MaxScale's record schema, got: " + Excerpts.of(redactor.apply(json)));
    }
    for (int i = 0; i < MaxScaleFields.COUNT; i++) {
      if (!schema.getFields().get(i).name().equals(MaxScaleFields.NAMES.get(i))) {
        throw new DecodeException(
            where
                + ": expected MaxScale's field '"
                + MaxScaleFields.NAMES.get(i)
                + "' at position "
                + i
                + ", got '"
                + redactor.apply(schema.getFields().get(i).name())
                + "'");
      }
    }
    return schema;
  }

  /**
   * Reads a JSON-stream schema line (MaxScale's {@code .avsc}).
   *
   * @param requested the table the client asked for (MaxScale's {@code table}/{@code database} keys
   *     must name it)
   * @param json whether the values will arrive in the JSON format (for the column caveats)
   */
  public static TableSchema fromMaxScaleJson(String text, TableId requested, boolean json)
      throws DecodeException {
    return fromMaxScaleJson(text, requested, json, UnaryOperator.identity());
  }

  /** {@link #fromMaxScaleJson(String, TableId, boolean)}, hiding secrets from messages. */
  public static TableSchema fromMaxScaleJson(
      String text, TableId requested, boolean json, UnaryOperator<String> redactor)
      throws DecodeException {
    String where = "schema of " + requested;
    Schema schema = parseAvro(text, where, redactor);
    try {
      return tableSchema(schema, text, requested, json, redactor, where);
    } catch (IllegalArgumentException e) {
      // names or numbers the event model refuses: a damaged or foreign schema line
      throw new DecodeException(
          where
              + ": "
              + redactor.apply(e.getMessage())
              + "; schema starts with: "
              + Excerpts.of(redactor.apply(text)));
    }
  }

  private static TableSchema tableSchema(
      Schema schema,
      String text,
      TableId requested,
      boolean json,
      UnaryOperator<String> redactor,
      String where)
      throws DecodeException {
    Object database = schema.getObjectProp("database");
    Object table = schema.getObjectProp("table");
    Object version = schema.getObjectProp("version");
    if (!(database instanceof String)
        || !(table instanceof String)
        || !(version instanceof Integer)) {
      throw new DecodeException(
          where
              + ": expected MaxScale's keys database, table and version in the schema, got: "
              + Excerpts.of(redactor.apply(text)));
    }
    TableId sent = new TableId((String) database, (String) table);
    if (!sent.equals(requested)) {
      throw new DecodeException(
          where
              + ": the server sent the schema of "
              + redactor.apply(sent.toString())
              + " instead");
    }
    Gtid ddl = null;
    if (schema.getObjectProp("gtid") instanceof String gtid) {
      try {
        ddl = Gtid.parse(gtid);
      } catch (IllegalArgumentException e) {
        throw new DecodeException(where + ": " + redactor.apply(e.getMessage()), null);
      }
    }
    List<Column> columns = new ArrayList<>();
    List<Schema.Field> fields = schema.getFields();
    for (int i = MaxScaleFields.COUNT; i < fields.size(); i++) {
      Schema.Field field = fields.get(i);
      String realType = field.getObjectProp("real_type") instanceof String s ? s : null;
      boolean unsigned = Boolean.TRUE.equals(field.getObjectProp("unsigned"));
      ColumnType type = ColumnType.fromRealType(realType);
      columns.add(
          new Column(
              field.name(),
              i - MaxScaleFields.COUNT,
              type,
              realType,
              unsigned,
              wireType(field, where),
              Caveats.of(type, unsigned, json)));
    }
    return new TableSchema(requested, (Integer) version, ddl, columns, true);
  }

  /**
   * A schema from an AVRO header alone: the column types are unknown (Avro types only) and every
   * column carries {@link Caveat#REAL_TYPE_UNKNOWN}.
   */
  public static TableSchema fromAvroOnly(Schema schema, TableId table, int version)
      throws DecodeException {
    String where = "AVRO schema of " + table;
    List<Column> columns = new ArrayList<>();
    List<Schema.Field> fields = schema.getFields();
    for (int i = MaxScaleFields.COUNT; i < fields.size(); i++) {
      Schema.Field field = fields.get(i);
      columns.add(
          new Column(
              field.name(),
              i - MaxScaleFields.COUNT,
              ColumnType.UNKNOWN,
              null,
              false,
              wireType(field, where),
              EnumSet.of(Caveat.REAL_TYPE_UNKNOWN)));
    }
    return new TableSchema(table, version, null, columns, false);
  }

  /**
   * Re-targets a schema looked up over JSON to an AVRO stream: same columns, caveats for the AVRO
   * format.
   */
  public static TableSchema forAvro(TableSchema looked) {
    List<Column> columns = new ArrayList<>();
    for (Column c : looked.columns()) {
      columns.add(
          new Column(
              c.name(),
              c.index(),
              c.type(),
              c.realType(),
              c.unsigned(),
              c.wireType(),
              Caveats.of(c.type(), c.unsigned(), false)));
    }
    return new TableSchema(
        looked.table(), looked.version(), looked.ddlGtid().orElse(null), columns, true);
  }

  /**
   * The schema MaxScale would have sent for a table whose columns are {@code columnTypes} (name to
   * {@code information_schema.COLUMNS.COLUMN_TYPE}, in the table's order): the same column types,
   * Avro types and caveats as MaxScale 24.02.3 derives from a {@code CREATE TABLE}, each column's
   * declared type kept. For a source whose records carry no schema.
   *
   * @throws DecodeException if a column type is not one MaxScale replicates
   */
  public static TableSchema fromDeclared(
      TableId table, int version, Map<String, String> columnTypes, boolean json)
      throws DecodeException {
    List<Column> columns = new ArrayList<>();
    for (Map.Entry<String, String> e : columnTypes.entrySet()) {
      String declared = e.getValue().trim().toLowerCase(Locale.ROOT);
      int end = 0;
      while (end < declared.length() && Character.isLetterOrDigit(declared.charAt(end))) {
        end++;
      }
      String base = declared.substring(0, end).toUpperCase(Locale.ROOT);
      boolean unsigned = declared.contains(" unsigned");
      // MaxScale appends "_" to a type named like one of its own fields (TIMESTAMP_)
      String realType =
          MaxScaleFields.NAMES.contains(base.toLowerCase(Locale.ROOT)) ? base + "_" : base;
      WireType wire = DECLARED_WIRE.get(base);
      ColumnType type = ColumnType.fromRealType(realType);
      if (wire == null || type == ColumnType.UNKNOWN) {
        throw new DecodeException(
            "schema of "
                + table
                + " from the source database: column '"
                + e.getKey()
                + "' has type "
                + e.getValue()
                + ", which MaxScale does not replicate");
      }
      columns.add(
          new Column(
              e.getKey(),
              columns.size(),
              type,
              realType,
              unsigned,
              wire,
              Caveats.of(type, unsigned, json),
              e.getValue()));
    }
    return new TableSchema(table, version, null, columns, true);
  }

  // the Avro type MaxScale 24.02.3 gives each column type (recordings e_all_types_*, g_modern_*)
  private static final Map<String, WireType> DECLARED_WIRE = declaredWire();

  private static Map<String, WireType> declaredWire() {
    Map<String, WireType> m = new java.util.HashMap<>();
    for (String t : List.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER")) {
      m.put(t, WireType.INT);
    }
    m.put("BIGINT", WireType.LONG);
    for (String t : List.of("DECIMAL", "DOUBLE", "REAL")) {
      m.put(t, WireType.DOUBLE);
    }
    m.put("FLOAT", WireType.FLOAT);
    for (String t :
        List.of(
            "CHAR",
            "VARCHAR",
            "VARBINARY",
            "DATE",
            "TIME",
            "DATETIME",
            "TIMESTAMP",
            "YEAR",
            "ENUM",
            "SET",
            "BIT",
            "JSON",
            "UUID",
            "INET4",
            "INET6")) {
      m.put(t, WireType.STRING);
    }
    for (String t :
        List.of(
            "BINARY",
            "TINYTEXT",
            "TEXT",
            "MEDIUMTEXT",
            "LONGTEXT",
            "TINYBLOB",
            "BLOB",
            "MEDIUMBLOB",
            "LONGBLOB")) {
      m.put(t, WireType.BYTES);
    }
    return Map.copyOf(m);
  }

  /** The Avro type of a column field: {@code ["null", T]} or {@code T}. */
  static WireType wireType(Schema.Field field, String where) throws DecodeException {
    Schema type = field.schema();
    if (type.getType() == Schema.Type.UNION) {
      Schema found = null;
      for (Schema branch : type.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          if (found != null) {
            found = null;
            break;
          }
          found = branch;
        }
      }
      type = found;
    }
    WireType wire = type == null ? null : WireType.fromAvroName(type.getType().getName());
    if (wire == null) {
      throw new DecodeException(
          where
              + ": column '"
              + field.name()
              + "' has Avro type "
              + field.schema()
              + ", expected null or one of int, long, float, double, string, bytes");
    }
    return wire;
  }
}
