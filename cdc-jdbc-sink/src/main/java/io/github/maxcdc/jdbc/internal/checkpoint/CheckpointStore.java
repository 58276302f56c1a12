package io.github.maxcdc.jdbc.internal.checkpoint;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkpoint table in the target database: one row per stream, written in the same transaction
 * as the rows it covers, so that the target and its position never disagree. Stateless apart from
 * its settings; thread-safe.
 */
public final class CheckpointStore {
  private final TableId table;
  private final String streamId;

  /** A store for {@code streamId} in {@code table}. */
  public CheckpointStore(TableId table, String streamId) {
    this.table = table;
    this.streamId = streamId;
  }

  /** The checkpoint table. */
  public TableId table() {
    return table;
  }

  /** The stream's id. */
  public String streamId() {
    return streamId;
  }

  /** Creates the checkpoint table if needed (DDL: commits implicitly; call outside a batch). */
  public void ensureTable(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(MariaDbDialect.createCheckpointTable(table));
      s.execute(MariaDbDialect.addCheckpointSourceOffset(table));
    }
  }

  /** The stream's checkpoint, if it has one. */
  public Optional<Checkpoint> read(Connection connection) throws SQLException {
    return read(connection, MariaDbDialect.selectCheckpoint(table));
  }

  /**
   * The stream's checkpoint, its row locked until the caller's transaction ends: two sinks writing
   * one stream wait for each other here, and the second sees what the first committed.
   */
  public Optional<Checkpoint> readForUpdate(Connection connection) throws SQLException {
    return read(connection, MariaDbDialect.selectCheckpoint(table) + " FOR UPDATE");
  }

  private Optional<Checkpoint> read(Connection connection, String sql) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, streamId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Gtid gtid = Gtid.parse(rs.getString(1));
        return Optional.of(
            new Checkpoint(
                new StreamPosition(gtid, rs.getInt(2), rs.getString(6)),
                rs.getInt(3),
                Instant.ofEpochSecond(rs.getLong(4)),
                rs.getLong(5)));
      }
    }
  }

  /** Writes the checkpoint, inside the caller's transaction. */
  public void write(Connection connection, Checkpoint checkpoint) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(MariaDbDialect.upsertCheckpoint(table))) {
      s.setString(1, streamId);
      s.setString(2, checkpoint.position().gtid().toString());
      s.setInt(3, checkpoint.position().eventNumber());
      s.setInt(4, checkpoint.schemaVersion());
      s.setLong(5, checkpoint.sourceTimestamp().getEpochSecond());
      s.setLong(6, checkpoint.appliedEvents());
      s.setString(7, checkpoint.position().sourceOffset());
      s.executeUpdate();
    }
  }
}
