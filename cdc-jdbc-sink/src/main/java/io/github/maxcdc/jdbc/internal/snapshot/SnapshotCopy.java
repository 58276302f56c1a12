package io.github.maxcdc.jdbc.internal.snapshot;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.SinkException;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.SnapshotListener;
import io.github.maxcdc.jdbc.SnapshotProgress;
import io.github.maxcdc.jdbc.internal.checkpoint.Checkpoint;
import io.github.maxcdc.jdbc.internal.checkpoint.CheckpointStore;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.plan.SinkOptions;
import io.github.maxcdc.jdbc.internal.source.SourceConnector;
import io.github.maxcdc.jdbc.internal.source.SourceGuard;
import io.github.maxcdc.jdbc.internal.source.SourceTable;
import io.github.maxcdc.jdbc.internal.sql.KeyCodec;
import io.github.maxcdc.jdbc.internal.sql.Retrying;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a snapshot: reads the source table in key order in a consistent snapshot and writes it
 * to the target in chunks, each committed with the {@link SnapshotState} saying how far the copy
 * got; the last one also writes the sink's checkpoint right after the first snapshot's GTID.
 *
 * <p>Why a resumed copy converges. The first run fixes G1, the GTID position of its snapshot, and
 * the stream will start right after G1. Say it committed the rows with keys up to K (as of G1)
 * before it died. The next run opens a new snapshot at G2 (G2 at or after G1) and copies the rows
 * with keys above K as of G2. Then the stream replays, in commit order, every change after G1.
 * MaxScale sends full row images ({@code binlog_row_image=FULL}) and the sink applies an insert or
 * update as an upsert of the whole after image and a delete as a delete by key, so replaying a
 * change on a row that already reflects it leaves the row as the change left it. For a row above K:
 * the changes in (G1, G2] end with the row in its G2 state (or absent), which is what the copy
 * wrote, and the changes after G2 then apply as on a plain copy. For a row up to K: the copy wrote
 * its G1 state and every change after G1 follows. A key-changing update crossing K is a delete of
 * the old key and an upsert of the new one, right on both sides. So once the stream has passed G2
 * the target equals the source, and it follows it from then on. ({@code SnapshotIT} kills copies
 * half way and checks the end state row by row.)
 *
 * <p>Not thread-safe.
 */
