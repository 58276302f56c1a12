package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import io.github.maxcdc.jdbc.internal.sql.KeyCodec;
import io.github.maxcdc.jdbc.internal.sql.Retrying;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the columns a schema change added, for the rows already in the target: MaxScale never sends
 * those rows again, though the source now holds values for them (a default, a generated value). The
 * target's keys are walked in order, in chunks; each chunk's values are read from the source by key
 * and written with the chunk's progress in table {@code maxcdc_backfill} (one row per stream: the
 * columns, the last key done), in one target transaction. A fill stopped half way resumes at its
 * last chunk, and one without a source connection waits for a run that has one.
 *
 * <p>It converges with the stream the way the snapshot does: a value read now may be newer than the
 * stream's position, and the rows of the new version carry the new columns in full images, so every
 * later change of a row overwrites what was filled. A key the source no longer has is left alone:
 * its delete is on its way. Used by the sink's reader thread only.
 */
public final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  /** Rows of one chunk. */
  static final int CHUNK_ROWS = 500;

  /** The state table's name. */
  public static final String TABLE = "maxcdc_backfill";

  private final Retrying committer;
  private final TableId state;
  private final String streamId;

  /**
   * A backfill of one stream.
   *
   * @param database the target database, which holds the state table
   */
  public Backfill(Retrying committer, String database, String streamId) {
    this.committer = committer;
    this.state = new TableId(database, TABLE);
    this.streamId = streamId;
  }

  /** Records that {@code columns} of the target rows present now must be filled. */
  public void require(List<String> columns) throws SinkException {
    committer.withRetries(
        "recording the columns to fill in " + state,
        c -> {
          ensureTable(c);
          Set<String> all = new LinkedHashSet<>(pending(c).map(p -> p.columns).orElse(List.of()));
          all.addAll(columns);
          try (PreparedStatement s =
              c.prepareStatement(
                  MariaDbDialect.upsert(
                      state, List.of("stream_id", "columns", "last_key"), List.of("stream_id")))) {
            s.setString(1, streamId);
            s.setString(2, String.join(",", all));
            s.setString(3, null);
            s.executeUpdate();
          }
          return null;
        });
  }

  /** The columns waiting to be filled, if any. */
  public Optional<List<String>> pending() throws SinkException {
    return committer.withRetries("reading " + state, c -> pending(c).map(p -> p.columns));
  }

  /**
   * Fills the pending columns of {@code target} from {@code source}'s table, matching rows on
   * {@code key} (target column names, the same in the source), chunk by chunk; clears the state at
   * the end. Source and target name the filled columns alike.
   *
   * @return the rows filled
   */
  public long run(SourceConnector source, TableId sourceTable, TableId target, List<String> key)
      throws SinkException {
    long filled = 0;
    while (true) {
      Chunk chunk =
          committer.withRetries(
              "filling new columns of " + target,
              c -> fillChunk(c, source, sourceTable, target, key));
      if (chunk == null) {
        LOG.info("{}: new columns filled from the source in {} rows", target, filled);
        return filled;
      }
      filled += chunk.filled;
    }
  }

  private record Pending(List<String> columns, String lastKey) {}

  private record Chunk(int filled) {}

  private Optional<Pending> pending(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      s.setString(1, state.database());
      s.setString(2, state.table());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty(); // no fill was ever needed
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT `columns`, `last_key` FROM "
                + MariaDbDialect.table(state)
                + " WHERE `stream_id` = ?")) {
      s.setString(1, streamId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Pending(Arrays.asList(rs.getString(1).split(",", -1)), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  // One chunk in the caller's target transaction; null when nothing was left (state cleared).
  private Chunk fillChunk(
      Connection c, SourceConnector source, TableId sourceTable, TableId target, List<String> key)
      throws SQLException {
    Optional<Pending> pending = pending(c);
    if (pending.isEmpty()) {
      return null;
    }
    List<String> columns = pending.get().columns;
    List<List<Object>> keys = nextKeys(c, target, key, pending.get().lastKey);
    if (keys.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM " + MariaDbDialect.table(state) + " WHERE `stream_id` = ?")) {
        s.setString(1, streamId);
        s.executeUpdate();
      }
      return null;
    }
    List<List<Object>> values = sourceValues(source, sourceTable, key, columns, keys);
    String update =
        "UPDATE "
            + MariaDbDialect.table(target)
            + " SET "
            + columns.stream()
                .map(n -> MariaDbDialect.quote(n) + " = ?")
                .collect(Collectors.joining(", "))
            + " WHERE "
            + key.stream()
                .map(n -> MariaDbDialect.quote(n) + " = ?")
                .collect(Collectors.joining(" AND "));
    try (PreparedStatement s = c.prepareStatement(update)) {
      for (List<Object> row : values) {
        for (int i = 0; i < row.size(); i++) {
          s.setObject(i + 1, row.get(i));
        }
        s.addBatch();
      }
      if (!values.isEmpty()) {
        s.executeBatch();
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE "
                + MariaDbDialect.table(state)
                + " SET `last_key` = ? WHERE `stream_id` = ?")) {
      s.setString(1, KeyCodec.encode(keys.get(keys.size() - 1)));
      s.setString(2, streamId);
      s.executeUpdate();
    }
    return new Chunk(values.size());
  }

  // The next keys of the target after lastKey, in key order, as the target's text or bytes
  private static List<List<Object>> nextKeys(
      Connection c, TableId target, List<String> key, String lastKey) throws SQLException {
    String columns = key.stream().map(MariaDbDialect::quote).collect(Collectors.joining(", "));
    String sql =
        "SELECT "
            + columns
            + " FROM "
            + MariaDbDialect.table(target)
            + (lastKey == null
                ? ""
                : " WHERE (" + columns + ") > (" + placeholders(key.size()) + ")")
            + " ORDER BY "
            + columns
            + " LIMIT "
            + CHUNK_ROWS;
    List<List<Object>> keys = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (lastKey != null) {
        bind(s, 1, KeyCodec.decode(lastKey));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(row(rs, key.size()));
        }
      }
    }
    return keys;
  }

  // The filled columns then the key of each key the source still has
  private static List<List<Object>> sourceValues(
      SourceConnector source,
      TableId table,
      List<String> key,
      List<String> columns,
      List<List<Object>> keys)
      throws SQLException {
    String keyColumns = key.stream().map(MariaDbDialect::quote).collect(Collectors.joining(", "));
    String tuple = "(" + placeholders(key.size()) + ")";
    String sql =
        "SELECT "
            + columns.stream().map(MariaDbDialect::quote).collect(Collectors.joining(", "))
            + ", "
            + keyColumns
            + " FROM "
            + MariaDbDialect.table(table)
            + " WHERE ("
            + keyColumns
            + ") IN ("
            + String.join(", ", java.util.Collections.nCopies(keys.size(), tuple))
            + ")";
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = source.open();
        PreparedStatement s = c.prepareStatement(sql)) {
      int p = 1;
      for (List<Object> k : keys) {
        p = bind(s, p, k);
      }
      try (ResultSet rs = s.executeQuery()) {
        int width = columns.size() + key.size();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(width);
          for (int i = 1; i <= width; i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static List<Object> row(ResultSet rs, int width) throws SQLException {
    List<Object> values = new ArrayList<>(width);
    for (int i = 1; i <= width; i++) {
      Object v = rs.getObject(i);
      values.add(v == null ? null : v instanceof byte[] b ? b : rs.getString(i));
    }
    return values;
  }

  private static int bind(PreparedStatement s, int p, List<Object> values) throws SQLException {
    for (Object v : values) {
      if (v instanceof byte[] b) {
        s.setBytes(p++, b);
      } else {
        s.setString(p++, (String) v);
      }
    }
    return p;
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private void ensureTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + MariaDbDialect.table(state)
              + " (`stream_id` VARCHAR(255) NOT NULL, `columns` TEXT NOT NULL,"
              + " `last_key` MEDIUMTEXT NULL,"
              + " `updated_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
              + " ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`stream_id`))"
              + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }
  }
}
