package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.jdbc.TableMapping;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL type of a target column the sink creates. MaxScale sends no lengths, precisions or ENUM
 * labels, so unless the mapping names a type or the source's declared type is known (a source
 * connection), the sink picks one wide enough for any value of the source type: a value that still
 * does not fit is refused by the target, loudly.
 */
public final class ColumnTypes {
  private ColumnTypes() {}

  /**
   * The SQL type for {@code column}: the mapping's, else the type the source declares (known with a
   * source connection), else one wide enough for any value of the source type.
   */
  public static String sqlType(Column column, TableMapping mapping) {
    return mapping
        .columnType(column.name())
        .orElseGet(
            () ->
                column.declaredType() != null
                    ? column.declaredType()
                    : defaultType(column, mapping));
  }

  private static String defaultType(Column column, TableMapping mapping) {
    String unsigned = column.unsigned() ? " UNSIGNED" : "";
    switch (column.type()) {
      case TINYINT:
      case SMALLINT:
      case MEDIUMINT:
      case INT:
      case BIGINT:
        return column.type().name() + unsigned;
      case BOOLEAN:
        return "TINYINT(1)";
      case DECIMAL:
        return "DECIMAL(65,15)";
      case FLOAT:
      case DOUBLE:
      case DATE:
      case YEAR:
      case TINYTEXT:
      case TEXT:
      case MEDIUMTEXT:
      case LONGTEXT:
      case TINYBLOB:
      case BLOB:
      case MEDIUMBLOB:
      case LONGBLOB:
        return column.type().name();
      case CHAR:
      case VARCHAR:
        return "VARCHAR(255)";
      case BINARY:
      case VARBINARY:
        return "VARBINARY(255)";
      case TIME:
        return "TIME(6)";
      case DATETIME:
        return "DATETIME(6)";
      case TIMESTAMP:
        return "TIMESTAMP(6)";
      case ENUM:
        return mapping
            .labels(column.name())
            .map(l -> "ENUM(" + quoted(l) + ")")
            .orElse("SMALLINT UNSIGNED");
      case SET:
        return mapping
            .labels(column.name())
            .map(l -> "SET(" + quoted(l) + ")")
            .orElse("BIGINT UNSIGNED");
      case BIT:
        return "BIT(64)";
      case JSON:
        return "LONGTEXT";
      case UUID:
      case INET4:
      case INET6:
        return column.type().name(); // MariaDB 10.7+, 10.10+, 10.5+ on the target too
      default:
        return "LONGBLOB";
    }
  }

  private static String quoted(List<String> labels) {
    return labels.stream()
        .map(l -> "'" + l.replace("'", "''").replace("\\", "\\\\") + "'")
        .collect(Collectors.joining(","));
  }
}
