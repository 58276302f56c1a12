package io.github.maxcdc.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads the rows of a table of a {@link TestDatabase}, for assertions: what a pipeline wrote,
 * compared with what it should have written.
 *
 * <pre>{@code
 * List<Map<String, Object>> rows = Rows.await(db, "shop_dw.orders", "id", r -> r.size() == 3);
 * assertEquals("PAID", rows.get(0).get("status"));
 * assertEquals(Rows.of(db, "shop.orders", "id"), Rows.of(db, "shop_dw.orders", "id"));
 * }</pre>
 *
 * <p>A row is a map from column label to value, in the order of the select list, the values as the
 * JDBC driver returns them ({@code Integer}, {@code BigDecimal}, {@code String}, {@code
 * java.sql.Timestamp}, ...), except binary values ({@code byte[]}), which become their {@link
 * Arrays#toString(byte[])} text so that two rows compare with {@code equals}. The session's time
 * zone is {@code +00:00}: a {@code TIMESTAMP} reads the same whatever the server's zone. {@code
 * table}, {@code orderBy} and the columns are SQL text, inserted as given: never pass them values
 * from outside the test. Stateless and thread-safe.
 */
public final class Rows {
  /** How long {@link #await(TestDatabase, String, String, Predicate)} waits: 20 seconds. */
  public static final Duration DEFAULT_AWAIT_TIMEOUT = Duration.ofSeconds(20);

  /** How many rows an await failure shows. */
  static final int ROWS_SHOWN = 20;

  private static final long POLL_MILLIS = 20;

  private Rows() {}

  /**
   * Every row of {@code table} in the order of {@code orderBy}: {@code SELECT columns FROM table
   * ORDER BY orderBy}, all columns if none is named.
   *
   * @param table the table, e.g. {@code shop_dw.orders}
   * @param orderBy an ORDER BY list that gives the rows a definite order, e.g. {@code id}
   * @param columns select expressions, e.g. {@code id}, {@code CAST(t AS CHAR) AS t}
   */
  public static List<Map<String, Object>> of(
      TestDatabase db, String table, String orderBy, String... columns) throws SQLException {
    Objects.requireNonNull(db, "db");
    String sql = select(table, orderBy, columns);
    try (Connection c = db.connect("");
        Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      try (ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), comparable(rs.getObject(i)));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  /** The number of rows of {@code table}. */
  public static long count(TestDatabase db, String table) throws SQLException {
    Objects.requireNonNull(db, "db");
    requireText(table, "table");
    try (Connection c = db.connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Reads the rows of {@code table} again and again until {@code condition} holds for them, for at
   * most {@link #DEFAULT_AWAIT_TIMEOUT}; returns them.
   *
   * @throws AssertionError if the condition did not hold in time, with the last rows read
   * @throws SQLException if the table cannot be read (it is not waited for)
   */
  public static List<Map<String, Object>> await(
      TestDatabase db, String table, String orderBy, Predicate<List<Map<String, Object>>> condition)
      throws SQLException, InterruptedException {
    return await(db, table, orderBy, DEFAULT_AWAIT_TIMEOUT, condition);
  }

  /**
   * Reads the rows of {@code table} again and again until {@code condition} holds for them, for at
   * most {@code timeout}; returns them.
   *
   * @throws AssertionError if the condition did not hold in time, with the last rows read
   * @throws SQLException if the table cannot be read (it is not waited for)
   */
  public static List<Map<String, Object>> await(
      TestDatabase db,
      String table,
      String orderBy,
      Duration timeout,
      Predicate<List<Map<String, Object>>> condition)
      throws SQLException, InterruptedException {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Map<String, Object>> rows = of(db, table, orderBy);
    while (!condition.test(rows)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            String.format(
                Locale.ROOT,
                "the rows of %s did not meet the condition within %d ms; %s",
                table,
                timeout.toMillis(),
                describe(rows)));
      }
      Thread.sleep(POLL_MILLIS); // polling a condition, with a deadline
      rows = of(db, table, orderBy);
    }
    return rows;
  }

  /** The query of {@link #of}. */
  static String select(String table, String orderBy, String... columns) {
    requireText(table, "table");
    requireText(orderBy, "orderBy");
    for (String column : columns) {
      requireText(column, "each column");
    }
    String list = columns.length == 0 ? "*" : String.join(", ", columns);
    return "SELECT " + list + " FROM " + table + " ORDER BY " + orderBy;
  }

  /** A value as {@link #of} returns it: binary values as text, so that rows compare. */
  static Object comparable(Object value) {
    return value instanceof byte[] bytes ? Arrays.toString(bytes) : value;
  }

  /** The last rows of an await, for its failure: the first {@link #ROWS_SHOWN}, then a count. */
  static String describe(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return "the table is empty";
    }
    StringBuilder text =
        new StringBuilder(
            rows.size() == 1 ? "1 row:" : String.format(Locale.ROOT, "%d rows:", rows.size()));
    rows.stream().limit(ROWS_SHOWN).forEach(row -> text.append("\n  ").append(row));
    if (rows.size() > ROWS_SHOWN) {
      text.append(String.format(Locale.ROOT, "\n  ... and %d more", rows.size() - ROWS_SHOWN));
    }
    return text.toString();
  }

  private static void requireText(String sql, String what) {
    Objects.requireNonNull(sql, what);
    if (sql.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
