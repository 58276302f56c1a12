package io.github.maxcdc.examples.demo;

import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** Reads the demo's target table: waits for the replication, prints it, checks it. */
final class TargetView {
  private static final long TIMEOUT_NANOS = 60_000_000_000L;

  private final EmbeddedMariaDb target;
  private final PrintStream out;

  TargetView(EmbeddedMariaDb target, PrintStream out) {
    this.target = target;
    this.out = out;
  }

  List<Map<String, Object>> rows() throws SQLException {
    try (Connection c = target.connect("shop_dw");
        Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT id, client, montant, statut, date_creation FROM commandes_dw ORDER BY id")) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", rs.getInt(1));
          row.put("client", rs.getString(2));
          row.put("montant", rs.getBigDecimal(3));
          row.put("statut", rs.getString(4));
          row.put("date_creation", rs.getString(5));
          rows.add(row);
        }
        return rows;
      }
    }
  }

  void awaitRows(int count, JdbcSink sink) throws Exception {
    await(rows -> rows.size() == count, "a target of " + count + " rows", sink);
  }

  void awaitStatus(String client, String status, JdbcSink sink) throws Exception {
    await(
        rows ->
            rows.stream()
                .anyMatch(r -> client.equals(r.get("client")) && status.equals(r.get("statut"))),
        client + " " + status,
        sink);
  }

  void awaitApplied(long changes, JdbcSink sink) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (sink.metrics().events() < changes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the replication did not apply " + changes + " changes in time: " + sink.metrics());
      }
      Thread.sleep(20);
    }
  }

  private void await(Predicate<List<Map<String, Object>>> condition, String what, JdbcSink sink)
      throws Exception {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (!condition.test(rows())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the target did not reach " + what + " in time: " + sink.metrics());
      }
      Thread.sleep(20);
    }
  }

  void print(String when) throws SQLException {
    List<Map<String, Object>> rows = rows();
    out.println(
        "   shop_dw.commandes_dw "
            + when
            + ": "
            + rows.size()
            + " row"
            + (rows.size() == 1 ? "" : "s"));
    out.println("   +----+----------------------+-----------+----------+---------------------+");
    out.println("   | id | client               | montant   | statut   | date_creation       |");
    out.println("   +----+----------------------+-----------+----------+---------------------+");
    for (Map<String, Object> r : rows) {
      out.printf(
          "   | %2s | %-20s | %9s | %-8s | %-19s |%n",
          r.get("id"), r.get("client"), r.get("montant"), r.get("statut"), r.get("date_creation"));
    }
    out.println("   +----+----------------------+-----------+----------+---------------------+");
    out.flush();
  }

  boolean equalsExpected(Map<Integer, Map<String, Object>> expected) throws SQLException {
    List<Map<String, Object>> rows = rows();
    if (rows.size() != expected.size()) {
      return false;
    }
    for (Map<String, Object> row : rows) {
      Map<String, Object> want = expected.get((Integer) row.get("id"));
      if (want == null
          || !Objects.equals(want.get("client"), row.get("client"))
          || ((BigDecimal) want.get("montant")).compareTo((BigDecimal) row.get("montant")) != 0
          || !Objects.equals(want.get("statut"), row.get("statut"))) {
        return false;
      }
    }
    return true;
  }
}
