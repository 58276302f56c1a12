package io.github.maxcdc.bench.apply;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.Update;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ways of applying the same changes that the sink is measured against: the workshop's (one
 * autocommitted statement per change, no checkpoint) and the fastest bulk path (multi-row
 * statements in one transaction, no checkpoint).
 */
final class Baselines {
  /** Rows per multi-row statement: about 400 KB of SQL, well under the default packet limit. */
  static final int BULK_ROWS = 5000;

  private static final String COLUMNS = "(id, client, montant, statut, date_creation)";
  private static final String UPSERT_TAIL =
      " ON DUPLICATE KEY UPDATE client = VALUES(client), montant = VALUES(montant),"
          + " statut = VALUES(statut), date_creation = VALUES(date_creation)";

  private Baselines() {}

  /**
   * The workshop's {@code cdc_to_dw.py}: an upsert or a delete per change, each committed alone.
   */
  static void workshop(Connection c, String table, List<ChangeEvent> events) throws SQLException {
    c.setAutoCommit(true);
    try (PreparedStatement upsert =
            c.prepareStatement(
                "INSERT INTO " + table + " " + COLUMNS + " VALUES (?, ?, ?, ?, ?)" + UPSERT_TAIL);
        PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      for (ChangeEvent e : events) {
        if (e instanceof Delete d) {
          delete.setInt(1, (Integer) d.before().get(0));
          delete.executeUpdate();
        } else {
          bind(upsert, 1, e instanceof Update u ? u.after() : ((Insert) e).after());
          upsert.executeUpdate();
        }
      }
    }
  }

  /**
   * The bulk path: the final state of each key written with multi-row upserts and multi-row
   * deletes, all in one transaction. For an insert-only stream it is a plain multi-row INSERT.
   */
  static void bulk(Connection c, String table, List<ChangeEvent> events) throws SQLException {
    java.util.Map<Integer, Row> finalRows = new java.util.LinkedHashMap<>();
    boolean insertsOnly = true;
    for (ChangeEvent e : events) {
      if (e instanceof Insert i) {
        finalRows.put((Integer) i.after().get(0), i.after());
      } else if (e instanceof Update u) {
        finalRows.put((Integer) u.after().get(0), u.after());
        insertsOnly = false;
      } else {
        finalRows.put((Integer) ((Delete) e).before().get(0), null);
        insertsOnly = false;
      }
    }
    List<Row> upserts = new ArrayList<>();
    List<Integer> deletes = new ArrayList<>();
    finalRows.forEach(
        (id, row) -> {
          if (row == null) {
            deletes.add(id);
          } else {
            upserts.add(row);
          }
        });
    c.setAutoCommit(false);
    String head = "INSERT INTO " + table + " " + COLUMNS + " VALUES ";
    for (int from = 0; from < upserts.size(); from += BULK_ROWS) {
      List<Row> chunk = upserts.subList(from, Math.min(upserts.size(), from + BULK_ROWS));
      StringBuilder sql = new StringBuilder(head);
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ",(?, ?, ?, ?, ?)");
      }
      if (!insertsOnly) {
        sql.append(UPSERT_TAIL);
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < chunk.size(); i++) {
          bind(ps, 1 + 5 * i, chunk.get(i));
        }
        ps.executeUpdate();
      }
    }
    try (Statement s = c.createStatement()) {
      for (int from = 0; from < deletes.size(); from += BULK_ROWS) {
        List<Integer> chunk = deletes.subList(from, Math.min(deletes.size(), from + BULK_ROWS));
        StringBuilder sql = new StringBuilder("DELETE FROM " + table + " WHERE id IN (");
        for (int i = 0; i < chunk.size(); i++) {
          sql.append(i == 0 ? "" : ",").append(chunk.get(i).intValue());
        }
        s.executeUpdate(sql.append(')').toString());
      }
    }
    c.commit();
    c.setAutoCommit(true);
  }

  private static void bind(PreparedStatement ps, int at, Row row) throws SQLException {
    ps.setInt(at, (Integer) row.get(0));
    ps.setString(at + 1, (String) row.get(1));
    ps.setBigDecimal(at + 2, (java.math.BigDecimal) row.get(2));
    ps.setString(at + 3, (String) row.get(3));
    ps.setTimestamp(at + 4, Timestamp.from((java.time.Instant) row.get(4)));
  }
}
