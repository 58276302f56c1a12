package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.checkpoint.Checkpoint;
import io.github.maxcdc.jdbc.internal.exec.Committer;
import io.github.maxcdc.jdbc.internal.snapshot.SnapshotCopy;
import io.github.maxcdc.jdbc.internal.snapshot.SnapshotState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the rows a table already has into the target, so that the stream that follows only has to
 * bring the changes made since: the initial copy of a table older than MaxScale's files.
 *
 * <pre>{@code
 * try (JdbcSink sink = JdbcSink.builder()
 *         .jdbcUrl("jdbc:mariadb://dw-host:3306/shop_dw", "etl_user", dwPassword)
 *         .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
 *         .source(SourceDatabase.jdbcUrl("jdbc:mariadb://oltp-host:3306/shop_tx", "reader", pw))
 *         .build()) {
 *     Snapshot.builder(sink).build().run();          // copies, or resumes, or does nothing
 *     CdcClient client = sink.attach(CdcClient.builder()
 *         .address("maxscale-host", 4001).credentials("cdcuser", cdcPassword)).build();
 *     client.start();                                 // from right after the copy
 * }
 * }</pre>
 *
 * <p>How: on the source, {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} and the GTID position
 * that snapshot corresponds to ({@code binlog_snapshot_file} and {@code binlog_snapshot_position},
 * through {@code BINLOG_GTID_POS}); the table's rows in key order through one streaming query in
 * that transaction; on the target, multi-row upserts committed in chunks, each with a row of {@code
 * maxcdc_snapshot} saying how far the copy got. The last chunk also writes the sink's checkpoint
 * right after the snapshot's GTID, so {@link JdbcSink#attach} starts the stream with the first
 * change the copy does not hold: none is missed, none committed before the snapshot is applied
 * again.
 *
 * <p>A copy stopped half way (a crash, a kill) resumes at its last committed chunk from a newer
 * snapshot, and the stream still starts after the first snapshot's GTID; {@link SnapshotCopy}
 * explains why the target then converges to the source exactly. When the copy is done, or the
 * stream already has a checkpoint (the table is replicated already), {@link #run()} copies nothing.
 *
 * <p>The source table needs a primary key or a unique key on NOT NULL columns (a table without one
 * is refused, key columns of the mapping or not: its rows cannot be read in chunks that a stopped
 * copy resumes, and replaying the changes made during a copy is not idempotent for rows matched on
 * their image); its user needs {@code SELECT} on it (and, on MariaDB 10.5 and later, {@code BINLOG
 * MONITOR} to read the binlog position). Not thread-safe: run it before attaching the sink to a
 * client.
 */
public final class Snapshot {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);

  /** Default rows per target transaction: 10,000. */
  public static final int DEFAULT_CHUNK_ROWS = 10_000;

  private final JdbcSink sink;
  private final int chunkRows;
  private final SnapshotListener listener;

  private Snapshot(JdbcSink sink, int chunkRows, SnapshotListener listener) {
    this.sink = sink;
    this.chunkRows = chunkRows;
    this.listener = listener;
  }

  /**
   * A builder of the snapshot of {@code sink}'s table, which must have a {@link
   * JdbcSink.Builder#source source}.
   *
   * @throws IllegalArgumentException if the sink writes a history or SCD2 table ({@link
   *     TargetMode}): the copy is for mirrors only
   */
  public static Builder builder(JdbcSink sink) {
    Objects.requireNonNull(sink, "sink");
    TargetMode mode = sink.config().options().mode();
    if (mode != TargetMode.MIRROR) {
      // the copy upserts the rows as they are at its snapshot, and the changes committed during
      // it are replayed over them: right for a mirror, where replaying is idempotent; a history
      // or SCD2 table would gain changes and versions from before the snapshot's position
      throw new IllegalArgumentException(
          "a snapshot (initial copy) is not supported with target mode "
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + ": the copy replays the changes made while it runs, which a mirror absorbs but a"
              + " history or SCD2 table would record twice; start the stream from the beginning"
              + " of the binlog, or copy with a mirror sink into another table");
    }
    return new Builder(sink);
  }

  /**
   * Copies the table's rows (or the rest of them), or nothing if the copy is done or the stream
   * already has a checkpoint.
   *
   * @throws SinkSchemaException if the source table does not exist, has no key, the source writes
   *     no binary log, or the target lacks the table or columns
   * @throws SinkException if the source or the target fails (what was committed stays)
   */
  public SnapshotResult run() throws SinkException {
    long started = System.nanoTime();
    JdbcSinkConfig config = sink.config();
    Checkpoint existing = sink.checkpointForSnapshot();
    Committer committer = sink.committer();
    TableId source = config.options().mapping().source();
    TableId stateTable =
        new TableId(config.options().mapping().target().database(), SnapshotState.DEFAULT_TABLE);
    Optional<SnapshotState> state =
        committer.withRetries(
            "reading the snapshot state in " + stateTable,
            c -> {
              SnapshotState.ensureTable(c, stateTable);
              return SnapshotState.read(c, stateTable, config.streamId());
            });
    if (state.isPresent() && state.get().done()) {
      return skipped(source, state.get(), "the copy was done before", started);
    }
    if (state.isEmpty() && existing != null) {
      return skipped(
          source,
          new SnapshotState(existing.position().gtid().toString(), null, 0, true),
          "the stream already has a checkpoint (" + existing.position() + ")",
          started);
    }
    SnapshotCopy copy =
        new SnapshotCopy(
            config.source().connector(),
            config.source().toString(),
            sink.checkpointStore(),
            config.options(),
            committer,
            stateTable,
            config.streamId(),
            chunkRows,
            listener);
    SnapshotCopy.Outcome outcome = copy.run(state.orElse(null), started);
    sink.snapshotDone(outcome.checkpoint());
    SnapshotResult result =
        new SnapshotResult(
            source,
            outcome.gtidPosition(),
            outcome.rowsCopied(),
            outcome.rowsThisRun(),
            state.isPresent(),
            null,
            Duration.ofNanos(System.nanoTime() - started));
    LOG.info(
        "snapshot of {}: {} rows copied ({} by this run), the stream starts after {}",
        source,
        result.rowsCopied(),
        result.rowsThisRun(),
        result.gtidPosition().isEmpty() ? "nothing: from the beginning" : result.gtidPosition());
    return result;
  }

  private static SnapshotResult skipped(
      TableId table, SnapshotState state, String why, long started) {
    LOG.info("snapshot of {}: nothing to copy, {}", table, why);
    return new SnapshotResult(
        table,
        state.gtidPosition(),
        state.rowsCopied(),
        0,
        false,
        why,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Configures a {@link Snapshot}. Not thread-safe. */
  public static final class Builder {
    private final JdbcSink sink;
    private int chunkRows = DEFAULT_CHUNK_ROWS;
    private SnapshotListener listener = p -> {};

    private Builder(JdbcSink sink) {
      this.sink = sink;
    }

    /** Rows per target transaction; default {@value #DEFAULT_CHUNK_ROWS}. */
    public Builder chunkRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("chunkRows must be at least 1, got " + rows);
      }
      this.chunkRows = rows;
      return this;
    }

    /** Hears the progress, after each chunk; default none. */
    public Builder listener(SnapshotListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the snapshot.
     *
     * @throws IllegalStateException if the sink has no source connection
     */
    public Snapshot build() {
      if (sink.config().source() == null) {
        throw new IllegalStateException(
            "a snapshot reads the source database: build the sink with"
                + " source(SourceDatabase.jdbcUrl(...))");
      }
      return new Snapshot(sink, chunkRows, listener);
    }
  }
}
