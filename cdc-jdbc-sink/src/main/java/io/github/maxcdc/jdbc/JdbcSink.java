package io.github.maxcdc.jdbc;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.checkpoint.Checkpoint;
import io.github.maxcdc.jdbc.internal.checkpoint.CheckpointStore;
import io.github.maxcdc.jdbc.internal.exec.Committer;
import io.github.maxcdc.jdbc.internal.exec.SinkCounters;
import io.github.maxcdc.jdbc.internal.exec.SourceRows;
import io.github.maxcdc.jdbc.internal.exec.TargetSession;
import io.github.maxcdc.jdbc.internal.exec.TransactionBuffer;
import io.github.maxcdc.jdbc.internal.plan.SchemaPlanner;
import io.github.maxcdc.jdbc.internal.plan.SinkOptions;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.source.JdbcUrl;
import io.github.maxcdc.jdbc.internal.source.RetriedTypes;
import io.github.maxcdc.jdbc.internal.source.SourceGuard;
import io.github.maxcdc.jdbc.internal.sql.ConnectionFactory;
import io.github.maxcdc.metrics.CdcMetrics;
import io.github.maxcdc.metrics.MetricsSnapshot;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the change stream of one source table to a MariaDB table, exactly once: plug it into a
 * {@link CdcClient} as its listener.
 *
 * <pre>{@code
 * try (JdbcSink sink = JdbcSink.builder()
 *         .jdbcUrl("jdbc:mariadb://dw-host:3306/shop_dw", "etl_user", password)
 *         .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
 *         .build();
 *     CdcClient client = sink.attach(CdcClient.builder()
 *         .address("maxscale-host", 4001).credentials("cdcuser", cdcPassword)).build()) {
 *     client.start();
 *     client.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Inserts and updates are upserts ({@code INSERT ... ON DUPLICATE KEY UPDATE}), deletes
 *       delete by key (or mark, see {@link DeleteMode}); an update that changes the key deletes the
 *       old one. The key is the mapping's ({@link TableMapping#keyColumns}), else the target's
 *       primary key, else its first unique key on NOT NULL columns.
 *   <li>A target table without any key has its rows matched on their whole before image, as
 *       MariaDB's own row-based replication does: an insert inserts, an update and a delete change
 *       one row whose written columns all equal the before image ({@code <=>}, {@code LIMIT 1}), in
 *       stream order; identical rows stay as many rows. Each update and delete scans the table
 *       unless an index covers the compared columns; a before image matching no row is counted
 *       ({@link SinkMetrics#missingRows()}) and logged. Columns re-read from the source need a key.
 *   <li>Source transactions are applied atomically, several small ones per target transaction, with
 *       the stream's checkpoint (position and count of applied changes) in the same transaction.
 *       {@link #attach} starts the client right after the checkpoint: a crash at any instant loses
 *       nothing and applies nothing twice. Each commit reads the checkpoint row {@code FOR UPDATE}
 *       and stops with a {@link SinkException}, keeping nothing, if another sink of the same stream
 *       committed since this one read it. A transaction larger than {@link
 *       Builder#maxTransactionEvents} is committed in parts, each with its exact position.
 *   <li>Changes are written as soon as the stream has caught up with its source ({@link
 *       #onCaughtUp}): the complete source transactions at once, the last one after the client's
 *       quiet interval without a new record (10 ms by default), since the stream does not mark the
 *       end of a transaction. Under load they are written when a batch is full ({@link
 *       Builder#maxBatchEvents}) or when the oldest waited {@link Builder#maxLatency}; and when the
 *       schema changes and when the stream goes idle. A source transaction is committed in parts
 *       only when it is larger than {@link Builder#maxTransactionEvents}, when the schema changes
 *       inside it, or when the source pauses inside it for longer than the quiet interval (or, with
 *       a source that cannot tell it is caught up, the idle interval); each part carries its exact
 *       position, so a crash still applies every change exactly once.
 *   <li>That is the {@link TargetMode#MIRROR} shape; {@link Builder#targetMode} writes instead an
 *       append-only table of every change ({@link TargetMode#HISTORY}) or one row per version of
 *       each source row ({@link TargetMode#SCD2}), with the same checkpoint and guarantees.
 *   <li>Transient failures (connection lost, deadlock, lock wait timeout) are retried from the last
 *       commit; a value the target refuses stops the sink at its source transaction with a {@link
 *       SinkDataException} naming the table, position and column, never the value.
 * </ul>
 *
 * <p>Threading: {@link #onChange}, {@link #onCaughtUp} and {@link #onIdle} run on the client's
 * reader thread; {@link #metrics()} may be called from any thread. Close the client before the
 * sink: {@link #close()} commits what is still buffered.
 */
public final class JdbcSink implements ChangeListener, AutoCloseable, CdcMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

  /**
   * The least time between two commits made because the stream caught up: 10 ms, the client's
   * default quiet interval, so that a trickle still commits each change at once while a steady
   * stream commits at most 100 times a second on catching up.
   */
  public static final Duration CAUGHT_UP_SPACING = Duration.ofMillis(10);

  private final JdbcSinkConfig config;
  private final SinkOptions options;
  private final TargetSession session;
  private final CheckpointStore store;
  private final SinkCounters counters;
  private final Committer committer;
  private final SchemaPlanner planner;
  private final TransactionBuffer buffer = new TransactionBuffer();
  private final SourceRows source; // null without a source connection
  private final String target;
  private boolean initialized;
  private Checkpoint checkpoint;
  private WritePlan plan;
  private boolean failed;
  private long lastCommitNanos = System.nanoTime() - CAUGHT_UP_SPACING.toNanos();

  JdbcSink(JdbcSinkConfig config) {
    this.config = config;
    this.options = config.options();
    this.session = new TargetSession(config.connections());
    this.store = new CheckpointStore(config.checkpointTable(), config.streamId());
    this.counters = new SinkCounters(config.clock());
    this.target = options.mapping().target().toString();
    this.source =
        config.source() == null
            ? null
            : new SourceRows(
                config.source().connector(),
                config.source().toString(),
                options.mapping().source());
    this.committer =
        new Committer(
            session, store, config.retry(), options.ambiguous(), counters, target, source);
    this.planner =
        new SchemaPlanner(
            options,
            committer,
            config.source() == null ? null : config.source().connector(),
            config.streamId());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the stream's checkpoint (creating the checkpoint table if needed).
   *
   * @return where the stream must start: right after the last change applied, or the beginning
   * @throws SinkException if the target cannot be reached or read
   */
  public synchronized StartPosition startPosition() throws SinkException {
    initialize();
    return checkpoint == null
        ? StartPosition.beginning()
        : StartPosition.after(checkpoint.position());
  }

  /** The last change applied, if any. */
  public synchronized Optional<StreamPosition> lastApplied() throws SinkException {
    initialize();
    return Optional.ofNullable(checkpoint).map(Checkpoint::position);
  }

  /** Changes applied by this stream since it began (from the checkpoint, across restarts). */
  public synchronized long appliedEvents() throws SinkException {
    initialize();
    return checkpoint == null ? 0 : checkpoint.appliedEvents();
  }

  /**
   * Configures {@code client} for this sink: the source table, the start right after the checkpoint
   * (from its schema version's file), and this sink as the listener.
   */
  public CdcClient.Builder attach(CdcClient.Builder client) throws SinkException {
    StartPosition start = startPosition();
    client.table(options.mapping().source()).startAt(start).listener(this);
    if (config.source() != null && !client.hasDeclaredTypes()) {
      client.declaredTypes(
          new RetriedTypes(
              config.source().declaredTypes(),
              config.source().toString(),
              config.retry(),
              counters::retried));
    }
    if (checkpoint != null) {
      client.tableVersion(checkpoint.schemaVersion());
    }
    return client;
  }

  /** The shape of the target table ({@link Builder#targetMode}); any thread. */
  public TargetMode targetMode() {
    return options.mode();
  }

  /** What the sink has done so far; any thread. */
  public SinkMetrics metrics() {
    return counters.snapshot();
  }

  /**
   * The sink's metrics as counters ({@code events}, {@code inserts}, {@code updates}, {@code
   * deletes}, {@code transactions}, {@code commits}, {@code batches}, {@code retries}, {@code
   * ambiguous_values}, {@code missing_rows}, {@code reread_rows}, {@code gone_rows}), the last
   * position committed and its source commit time. Any thread.
   */
  @Override
  public MetricsSnapshot snapshot() {
    SinkMetrics m = counters.snapshot();
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("events", m.events());
    values.put("inserts", m.inserts());
    values.put("updates", m.updates());
    values.put("deletes", m.deletes());
    values.put("transactions", m.transactions());
    values.put("commits", m.commits());
    values.put("batches", m.batches());
    values.put("retries", m.retries());
    values.put("ambiguous_values", m.ambiguousValues());
    values.put("missing_rows", m.missingRows());
    values.put("reread_rows", m.rereadRows());
    values.put("gone_rows", m.goneRows());
    return new MetricsSnapshot(
        "sink " + config.streamId(), m.at(), values, m.lastPosition(), m.lastSourceTimestamp());
  }

  @Override
  public synchronized void onChange(ChangeEvent event) throws SinkException {
    if (failed) {
      throw new IllegalStateException("the sink for " + target + " stopped on an earlier failure");
    }
    if (!event.table().equals(options.mapping().source())) {
      throw new IllegalArgumentException(
          "this sink applies " + options.mapping().source() + ", not " + event.table());
    }
    try {
      initialize();
      if (plan == null || !plan.schema().equals(event.schema())) {
        flush();
        plan = planner.planFor(event.schema());
      }
      buffer.add(event);
      if (buffer.openSize() >= config.maxTransactionEvents()) {
        commit(buffer.takeAll());
      } else if (buffer.completeSize() >= config.maxBatchEvents()
          || (buffer.completeSize() > 0 && buffer.ageNanos() >= config.maxLatency().toNanos())) {
        commit(buffer.takeComplete());
      }
    } catch (SinkException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /**
   * The stream restarts after a reconnect: drops the changes received since the last commit (they
   * are delivered again) and resumes after the last committed one.
   */
  @Override
  public synchronized Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered)
      throws SinkException {
    initialize();
    if (buffer.size() > 0) {
      LOG.info(
          "{}: the stream restarts after {}; {} changes received since are dropped and read again",
          target,
          checkpoint == null ? "the beginning" : checkpoint.position(),
          buffer.size());
      buffer.clear();
    }
    return Optional.ofNullable(checkpoint).map(Checkpoint::position);
  }

  /**
   * The stream has caught up with its source. Right after catching up ({@code quietFor} zero) the
   * complete source transactions buffered are committed, not the last one: MaxScale writes a
   * transaction row by row and sends no end marker, so a reader faster than MaxScale catches up
   * between rows of one transaction, and the last transaction is known complete only when a change
   * of the next one arrives. Once the stream has stayed caught up without a new record for the
   * client's quiet interval ({@code CdcClient.Builder.quietInterval}, default 10 ms), the source
   * has paused and everything is committed, the last transaction included, as on {@link #onIdle()}.
   * A stream that catches up many times a second (a steady rate of small transactions) commits on
   * catching up at most once per {@link #CAUGHT_UP_SPACING}, so that commits do not take the
   * reader's time from reading; what waits is committed at the next catch-up after that, or by age.
   */
  @Override
  public synchronized void onCaughtUp(Duration quietFor) throws SinkException {
    if (failed) {
      return;
    }
    if (!quietFor.isZero()) {
      flush();
    } else if (buffer.completeSize() > 0
        && System.nanoTime() - lastCommitNanos >= CAUGHT_UP_SPACING.toNanos()) {
      try {
        commit(buffer.takeComplete());
      } catch (SinkException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }
  }

  /** The stream is idle: commits everything buffered. */
  @Override
  public synchronized void onIdle() throws SinkException {
    if (!failed) {
      flush();
    }
  }

  /** Commits everything buffered, the open transaction included. */
  public synchronized void flush() throws SinkException {
    if (buffer.size() > 0) {
      try {
        commit(buffer.takeAll());
      } catch (SinkException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }
  }

  private void commit(TransactionBuffer.Batch batch) throws SinkException {
    if (!batch.events().isEmpty()) {
      checkpoint = committer.commit(plan, batch.events(), batch.transactions(), checkpoint);
      lastCommitNanos = System.nanoTime();
    }
  }

  private void initialize() throws SinkException {
    if (initialized) {
      return;
    }
    checkpoint =
        committer.withRetries(
            "reading the checkpoint table " + store.table(),
            c -> {
              store.ensureTable(c);
              return store.read(c).orElse(null);
            });
    if (config.source() != null) {
      committer.withRetries(
          "checking the source connection",
          c -> {
            SourceGuard.requireNotTarget(
                config.source().connector(),
                config.source().toString(),
                c,
                options.mapping().source(),
                options.mapping().target());
            return null;
          });
    }
    counters.startedAt(checkpoint);
    initialized = true;
    if (config.source() != null) {
      planner.fillPending(); // columns added while the sink had no source connection
    }
    String mapping = options.mapping().toString();
    String id = config.streamId();
    LOG.info(
        "sink {} starts {}",
        id.replace(" ", "").equals(mapping.replace(" ", "")) ? id : id + " (" + mapping + ")",
        checkpoint == null ? "from the beginning" : "after " + checkpoint.position());
  }

  /**
   * Commits what is buffered (unless the sink failed) and closes the connection. If the client's
   * reader thread is still waiting for the target to come back, that wait ends at once.
   */
  @Override
  public void close() throws SinkException {
    committer.abort(); // before taking the lock, which a reader thread waiting to retry holds
    synchronized (this) {
      try {
        if (!failed && initialized) {
          flush();
        }
      } finally {
        session.close();
        if (source != null) {
          source.close();
        }
      }
    }
  }

  /** The settings; for {@link Snapshot}. */
  JdbcSinkConfig config() {
    return config;
  }

  /** The checkpoint table; for {@link Snapshot}. */
  CheckpointStore checkpointStore() {
    return store;
  }

  /** The committer, with its retries; for {@link Snapshot}. */
  Committer committer() {
    return committer;
  }

  /** Reads the checkpoint (once) and returns it, null if none; for {@link Snapshot}. */
  synchronized Checkpoint checkpointForSnapshot() throws SinkException {
    initialize();
    return checkpoint;
  }

  /** The snapshot committed {@code next} (null: the stream starts at the beginning). */
  synchronized void snapshotDone(Checkpoint next) {
    if (next != null) {
      checkpoint = next;
      counters.startedAt(next);
    }
  }

  @Override
  public String toString() {
    return "JdbcSink[" + config.streamId() + ", " + options.mapping() + "]";
  }

  /**
   * Builds a {@link JdbcSink}. Every setter validates its argument; {@link #build()} checks that
   * the target and the mapping are there. Not thread-safe.
   */
  public static final class Builder {
    /** Default most changes per target transaction: 1000. */
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;

    /** Default most rows of one multi-row statement: 200. */
    public static final int DEFAULT_ROWS_PER_STATEMENT = 200;

    /** Default longest wait of a change before it is written: 100 ms. */
    public static final Duration DEFAULT_MAX_LATENCY = Duration.ofMillis(100);

    /** Default size above which a source transaction is committed in parts: 10,000 changes. */
    public static final int DEFAULT_MAX_TRANSACTION_EVENTS = 10_000;

    /** Default name of the checkpoint table, in the target table's database. */
    public static final String DEFAULT_CHECKPOINT_TABLE = "maxcdc_checkpoint";

    private ConnectionFactory connections;
    private String targetDescription;
    private TableMapping mapping;
    private String streamId;
    private String checkpointTable = DEFAULT_CHECKPOINT_TABLE;
    private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;
    private int rowsPerStatement = DEFAULT_ROWS_PER_STATEMENT;
    private Duration maxLatency = DEFAULT_MAX_LATENCY;
    private int maxTransactionEvents = DEFAULT_MAX_TRANSACTION_EVENTS;
    private NewColumnsPolicy newColumns = NewColumnsPolicy.FAIL;
    private SchemaChangePolicy schemaChanges = SchemaChangePolicy.DEFAULT;
    private LossyColumnPolicy lossyColumns; // null: REREAD with a source, FAIL without
    private AmbiguousValuePolicy ambiguous = AmbiguousValuePolicy.WRITE_LIKELY;
    private DeleteMode deletes = DeleteMode.hard();
    private TargetMode mode = TargetMode.MIRROR;
    private HistoryColumns historyColumns = HistoryColumns.DEFAULT;
    private Scd2Columns scd2Columns = Scd2Columns.DEFAULT;
    private ZoneId zone = ZoneOffset.UTC;
    private boolean createTarget;
    private Backoff retry = Backoff.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private SourceDatabase source;

    private Builder() {}

    /** The target database, through a connection pool or data source the caller owns. */
    public Builder dataSource(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      this.connections = dataSource::getConnection;
      this.targetDescription = JdbcUrl.redact(dataSource.toString());
      return this;
    }

    /**
     * The target database, by JDBC URL ({@code jdbc:mariadb://host:3306/db}) and credentials; the
     * password is never printed.
     */
    public Builder jdbcUrl(String url, String user, String password) {
      JdbcUrl target = JdbcUrl.of(url, user, password);
      this.connections = target.connections();
      this.targetDescription = target.description();
      return this;
    }

    /** Which source table goes to which target table (required). */
    public Builder mapping(TableMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * The id of this stream's checkpoint; default {@code source->target} (e.g. {@code
     * shop_tx.commandes->shop_dw.commandes_dw}), so that pipelines sharing a database never share a
     * checkpoint.
     */
    public Builder streamId(String streamId) {
      Objects.requireNonNull(streamId, "streamId");
      if (streamId.isEmpty() || streamId.length() > 255) {
        throw new IllegalArgumentException("streamId must have 1 to 255 characters");
      }
      this.streamId = streamId;
      return this;
    }

    /**
     * The checkpoint table's name, in the target table's database; default {@value
     * #DEFAULT_CHECKPOINT_TABLE}.
     */
    public Builder checkpointTable(String table) {
      Objects.requireNonNull(table, "table");
      if (table.isEmpty()) {
        throw new IllegalArgumentException("table must not be empty");
      }
      this.checkpointTable = table;
      return this;
    }

    /**
     * Most changes per target transaction (whole source transactions); default {@value
     * #DEFAULT_MAX_BATCH_EVENTS}.
     */
    public Builder maxBatchEvents(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("maxBatchEvents must be at least 1, got " + events);
      }
      this.maxBatchEvents = events;
      return this;
    }

    /**
     * Most rows of one statement: a run of consecutive inserts and updates is written as multi-row
     * upserts, and a run of consecutive deletes as multi-row deletes ({@code WHERE key IN (...)}),
     * each statement of the run's exact length up to this many rows (fewer for wide tables or wide
     * keys, keeping a statement under 8,192 parameters); 1 writes one statement per row. Default
     * {@value #DEFAULT_ROWS_PER_STATEMENT}.
     */
    public Builder rowsPerStatement(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("rowsPerStatement must be at least 1, got " + rows);
      }
      this.rowsPerStatement = rows;
      return this;
    }

    /** Longest a change waits before it is written; default {@link #DEFAULT_MAX_LATENCY}. */
    public Builder maxLatency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("maxLatency must not be negative, got " + latency);
      }
      this.maxLatency = latency;
      return this;
    }

    /**
     * Size above which a source transaction is committed in parts (each with its exact position);
     * default {@value #DEFAULT_MAX_TRANSACTION_EVENTS}.
     */
    public Builder maxTransactionEvents(int events) {
      if (events < 1) {
        throw new IllegalArgumentException(
            "maxTransactionEvents must be at least 1, got " + events);
      }
      this.maxTransactionEvents = events;
      return this;
    }

    /**
     * What to do when the source gains columns the target lacks; default {@link
     * NewColumnsPolicy#FAIL}.
     */
    public Builder onNewColumns(NewColumnsPolicy policy) {
      this.newColumns = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * What to do with renamed, retyped and dropped source columns; default {@link
     * SchemaChangePolicy#DEFAULT} (rename, widen, keep).
     */
    public Builder onSchemaChanges(SchemaChangePolicy policy) {
      this.schemaChanges = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * What to do with columns MaxScale cannot carry exactly; default {@link
     * LossyColumnPolicy#REREAD} when a {@link #source} is given, else {@link
     * LossyColumnPolicy#FAIL}. Per column: {@link TableMapping#lossyColumn}.
     */
    public Builder lossyColumns(LossyColumnPolicy policy) {
      this.lossyColumns = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** What to do with ambiguous values; default {@link AmbiguousValuePolicy#WRITE_LIKELY}. */
    public Builder ambiguousValues(AmbiguousValuePolicy policy) {
      this.ambiguous = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How deletes are applied; default {@link DeleteMode#hard()}. */
    public Builder deletes(DeleteMode mode) {
      this.deletes = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The shape of the target table; default {@link TargetMode#MIRROR}. {@link TargetMode#HISTORY}
     * and {@link TargetMode#SCD2} take hard deletes only (a delete is a row of the history, or the
     * end of a version), and no {@link Snapshot}; SCD2 needs key columns ({@link #createTarget},
     * {@link TableMapping#keyColumns}, or the target's primary key besides the version's start).
     */
    public Builder targetMode(TargetMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The names of the columns a {@link TargetMode#HISTORY} table adds; default {@link
     * HistoryColumns#DEFAULT}.
     */
    public Builder historyColumns(HistoryColumns columns) {
      this.historyColumns = Objects.requireNonNull(columns, "columns");
      return this;
    }

    /**
     * The names of the columns a {@link TargetMode#SCD2} table adds, and the end of a current
     * version; default {@link Scd2Columns#DEFAULT}.
     */
    public Builder scd2Columns(Scd2Columns columns) {
      this.scd2Columns = Objects.requireNonNull(columns, "columns");
      return this;
    }

    /**
     * The zone of DATETIME values when a TIMESTAMP is written to a DATETIME column or a DATETIME to
     * a TIMESTAMP one; default UTC. TIMESTAMP columns are written in UTC whatever the server's
     * zone.
     */
    public Builder dateTimeZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Create the target table from the first schema if it does not exist, with these key columns
     * (target names) as its primary key; column types from {@link TableMapping#columnType} or wide
     * defaults. Without key columns here or in the mapping ({@link TableMapping#keyColumns}), the
     * table is created without a key and its rows are matched on their whole before image (see the
     * class description), which the log says once.
     */
    public Builder createTarget(String... keyColumns) {
      for (String c : keyColumns) {
        Objects.requireNonNull(c, "keyColumns");
        if (c.isEmpty()) {
          throw new IllegalArgumentException("keyColumns must not hold an empty name");
        }
      }
      this.createTarget = true;
      this.keys = List.of(keyColumns);
      return this;
    }

    private List<String> keys = List.of();

    /** How transient target failures are retried; default {@link Backoff#DEFAULT} (forever). */
    public Builder retry(Backoff policy) {
      this.retry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * A read-only connection to the source database MaxScale replicates from: lets a {@code
     * Snapshot} copy the table's existing rows and the sink re-read the values MaxScale cannot
     * carry. The sink refuses a source that is the target table itself.
     */
    public Builder source(SourceDatabase source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The clock of the lag metric; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the sink. It connects on first use ({@link JdbcSink#startPosition()}, {@link
     * JdbcSink#attach}).
     *
     * @throws IllegalStateException if the target or the mapping is missing, or a column is to be
     *     re-read without a source
     * @throws IllegalArgumentException if the target mode does not go with the other settings (soft
     *     deletes with a history or SCD2 table; an SCD2 table created without key columns)
     */
    public JdbcSink build() {
      if (connections == null) {
        throw new IllegalStateException(
            "target is required: call jdbcUrl(url, user, password) or dataSource(ds)");
      }
      if (mapping == null) {
        throw new IllegalStateException(
            "mapping is required: call mapping(TableMapping.of(\"db.table\", \"db.table\"))");
      }
      LossyColumnPolicy lossy =
          lossyColumns != null
              ? lossyColumns
              : source != null ? LossyColumnPolicy.REREAD : LossyColumnPolicy.FAIL;
      if (source == null
          && (lossy == LossyColumnPolicy.REREAD
              || mapping.anyLossyColumn(LossyColumnPolicy.REREAD))) {
        throw new IllegalStateException(
            "LossyColumnPolicy.REREAD reads values from the source database: call"
                + " source(SourceDatabase.jdbcUrl(...)), or choose FAIL, SKIP or WRITE");
      }
      checkMode();
      TableMapping effective =
          createTarget && mapping.keyColumns().isEmpty()
              ? mapping.keyColumns(keys.toArray(String[]::new))
              : mapping;
      SinkOptions options =
          new SinkOptions(
              effective,
              newColumns,
              lossy,
              ambiguous,
              deletes,
              zone,
              createTarget,
              rowsPerStatement,
              schemaChanges,
              mode,
              historyColumns,
              scd2Columns);
      String id = streamId != null ? streamId : mapping.source() + "->" + mapping.target();
      TableId checkpoints = new TableId(mapping.target().database(), checkpointTable);
      LOG.debug("sink {} writes to {}", id, targetDescription);
      return new JdbcSink(
          new JdbcSinkConfig(
              connections,
              options,
              id,
              checkpoints,
              maxBatchEvents,
              maxLatency,
              maxTransactionEvents,
              retry,
              clock,
              source));
    }

    // What a history or SCD2 table cannot do, refused before anything runs.
    private void checkMode() {
      if (mode == TargetMode.MIRROR) {
        return;
      }
      String name = mode.name().toLowerCase(java.util.Locale.ROOT);
      if (!(deletes instanceof DeleteMode.Hard)) {
        throw new IllegalArgumentException(
            "soft deletes ("
                + deletes
                + ") do not go with target mode "
                + name
                + ": a "
                + (mode == TargetMode.HISTORY
                    ? "history table records a delete as a row of its own"
                    : "SCD2 table records a delete as the end of the row's current version")
                + "; leave deletes(DeleteMode.hard())");
      }
      if (mode == TargetMode.SCD2
          && createTarget
          && keys.isEmpty()
          && mapping.keyColumns().isEmpty()) {
        throw new IllegalArgumentException(
            "target mode scd2 keeps one row per version of a source row and needs the row's key"
                + " columns: give them to createTarget(keyColumns...) (--create-target COLS) or"
                + " TableMapping.keyColumns(...) (--key-columns)");
      }
    }
  }
}
