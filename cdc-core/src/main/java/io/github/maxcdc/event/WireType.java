package io.github.maxcdc.event;

import java.util.Locale;

/** The Avro type MaxScale declares for a column, the form its values travel in. */
public enum WireType {
  /** Avro {@code int}, 32-bit signed. */
  INT,
  /** Avro {@code long}, 64-bit signed. */
  LONG,
  /** Avro {@code float}. */
  FLOAT,
  /** Avro {@code double}. */
  DOUBLE,
  /** Avro {@code string}. */
  STRING,
  /** Avro {@code bytes}. */
  BYTES;

  /**
   * The wire type for an Avro primitive type name, or null if it is not one MaxScale uses for
   * columns.
   */
  public static WireType fromAvroName(String name) {
    switch (name) {
      case "int":
        return INT;
      case "long":
        return LONG;
      case "float":
        return FLOAT;
      case "double":
        return DOUBLE;
      case "string":
        return STRING;
      case "bytes":
        return BYTES;
      default:
        return null;
    }
  }

  /** The Avro primitive type name. */
  public String avroName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