public final class SnapshotCopy {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopy.class);

  /** What a run did. */
  public record Outcome(
      String gtidPosition, long rowsCopied, long rowsThisRun, Checkpoint checkpoint) {}

  private final SourceConnector connector;
  private final String source; // described without secrets
  private final CheckpointStore store;
  private final SinkOptions options;
  private final Retrying committer;
  private final TableId stateTable;
  private final String streamId;
  private final int chunkRows;
  private final SnapshotListener listener;

  /** A copy of {@code options}' mapping, through {@code committer}, after the given state. */
  public SnapshotCopy(
      SourceConnector connector,
      String source,
      CheckpointStore store,
      SinkOptions options,
      Retrying committer,
      TableId stateTable,
      String streamId,
      int chunkRows,
      SnapshotListener listener) {
    this.connector = connector;
    this.source = source;
    this.store = store;
    this.options = options;
    this.committer = committer;
    this.stateTable = stateTable;
    this.streamId = streamId;
    this.chunkRows = chunkRows;
    this.listener = listener;
  }

  /**
   * Copies the rows after {@code previous}'s last key (all of them if null).
   *
   * @param started {@code System.nanoTime()} when the run began
   */
  public Outcome run(SnapshotState previous, long started) throws SinkException {
    try (Connection src = connector.open()) {
      SourceTable table =
          SourceTable.read(
              src,
              options.mapping().source(),
              "a snapshot reads its rows in key order, chunk by chunk, to resume a stopped copy"
                  + " where it stopped, and cannot copy a table without one; key columns"
                  + " (TableMapping.keyColumns(...), --key-columns) only say how the stream"
                  + " matches the target's rows. Add a primary key to the source table, or copy"
                  + " its rows by other means and replicate without a snapshot (--snapshot)");
      Layout layout = layout(table);
      SourceSnapshot snapshot = SourceSnapshot.open(src);
      String g1 = previous != null ? previous.gtidPosition() : snapshot.gtidPosition();
      Optional<Gtid> after = streamStart(src, g1);
      if (previous == null) {
        SnapshotState first = new SnapshotState(g1, null, 0, false);
        committer.withRetries(
            "starting the snapshot of " + table.id(),
            c -> {
              first.write(c, stateTable, streamId);
              return null;
            });
        LOG.info("snapshot of {} at GTID position '{}'", table.id(), g1);
      } else {
        LOG.info(
            "snapshot of {} resumes after {} rows, from a new snapshot at '{}'; the stream will"
                + " start after the first one, '{}'",
            table.id(),
            previous.rowsCopied(),
            snapshot.gtidPosition(),
            g1);
      }
      long estimate = snapshot.estimatedRows(table);
      long copied = previous != null ? previous.rowsCopied() : 0;
      String lastKey = previous != null ? previous.lastKey() : null;
      long thisRun = 0;
      try (PreparedStatement rows = snapshot.rows(table, lastKey);
          ResultSet rs = rows.executeQuery();
          ChunkReader reader = new ChunkReader(rs, chunkRows, layout::read)) {
        for (ChunkReader.Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
          copied += chunk.rows().size();
          thisRun += chunk.rows().size();
          lastKey = KeyCodec.encode(chunk.lastKey());
          commitChunk(layout, chunk.rows(), new SnapshotState(g1, lastKey, copied, false));
          listener.onProgress(
              new SnapshotProgress(
                  table.id(),
                  copied,
                  thisRun,
                  Math.max(estimate, copied),
                  Duration.ofNanos(System.nanoTime() - started)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SinkException("the snapshot of " + table.id() + " was interrupted", true, e);
      }
      snapshot.end();
      Checkpoint checkpoint = finish(g1, after, copied, lastKey);
      return new Outcome(g1, copied, thisRun, checkpoint);
    } catch (SQLException e) {
      if (e.getErrorCode() == 1227 || e.getErrorCode() == 1142 || e.getErrorCode() == 1143) {
        throw new SinkSchemaException(
            "the source user of "
                + source
                + " lacks a grant the copy needs (SELECT on "
                + options.mapping().source()
                + ", BINLOG MONITOR for the snapshot's binlog position): "
                + e.getMessage(),
            e);
      }
      throw SourceGuard.unreachable(source, e);
    }
  }

  private void commitChunk(Layout layout, List<Object[]> chunk, SnapshotState state)
      throws SinkException {
    committer.withRetries(
        "copying rows of " + options.mapping().source() + " into " + options.mapping().target(),
        c -> {
          layout.writer().write(c, chunk);
          state.write(c, stateTable, streamId);
          return null;
        });
  }

  private Checkpoint finish(String g1, Optional<Gtid> after, long copied, String lastKey)
      throws SinkException {
    // the stream starts right after the whole transaction G1: no event number is larger
    Checkpoint checkpoint =
        after
            .map(g -> new Checkpoint(new StreamPosition(g, Integer.MAX_VALUE), 0, Instant.now(), 0))
            .orElse(null);
    String key = lastKey;
    committer.withRetries(
        "finishing the snapshot of " + options.mapping().source(),
        c -> {
          new SnapshotState(g1, key, copied, true).write(c, stateTable, streamId);
          if (checkpoint != null) {
            store.write(c, checkpoint);
          }
          return null;
        });
    return checkpoint;
  }

  /**
   * The GTID the stream starts after: the entry of the source's own domain in a position of several
   * domains. Empty when nothing was binlogged yet (the stream starts at the beginning).
   */
  private static Optional<Gtid> streamStart(Connection src, String position) throws SQLException {
    if (position.isEmpty()) {
      return Optional.empty();
    }
    String[] entries = position.split(",");
    if (entries.length == 1) {
      return Optional.of(Gtid.parse(entries[0].trim()));
    }
    long domain;
    try (Statement s = src.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@gtid_domain_id")) {
      rs.next();
      domain = rs.getLong(1);
    }
    for (String entry : entries) {
      Gtid gtid = Gtid.parse(entry.trim());
      if (gtid.domain() == domain) {
        LOG.warn(
            "the snapshot's GTID position '{}' has several domains: the stream follows domain {},"
                + " the source's own",
            position,
            domain);
        return Optional.of(gtid);
      }
    }
    throw new IllegalStateException(
        "GTID position '" + position + "' has no entry of the source's domain " + domain);
  }

  /** Which source columns go to which target columns, and the writer of the target rows. */
  private Layout layout(SourceTable table) throws SinkException {
    List<Integer> copied = new ArrayList<>();
    List<String> targetNames = new ArrayList<>();
    List<TargetColumn> sourceColumns = table.columns();
    for (int i = 0; i < sourceColumns.size(); i++) {
      Optional<String> name = options.mapping().targetColumn(sourceColumns.get(i).name());
      if (name.isPresent()) {
        copied.add(i);
        targetNames.add(name.get());
      }
    }
    List<Integer> keyIndexes = new ArrayList<>();
    List<String> keyTargets = new ArrayList<>();
    for (TargetColumn k : table.key()) {
      keyIndexes.add(sourceColumns.indexOf(k));
      keyTargets.add(
          options
              .mapping()
              .targetColumn(k.name())
              .orElseThrow(
                  () ->
                      new SinkSchemaException(
                          "key column '"
                              + k.name()
                              + "' of "
                              + table.id()
                              + " is excluded by the mapping: a copy cannot match its rows",
                          null)));
    }
    TargetTable target = targetTable(table, copied, targetNames, keyTargets);
    List<String> lacking = targetNames.stream().filter(n -> target.column(n).isEmpty()).toList();
    if (!lacking.isEmpty()) {
      throw target.lacks(
          table.id(), lacking, "add them, or exclude them with TableMapping.exclude(...)");
    }
    String softDelete = null;
    Object notDeleted = null;
    if (options.deletes() instanceof DeleteMode.Flag flag) {
      softDelete = flag.column();
      notDeleted = 0;
    } else if (options.deletes() instanceof DeleteMode.Timestamp stamp) {
      softDelete = stamp.column();
    }
    List<String> keys =
        options.mapping().keyColumns().isEmpty() ? keyTargets : options.mapping().keyColumns();
    ChunkWriter writer =
        new ChunkWriter(
            target.id(), targetNames, keys, softDelete, notDeleted, options.rowsPerStatement() * 5);
    return new Layout(sourceColumns, copied, keyIndexes, writer);
  }

  private TargetTable targetTable(
      SourceTable table, List<Integer> copied, List<String> names, List<String> keys)
      throws SinkException {
    TableId id = options.mapping().target();
    TargetTable existing =
        committer.withRetries(
            "reading the description of " + id, c -> TargetTable.read(c, id).orElse(null));
    if (existing != null) {
      return existing;
    }
    if (!options.createTarget()) {
      throw new SinkSchemaException(
          "target table "
              + id
              + " does not exist: create it, or let the sink create it with"
              + " JdbcSink.Builder.createTarget(keyColumns...) (--create-target)",
          null);
    }
    // the source's exact column types: better than the wide ones a stream's schema allows
    List<String> types = copied.stream().map(i -> table.columns().get(i).columnType()).toList();
    List<String> createKeys =
        options.mapping().keyColumns().isEmpty() ? keys : options.mapping().keyColumns();
    String ddl = MariaDbDialect.createTable(id, names, types, createKeys);
    LOG.info("creating the target table from the source's columns: {}", ddl);
    return committer.withRetries(
        "creating " + id,
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(ddl);
          }
          return TargetTable.read(c, id).orElseThrow();
        });
  }

  /** Reads source rows into target rows and keys. */
  private record Layout(
      List<TargetColumn> columns, List<Integer> copied, List<Integer> key, ChunkWriter writer) {
    /** Adds the current row's copied values to {@code chunk}; returns its key. */
    List<Object> read(ResultSet rs, List<Object[]> chunk) throws SQLException {
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] =
            SourceSnapshot.isBinary(columns.get(i)) ? rs.getBytes(i + 1) : rs.getString(i + 1);
      }
      Object[] row = new Object[copied.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = values[copied.get(i)];
      }
      chunk.add(row);
      List<Object> keyValues = new ArrayList<>(key.size());
      for (int k : key) {
        keyValues.add(values[k]);
      }
      return keyValues;
    }
  }
}
