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

  /**
   * The bulk path of a history table: the inserts' rows with their four history columns, {@value
   * #BULK_ROWS} rows per statement, in one transaction. What the server's work on the wider, twice
   * indexed rows costs, without the sink.
   */
  static void bulkHistory(Connection c, String table, List<ChangeEvent> events)
      throws SQLException {
    c.setAutoCommit(false);
    String head =
        "INSERT INTO "
            + table
            + " (id, client, montant, statut, date_creation, _op, _gtid, _event_number,"
            + " _commit_time) VALUES ";
    for (int from = 0; from < events.size(); from += BULK_ROWS) {
      List<ChangeEvent> chunk = events.subList(from, Math.min(events.size(), from + BULK_ROWS));
      StringBuilder sql = new StringBuilder(head);
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < chunk.size(); i++) {
          ChangeEvent e = chunk.get(i);
          int p = 1 + 9 * i;
          bind(ps, p, e.after());
          ps.setString(p + 5, e.type().jsonName());
          ps.setString(p + 6, e.gtid().toString());
          ps.setInt(p + 7, e.eventNumber());
          ps.setObject(
              p + 8, java.time.LocalDateTime.ofInstant(e.timestamp(), java.time.ZoneOffset.UTC));
        }
        ps.executeUpdate();
      }
    }
    c.commit();
    c.setAutoCommit(true);
  }

  /** The checkpoint table of {@link #loadData} in transactions, created by it. */
  static final String LOAD_CHECKPOINT = "load_checkpoint";

  /**
   * {@code LOAD DATA LOCAL INFILE} of the inserts' rows, streamed from memory as tab-separated text
   * (the connection must allow local infile): all in one statement and one transaction when {@code
   * rowsPerTransaction} is 0, else in transactions of that many rows, each also upserting a
   * checkpoint row as the sink does. With {@code staged}, each transaction loads into a temporary
   * table and upserts from it ({@code INSERT ... SELECT ... ON DUPLICATE KEY UPDATE}), which keeps
   * the sink's upsert semantics (LOAD DATA itself only has REPLACE, a delete then an insert, and
   * IGNORE). The text is built inside the timed call, as a loader would.
   */
  static void loadData(
      Connection c, String table, List<ChangeEvent> events, int rowsPerTransaction, boolean staged)
      throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // TIMESTAMP values are written as UTC date-times, as the sink does
      s.execute("SET time_zone = '+00:00'");
      if (rowsPerTransaction > 0) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + LOAD_CHECKPOINT
                + " (stream_id VARCHAR(64) PRIMARY KEY, position BIGINT NOT NULL)");
      }
      if (staged) {
        s.execute("CREATE TEMPORARY TABLE load_stage LIKE " + table);
      }
    }
    int step = rowsPerTransaction > 0 ? rowsPerTransaction : events.size();
    String load =
        "LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE "
            + (staged ? "load_stage" : table)
            + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
            + " LINES TERMINATED BY '\\n' "
            + COLUMNS;
    try (Statement s = c.createStatement();
        PreparedStatement checkpoint =
            c.prepareStatement(
                "INSERT INTO "
                    + LOAD_CHECKPOINT
                    + " (stream_id, position) VALUES ('load', ?)"
                    + " ON DUPLICATE KEY UPDATE position = VALUES(position)")) {
      org.mariadb.jdbc.Statement mariadb = s.unwrap(org.mariadb.jdbc.Statement.class);
      for (int from = 0; from < events.size(); from += step) {
        List<ChangeEvent> chunk = events.subList(from, Math.min(events.size(), from + step));
        mariadb.setLocalInfileInputStream(new java.io.ByteArrayInputStream(tsv(chunk)));
        int loaded = s.executeUpdate(load);
        if (loaded != chunk.size()) {
          throw new IllegalStateException(
              "LOAD DATA loaded " + loaded + " rows of " + chunk.size());
        }
        if (staged) {
          s.executeUpdate("INSERT INTO " + table + " SELECT * FROM load_stage" + UPSERT_TAIL);
          s.executeUpdate("DELETE FROM load_stage");
        }
        if (rowsPerTransaction > 0) {
          checkpoint.setLong(1, from + chunk.size());
          checkpoint.executeUpdate();
        }
        c.commit();
      }
    }
    c.setAutoCommit(true);
  }

  // One line per row, fields escaped for LOAD DATA's defaults (\N is NULL).
  private static byte[] tsv(List<ChangeEvent> inserts) {
    java.time.format.DateTimeFormatter format =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(inserts.size() * 64);
    for (ChangeEvent e : inserts) {
      Row row = ((Insert) e).after();
      out.append(((Integer) row.get(0)).intValue()).append('\t');
      field(out, (String) row.get(1)).append('\t');
      java.math.BigDecimal amount = (java.math.BigDecimal) row.get(2);
      out.append(amount == null ? "\\N" : amount.toPlainString()).append('\t');
      field(out, (String) row.get(3)).append('\t');
      java.time.Instant at = (java.time.Instant) row.get(4);
      out.append(at == null ? "\\N" : format.format(at)).append('\n');
    }
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\\' -> out.append("\\\\");
        case '\0' -> out.append("\\0");
        default -> out.append(ch);
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, int at, Row row) throws SQLException {
    ps.setInt(at, (Integer) row.get(0));
    ps.setString(at + 1, (String) row.get(1));
    ps.setBigDecimal(at + 2, (java.math.BigDecimal) row.get(2));
    ps.setString(at + 3, (String) row.get(3));
    ps.setTimestamp(at + 4, Timestamp.from((java.time.Instant) row.get(4)));
  }
}
