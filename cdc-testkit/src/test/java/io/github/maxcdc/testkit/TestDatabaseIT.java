package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TestDatabase} and {@link Rows} on the JVM's shared database: the embedded MariaDB, or the
 * server of {@code MAXCDC_TEST_JDBC_URL}.
 */
class TestDatabaseIT {
  static final String DB = "tk_rows";
  final TestDatabase db = TestDatabase.shared();

  @BeforeEach
  void aTable() throws SQLException {
    db.recreateDatabase(DB);
    db.execute(
        "CREATE TABLE "
            + DB
            + ".t (id INT PRIMARY KEY, amount DECIMAL(6,2), b VARBINARY(4),"
            + " at TIMESTAMP NULL)",
        "SET time_zone = '+00:00'",
        "INSERT INTO "
            + DB
            + ".t VALUES (2, 2.50, x'01ff', '2026-01-02 03:04:05'),"
            + " (1, NULL, NULL, NULL)");
  }

  @Test
  void theSharedDatabaseIsOneAndClosingItLeavesItRunning() throws SQLException {
    assertSame(db, TestDatabase.shared());
    db.close();
    assertEquals(2, Rows.count(db, DB + ".t"));
  }

  @Test
  void aUrlLeadsIntoItsDatabaseWhoseNameMayHoldABacktick() throws SQLException {
    db.recreateDatabase("tk_odd`name");
    db.recreateDatabase("tk_odd`name"); // drops it first
    try (Connection c = db.connect("tk_odd`name");
        ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE()")) {
      rs.next();
      assertEquals("tk_odd`name", rs.getString(1));
    } finally {
      db.execute("DROP DATABASE `tk_odd``name`");
    }
  }

  @Test
  void rowsComeInOrderByLabelWithBinaryAsTextAndTimestampsAsWritten() throws SQLException {
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("id", 2);
    second.put("amount", new BigDecimal("2.50"));
    second.put("b", "[1, -1]");
    second.put("at", Timestamp.valueOf("2026-01-02 03:04:05")); // as written, whatever the zones
    List<Map<String, Object>> rows = Rows.of(db, DB + ".t", "id");
    assertEquals(2, rows.size());
    assertEquals(1, rows.get(0).get("id"));
    assertTrue(rows.get(0).containsKey("amount") && rows.get(0).get("amount") == null);
    assertEquals(second, rows.get(1));
    assertEquals(
        List.of(Map.of("n", 2L, "id", 2), Map.of("n", 1L, "id", 1)),
        Rows.of(db, DB + ".t", "id DESC", "id * 1 AS n", "id"));
    assertEquals(
        List.of("n", "id"),
        List.copyOf(Rows.of(db, DB + ".t", "id", "id + 0 AS n", "id").get(0).keySet()));
  }

  @Test
  void awaitReadsUntilTheConditionHolds() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    List<Map<String, Object>> rows =
        Rows.await(
            db,
            DB + ".t",
            "id",
            r -> {
              if (reads.incrementAndGet() == 2) {
                insert(3);
              }
              return r.size() == 3;
            });
    assertEquals(3, rows.size());
    assertEquals(3, reads.get(), "the row inserted after the second read is seen by the third");
  }

  @Test
  void awaitFailsAfterItsTimeoutShowingTheLastRows() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Rows.await(db, DB + ".t", "id", Duration.ofMillis(200), r -> r.size() > 2));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the rows of tk_rows.t did not meet the condition within 200 ms; 2 rows:\n  {id=1,"),
        e.getMessage());
  }

  @Test
  void aTableThatCannotBeReadIsAnSqlErrorNotAWait() {
    assertThrows(SQLException.class, () -> Rows.count(db, DB + ".missing"));
    assertThrows(SQLException.class, () -> Rows.await(db, DB + ".missing", "id", r -> true));
  }

  private void insert(int id) {
    try {
      db.execute("INSERT INTO " + DB + ".t (id) VALUES (" + id + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
