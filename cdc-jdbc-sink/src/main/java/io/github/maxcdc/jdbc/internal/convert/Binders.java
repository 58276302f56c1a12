package io.github.maxcdc.jdbc.internal.convert;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.MariaDbText;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how a source column's typed values are written to a target column, by the source's
 * MariaDB type and the target's. TIMESTAMP values are written as UTC date-times (the session's time
 * zone is UTC); a TIMESTAMP written to a DATETIME column, or a DATETIME to a TIMESTAMP, is
 * converted in the configured zone. ENUM and SET go as their index and bitmask to ENUM, SET and
 * integer columns, and as their labels to text columns (labels from the mapping).
 */
public final class Binders {
  private Binders() {}

  /**
   * The binder for {@code source} written to {@code target}.
   *
   * @param labels the configured labels of an ENUM or SET column
   * @param zone the zone of DATETIME values that become instants and back
   * @throws IllegalStateException with the reason, if the column cannot be written there (the
   *     caller turns it into a schema error)
   */
  public static ValueBinder forColumn(
      Column source, TargetColumn target, Optional<List<String>> labels, ZoneId zone) {
    ColumnType type = source.type();
    switch (type) {
      case ENUM:
        return enumBinder(source, target, labels);
      case SET:
        return setBinder(source, target, labels);
      case TIMESTAMP:
        return instantBinder(target, zone);
      case DATETIME:
        return target.isTimestamp()
            ? (s, i, v) -> s.setObject(i, utc(((LocalDateTime) v).atZone(zone).toInstant()))
            : (s, i, v) -> s.setObject(i, v);
      case TIME:
        return (s, i, v) -> s.setString(i, MariaDbText.time((Duration) v));
      case DECIMAL:
        return (s, i, v) -> s.setBigDecimal(i, (BigDecimal) v);
      case FLOAT:
        return target.dataType().equals("decimal")
            ? (s, i, v) -> s.setBigDecimal(i, new BigDecimal(Float.toString((Float) v)))
            : (s, i, v) -> s.setFloat(i, (Float) v);
      default:
        return byJavaType(target);
    }
  }

  // Everything else is written by the value's Java type; MariaDB converts between close types.
  private static ValueBinder byJavaType(TargetColumn target) {
    boolean binaryTarget =
        target.dataType().endsWith("blob") || target.dataType().endsWith("binary");
    return (s, i, v) -> {
      if (v instanceof Integer n) {
        s.setInt(i, n);
      } else if (v instanceof Long n) {
        s.setLong(i, n);
      } else if (v instanceof BigInteger n) {
        s.setBigDecimal(i, new BigDecimal(n));
      } else if (v instanceof Double n) {
        s.setDouble(i, n);
      } else if (v instanceof String text) {
        if (binaryTarget) {
          s.setBytes(i, text.getBytes(StandardCharsets.UTF_8));
        } else {
          s.setString(i, text);
        }
      } else if (v instanceof byte[] bytes) {
        s.setBytes(i, bytes);
      } else if (v instanceof java.util.UUID uuid) {
        if (binaryTarget) {
          s.setBytes(
              i,
              java.nio.ByteBuffer.allocate(16)
                  .putLong(uuid.getMostSignificantBits())
                  .putLong(uuid.getLeastSignificantBits())
                  .array());
        } else {
          s.setString(i, uuid.toString());
        }
      } else if (v instanceof java.net.InetAddress address) {
        if (binaryTarget) {
          s.setBytes(i, address.getAddress());
        } else {
          s.setString(i, MariaDbText.inet(address));
        }
      } else {
        s.setObject(i, v);
      }
    };
  }

  private static ValueBinder instantBinder(TargetColumn target, ZoneId zone) {
    if (target.isDateTime()) {
      return (s, i, v) -> s.setObject(i, LocalDateTime.ofInstant((Instant) v, zone));
    }
    if (target.isText()) {
      return (s, i, v) -> s.setString(i, v.toString());
    }
    return (s, i, v) -> s.setObject(i, utc((Instant) v));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static ValueBinder enumBinder(
      Column source, TargetColumn target, Optional<List<String>> labels) {
    if (target.isEnum() || target.isInteger()) {
      return (s, i, v) -> s.setInt(i, (Integer) v); // MariaDB reads a number as the ENUM's index
    }
    List<String> names = requireLabels(source, target, labels);
    return (s, i, v) -> s.setString(i, enumLabel(source, names, (Integer) v));
  }

  private static ValueBinder setBinder(
      Column source, TargetColumn target, Optional<List<String>> labels) {
    if (target.isSet() || target.isInteger()) {
      return (s, i, v) -> s.setLong(i, (Long) v); // MariaDB reads a number as the SET's bitmask
    }
    List<String> names = requireLabels(source, target, labels);
    return (s, i, v) -> s.setString(i, setLabels(source, names, (Long) v));
  }

  private static List<String> requireLabels(
      Column source, TargetColumn target, Optional<List<String>> labels) {
    return labels.orElseThrow(
        () ->
            new IllegalStateException(
                "source column '"
                    + source.name()
                    + "' is "
                    + source.type()
                    + ", sent as its "
                    + (source.type() == ColumnType.ENUM ? "index" : "bitmask")
                    + ", and target column '"
                    + target.name()
                    + "' is "
                    + target.columnType()
                    + ": give its labels with "
                    + "TableMapping.labels(\""
                    + source.name()
                    + "\", ...) or make the target column "
                    + source.type()
                    + " or an integer"));
  }

  static String enumLabel(Column source, List<String> labels, int index) {
    if (index == 0) {
      return ""; // MariaDB's value for an invalid ENUM value
    }
    if (index < 0 || index > labels.size()) {
      throw new ValueRefusedException(
          "ENUM index "
              + index
              + " of column '"
              + source.name()
              + "' is beyond its "
              + labels.size()
              + " configured labels");
    }
    return labels.get(index - 1);
  }

  static String setLabels(Column source, List<String> labels, long bits) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      if ((bits & (1L << i)) == 0) {
        continue;
      }
      if (i >= labels.size()) {
        throw new ValueRefusedException(
            "SET bit "
                + i
                + " of column '"
                + source.name()
                + "' is beyond its "
                + labels.size()
                + " configured labels");
      }
      out.append(out.length() == 0 ? "" : ",").append(labels.get(i));
    }
    return out.toString();
  }

  /** Binds a typed value whose column type is not known (AVRO without type lookup). */
  public static void bindRaw(PreparedStatement s, int i, Object v) throws SQLException {
    s.setObject(i, v);
  }
}
