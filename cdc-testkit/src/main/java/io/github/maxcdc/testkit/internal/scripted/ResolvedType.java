package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.FieldType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column type with what MaxScale 24.02.3 makes of it: the Avro type, the {@code real_type} text
 * and the value codec. Immutable.
 *
 * @param type the parsed type
 * @param avroKind the Avro type of the column's union (recordings {@code e_all_types_*})
 * @param realType the type name as written, plus "_" when it is one of MaxScale's reserved words
 *     (so TIMESTAMP becomes {@code TIMESTAMP_})
 * @param codec converts values
 * @param temporalDefault whether {@code DEFAULT CURRENT_TIMESTAMP} is allowed
 */
public record ResolvedType(
    ColumnType type,
    FieldType.Kind avroKind,
    String realType,
    ValueCodec codec,
    boolean temporalDefault) {

  /** MaxScale's reserved words (CDC field names), compared case-insensitively. */
  static final Set<String> RESERVED =
      Set.of("domain", "server_id", "sequence", "event_number", "event_type", "timestamp");

  /**
   * Resolves a type.
   *
   * @param type the parsed type
   * @return the resolved type
   * @throws IllegalArgumentException if the type is not supported
   */
  public static ResolvedType of(ColumnType type) {
    String real =
        RESERVED.contains(type.name().toLowerCase(Locale.ROOT)) ? type.name() + "_" : type.name();
    FieldType.Kind kind;
    ValueCodec codec;
    String upper = type.upperName();
    boolean temporalDefault = upper.equals("DATETIME") || upper.equals("TIMESTAMP");
    switch (upper) {
      case "TINYINT", "BOOL", "BOOLEAN" -> {
        kind = FieldType.Kind.INT;
        codec = ints(type, 1);
      }
      case "SMALLINT" -> {
        kind = FieldType.Kind.INT;
        codec = ints(type, 2);
      }
      case "MEDIUMINT" -> {
        kind = FieldType.Kind.INT;
        codec = ints(type, 3);
      }
      case "INT", "INTEGER" -> {
        kind = FieldType.Kind.INT;
        codec = ints(type, 4);
      }
      case "BIGINT" -> {
        kind = FieldType.Kind.LONG;
        codec = ints(type, 8);
      }
      case "DECIMAL", "DEC", "NUMERIC", "FIXED" -> {
        kind = FieldType.Kind.DOUBLE;
        codec = decimal(type);
      }
      case "FLOAT" -> {
        kind = FieldType.Kind.FLOAT;
        codec = floating(type, true);
      }
      case "DOUBLE", "REAL" -> {
        kind = FieldType.Kind.DOUBLE;
        codec = floating(type, false);
      }
      case "CHAR" -> {
        kind = FieldType.Kind.STRING;
        codec = new StringCodecs.CharCodec(length(type, 1, 255), true);
      }
      case "VARCHAR" -> {
        kind = FieldType.Kind.STRING;
        codec = new StringCodecs.CharCodec(required(type, 65532), false);
      }
      case "VARBINARY" -> {
        kind = FieldType.Kind.STRING;
        codec = new StringCodecs.VarbinaryCodec(required(type, 65532));
      }
      case "BINARY" -> {
        kind = FieldType.Kind.BYTES;
        codec = new StringCodecs.BinaryCodec(length(type, 1, 255));
      }
      case "TINYTEXT", "TINYBLOB" -> {
        kind = FieldType.Kind.BYTES;
        codec = lob(type, 255);
      }
      case "TEXT", "BLOB" -> {
        kind = FieldType.Kind.BYTES;
        codec = lob(type, 65535);
      }
      case "MEDIUMTEXT", "MEDIUMBLOB" -> {
        kind = FieldType.Kind.BYTES;
        codec = lob(type, 16_777_215);
      }
      case "LONGTEXT", "LONGBLOB" -> {
        kind = FieldType.Kind.BYTES;
        codec = lob(type, 4_294_967_295L);
      }
      case "DATE" -> {
        kind = FieldType.Kind.STRING;
        codec = new TemporalCodecs.DateCodec();
      }
      case "TIME" -> {
        kind = FieldType.Kind.STRING;
        codec = new TemporalCodecs.TimeCodec(decimals(type));
      }
      case "DATETIME" -> {
        kind = FieldType.Kind.STRING;
        codec = new TemporalCodecs.DateTimeCodec(decimals(type));
      }
      case "TIMESTAMP" -> {
        kind = FieldType.Kind.STRING;
        codec = new TemporalCodecs.TimestampCodec(decimals(type));
      }
      case "YEAR" -> {
        kind = FieldType.Kind.STRING;
        codec = new TemporalCodecs.YearCodec();
      }
      case "ENUM" -> {
        kind = FieldType.Kind.STRING;
        codec = new ChoiceCodecs.EnumCodec(members(type, 65535));
      }
      case "SET" -> {
        kind = FieldType.Kind.STRING;
        codec = new ChoiceCodecs.SetCodec(members(type, 64));
      }
      case "BIT" -> {
        kind = FieldType.Kind.STRING;
        codec = new ChoiceCodecs.BitCodec(length(type, 1, 64));
      }
      case "JSON" -> {
        kind = FieldType.Kind.STRING;
        codec = new ChoiceCodecs.JsonCodec();
      }
      case "UUID" -> {
        kind = FieldType.Kind.STRING;
        codec = new AddressCodecs.UuidCodec();
      }
      case "INET4" -> {
        kind = FieldType.Kind.STRING;
        codec = new AddressCodecs.InetCodec(4);
      }
      case "INET6" -> {
        kind = FieldType.Kind.STRING;
        codec = new AddressCodecs.InetCodec(16);
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported column type '"
                  + type.name()
                  + "' (supported: "
                  + "integer types, BOOLEAN, DECIMAL, FLOAT, DOUBLE, CHAR, VARCHAR, BINARY, VARBINARY, TEXT and BLOB "
                  + "types, DATE, TIME, DATETIME, TIMESTAMP, YEAR, ENUM, SET, BIT, JSON, UUID, INET4, INET6)");
    }
    return new ResolvedType(type, kind, real, codec, temporalDefault);
  }

  /**
   * Tells whether this is an integer type (the only ones AUTO_INCREMENT accepts).
   *
   * @return true for TINYINT..BIGINT
   */
  public boolean integer() {
    return List.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT")
        .contains(type.upperName());
  }

  /**
   * Tells whether this is a TIMESTAMP column (as opposed to DATETIME) for CURRENT_TIMESTAMP
   * defaults.
   *
   * @return true for TIMESTAMP
   */
  boolean upperNameIsTimestamp() {
    return type.upperName().equals("TIMESTAMP");
  }

  private static ValueCodec ints(ColumnType type, int bytes) {
    return new NumericCodecs.IntegerCodec(bytes, type.unsigned());
  }

  private static ValueCodec decimal(ColumnType type) {
    int precision = type.intArg(0, 10);
    int scale = type.intArg(1, 0);
    if (precision < 1 || precision > 65 || scale < 0 || scale > 38 || scale > precision) {
      throw new IllegalArgumentException("invalid DECIMAL(" + precision + "," + scale + ")");
    }
    return new NumericCodecs.DecimalCodec(precision, scale, type.unsigned());
  }

  private static ValueCodec floating(ColumnType type, boolean single) {
    if (!type.args().isEmpty() && !(single && type.args().size() == 1 && type.intArg(0, 0) <= 24)) {
      throw new IllegalArgumentException(type.name() + "(M,D) and FLOAT(p>24) are not supported");
    }
    return new NumericCodecs.FloatingCodec(single, type.unsigned());
  }

  private static ValueCodec lob(ColumnType type, long max) {
    return new StringCodecs.LobCodec(
        type.args().isEmpty() ? max : Math.min(max, type.intArg(0, 0)),
        type.upperName().endsWith("TEXT"));
  }

  private static int length(ColumnType type, int fallback, int max) {
    int n = type.intArg(0, fallback);
    if (n < 0 || n > max) {
      throw new IllegalArgumentException(
          type.name() + " length must be in 0.." + max + ", got " + n);
    }
    return n;
  }

  private static int required(ColumnType type, int max) {
    if (type.args().isEmpty()) {
      throw new IllegalArgumentException(
          type.name() + " needs a length, e.g. " + type.name() + "(100)");
    }
    return length(type, 0, max);
  }

  private static int decimals(ColumnType type) {
    return length(type, 0, 6);
  }

  private static List<String> members(ColumnType type, int max) {
    if (type.args().isEmpty() || type.args().size() > max) {
      throw new IllegalArgumentException(type.name() + " needs 1.." + max + " members");
    }
    return type.args();
  }
}
