package io.github.maxcdc.jdbc.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads tables for assertions. */
public final class Rows {
  private Rows() {}

  /** Every row of {@code table} ({@code db.t}) ordered by {@code orderBy}, columns by name. */
  public static List<Map<String, Object>> of(
      TargetDb db, String table, String orderBy, String... columns) throws SQLException {
    String select = columns.length == 0 ? "*" : String.join(", ", columns);
    try (Connection c = db.connect("");
        Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      try (ResultSet rs =
          s.executeQuery("SELECT " + select + " FROM " + table + " ORDER BY " + orderBy)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(meta.getColumnLabel(i), value instanceof byte[] b ? Arrays.toString(b) : value);
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  /** Count of rows of {@code table}, or -1 if it cannot be read. */
  public static long count(TargetDb db, String table) {
    try (Connection c = db.connect("");
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Waits (with a deadline) until {@code condition} holds for the rows of {@code table}. */
  public static List<Map<String, Object>> await(
      TargetDb db, String table, String orderBy, Predicate<List<Map<String, Object>>> condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<Map<String, Object>> rows = of(db, table, orderBy);
    while (!condition.test(rows)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s; rows: " + rows);
      }
      Thread.sleep(20);
      rows = of(db, table, orderBy);
    }
    return rows;
  }
}
