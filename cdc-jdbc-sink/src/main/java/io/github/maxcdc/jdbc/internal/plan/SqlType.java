package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Column;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as SQL writes it ({@code int(11) unsigned}, {@code decimal(8,2)}, {@code
 * varchar(20)}, {@code SMALLINT}), and whether one type holds every value of another. Lengths,
 * precisions and fractional seconds are -1 when not written (MaxScale's {@code real_type} has
 * none). Immutable.
 *
 * @param name the lower-case type name, synonyms folded ({@code integer} is {@code int})
 * @param length the length, precision or fractional-second digits; -1 if not written
 * @param scale the DECIMAL scale; -1 if not written
 * @param unsigned whether UNSIGNED
 */
record SqlType(String name, int length, int scale, boolean unsigned) {
  private static final Pattern TYPE =
      Pattern.compile(
          "\\s*([a-z_][a-z_0-9]*(?: precision)?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?(.*)");
  private static final List<String> INTEGERS =
      List.of("tinyint", "smallint", "mediumint", "int", "bigint");
  private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
  private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");
  private static final int[] LOB_BYTES = {255, 65_535, 16_777_215, Integer.MAX_VALUE};

  /** How a type compares with another. */
  enum Fit {
    /** The same type. */
    SAME,
    /** Holds every value of the other and more. */
    WIDER,
    /** Not comparable, or narrower. */
    OTHER
  }

  /** Parses a type; names it cannot parse are kept whole. */
  static SqlType parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT).trim();
    Matcher m = TYPE.matcher(lower);
    if (!m.matches() || lower.startsWith("enum") || lower.startsWith("set")) {
      return new SqlType(lower, -1, -1, false);
    }
    String name =
        switch (m.group(1).trim()) {
          case "integer", "int4" -> "int";
          case "bool", "boolean" -> "tinyint";
          case "dec", "numeric", "fixed" -> "decimal";
          case "real", "double precision" -> "double";
          case "timestamp_" -> "timestamp";
          default -> m.group(1).trim();
        };
    int length = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
    int scale = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    return new SqlType(name, length, scale, m.group(4).contains("unsigned"));
  }

  /** The type of a source column: its declared type when known, else MaxScale's real type. */
  static SqlType of(Column column) {
    if (column.declaredType() != null) {
      return parse(column.declaredType());
    }
    SqlType real = parse(column.realType() != null ? column.realType() : column.type().name());
    return new SqlType(real.name, real.length, real.scale, column.unsigned());
  }

  /** How this type holds the values of {@code from}. */
  Fit holds(SqlType from) {
    if (equals(from)) {
      return Fit.SAME;
    }
    int to = INTEGERS.indexOf(name);
    int was = INTEGERS.indexOf(from.name);
    if (to >= 0 && was >= 0) {
      if (to == was && unsigned == from.unsigned) {
        return Fit.SAME; // a display width
      }
      boolean bigger = unsigned == from.unsigned ? to > was : !unsigned && to > was;
      return bigger ? Fit.WIDER : Fit.OTHER;
    }
    if (name.equals("double") && from.name.equals("float")) {
      return Fit.WIDER;
    }
    if (name.equals("decimal") && from.name.equals("decimal")) {
      if (length < 0 || from.length < 0) {
        return Fit.SAME; // MaxScale's bare DECIMAL: the precision is not known
      }
      int p = length;
      int s = scale < 0 ? 0 : scale;
      int fromP = from.length;
      int fromS = from.scale < 0 ? 0 : from.scale;
      if (p == fromP && s == fromS) {
        return Fit.SAME;
      }
      return p - s >= fromP - fromS && s >= fromS ? Fit.WIDER : Fit.OTHER;
    }
    if (isChars(from)
        && (name.equals("varchar") || name.equals("char") && from.name.equals("char"))) {
      return lengthFit(from);
    }
    if (isChars(from) && TEXTS.contains(name)) {
      return from.length >= 0 && (long) from.length * 4 <= LOB_BYTES[TEXTS.indexOf(name)]
          ? Fit.WIDER
          : from.length < 0 && TEXTS.indexOf(name) > 0 ? Fit.WIDER : Fit.OTHER;
    }
    if (TEXTS.contains(name) && TEXTS.contains(from.name)) {
      return TEXTS.indexOf(name) > TEXTS.indexOf(from.name) ? Fit.WIDER : Fit.OTHER;
    }
    if (BLOBS.contains(name) && BLOBS.contains(from.name)) {
      return BLOBS.indexOf(name) > BLOBS.indexOf(from.name) ? Fit.WIDER : Fit.OTHER;
    }
    if (isBytes(from) && name.equals("varbinary")) {
      return lengthFit(from);
    }
    if (isBytes(from) && BLOBS.contains(name)) {
      return from.length >= 0 && from.length <= LOB_BYTES[BLOBS.indexOf(name)]
          ? Fit.WIDER
          : Fit.OTHER;
    }
    if (name.equals(from.name)
        && (name.equals("time") || name.equals("datetime") || name.equals("timestamp"))) {
      return Math.max(length, 0) >= Math.max(from.length, 0) ? Fit.WIDER : Fit.OTHER;
    }
    return Fit.OTHER;
  }

  private Fit lengthFit(SqlType from) {
    if (length < 0 || from.length < 0) {
      return name.equals(from.name) ? Fit.SAME : Fit.WIDER; // lengths unknown (MaxScale)
    }
    if (length == from.length && name.equals(from.name)) {
      return Fit.SAME;
    }
    return length >= from.length ? Fit.WIDER : Fit.OTHER;
  }

  private static boolean isChars(SqlType t) {
    return t.name.equals("char") || t.name.equals("varchar");
  }

  private static boolean isBytes(SqlType t) {
    return t.name.equals("binary") || t.name.equals("varbinary");
  }

  @Override
  public String toString() {
    return name
        + (length >= 0 ? "(" + length + (scale >= 0 ? "," + scale : "") + ")" : "")
        + (unsigned ? " unsigned" : "");
  }
}
