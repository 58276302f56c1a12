package io.github.maxcdc.jdbc.internal.snapshot;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.sql.KeyCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * How far the snapshot of a stream got, in table {@code maxcdc_snapshot} of the target database:
 * one row per stream id, written in the same transaction as each chunk of copied rows, so that a
 * copy killed half way resumes at its last committed chunk.
 *
 * @param gtidPosition the GTID position of the first consistent snapshot (empty: nothing was
 *     binlogged yet)
 * @param lastKey the key of the last row copied, encoded by {@link KeyCodec}; null before the first
 *     chunk
 * @param rowsCopied rows copied so far, across resumptions
 * @param done whether the copy is complete
 */
public record SnapshotState(String gtidPosition, String lastKey, long rowsCopied, boolean done) {
  /** The state table's default name. */
  public static final String DEFAULT_TABLE = "maxcdc_snapshot";

  /** Creates the table if needed (DDL: commits). */
  public static void ensureTable(Connection c, TableId table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + MariaDbDialect.table(table)
              + " (`stream_id` VARCHAR(255) NOT NULL, `gtid_position` VARCHAR(1024) NOT NULL,"
              + " `last_key` MEDIUMTEXT NULL, `rows_copied` BIGINT NOT NULL,"
              + " `done` TINYINT NOT NULL,"
              + " `updated_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
              + " ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`stream_id`))"
              + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }
  }

  /** The state of {@code streamId}, if its snapshot has begun. */
  public static Optional<SnapshotState> read(Connection c, TableId table, String streamId)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT `gtid_position`, `last_key`, `rows_copied`, `done` FROM "
                + MariaDbDialect.table(table)
                + " WHERE `stream_id` = ?")) {
      s.setString(1, streamId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new SnapshotState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4) != 0));
      }
    }
  }

  /** Writes this state, inside the caller's transaction. */
  public void write(Connection c, TableId table, String streamId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            MariaDbDialect.upsert(
                table,
                List.of("stream_id", "gtid_position", "last_key", "rows_copied", "done"),
                List.of("stream_id")))) {
      s.setString(1, streamId);
      s.setString(2, gtidPosition);
      s.setString(3, lastKey);
      s.setLong(4, rowsCopied);
      s.setInt(5, done ? 1 : 0);
      s.executeUpdate();
    }
  }
}
