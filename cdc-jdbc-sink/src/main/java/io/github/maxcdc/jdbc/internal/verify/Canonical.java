package io.github.maxcdc.jdbc.internal.verify;

import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The canonical rendering of a row that both servers compute, so that only checksums cross the
 * network: one SQL expression per column, chosen from the SOURCE column's type so that a target
 * with other but value-preserving types renders the same text (a DECIMAL(10,2) and a DECIMAL(65,30)
 * holding 120.50 both render {@code 120.500000000000000000000000000000}), joined with a separator
 * and followed by a NULL bitmap, which tells NULL from an empty string (as pt-table-checksum does).
 * Sessions run in UTC, so TIMESTAMPs render the same on both sides.
 */
public final class Canonical {
  private Canonical() {}

  /** The expression rendering {@code column} (a source column) of a row. */
  static String column(TargetColumn column, String name) {
    String c = MariaDbDialect.quote(name);
    String t = column.dataType();
    if (t.equals("decimal")) {
      return "CAST(" + c + " AS DECIMAL(65,30))";
    }
    if (t.equals("float")) {
      return "CAST(" + c + " AS FLOAT)";
    }
    if (t.equals("datetime") || t.equals("timestamp")) {
      return "DATE_FORMAT(" + c + ", '%Y-%m-%d %H:%i:%s.%f')";
    }
    if (t.equals("time")) {
      return "CAST(CAST(" + c + " AS TIME(6)) AS CHAR)";
    }
    if (column.isText() || column.isEnum() || column.isSet() || t.equals("json")) {
      return "CONVERT(" + c + " USING utf8mb4)";
    }
    if (t.endsWith("binary") || t.endsWith("blob") || t.equals("bit") || t.equals("geometry")) {
      return "HEX(" + c + ")";
    }
    return c; // integers, DOUBLE, DATE, YEAR: one text each
  }

  /** The rendering of a whole row: columns (source columns, with their names on this side). */
  static String row(List<TargetColumn> columns, List<String> names) {
    StringBuilder nulls = new StringBuilder("CONCAT(");
    StringBuilder out = new StringBuilder("CONCAT_WS('#'");
    for (int i = 0; i < columns.size(); i++) {
      out.append(", ").append(column(columns.get(i), names.get(i)));
      nulls
          .append(i == 0 ? "" : ", ")
          .append("ISNULL(")
          .append(MariaDbDialect.quote(names.get(i)))
          .append(')');
    }
    return out.append(", ").append(nulls).append("))").toString();
  }

  /**
   * The checksum of a chunk: {@code COUNT(*)}, and the sum and the XOR of the rows' CRC32s, each
   * row rendered once, in a derived table of {@code rows} ({@code SELECT CRC32(...) AS c ...}).
   */
  static String chunkChecksum(String rows) {
    return "SELECT COUNT(*), COALESCE(SUM(c), 0), COALESCE(BIT_XOR(c), 0) FROM (" + rows + ") AS x";
  }

  /** The key columns, quoted, comma-separated. */
  static String keyList(List<String> keys) {
    return keys.stream().map(MariaDbDialect::quote).collect(Collectors.joining(", "));
  }

  /** {@code (a > ?) OR (a = ? AND b > ?)}: after a key; binds 1 + 2 + ... values. */
  static String after(List<String> keys) {
    StringBuilder out = new StringBuilder("(");
    for (int k = 0; k < keys.size(); k++) {
      out.append(k == 0 ? "(" : " OR (");
      for (int j = 0; j < k; j++) {
        out.append(MariaDbDialect.quote(keys.get(j))).append(" = ? AND ");
      }
      out.append(MariaDbDialect.quote(keys.get(k))).append(" > ?)");
    }
    return out.append(')').toString();
  }

  /** {@code (a, b) = (?, ?)} as {@code a = ? AND b = ?}. */
  static String equal(List<String> keys) {
    return keys.stream()
        .map(k -> MariaDbDialect.quote(k) + " = ?")
        .collect(Collectors.joining(" AND ", "(", ")"));
  }
}
