package io.github.maxcdc.jdbc;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.internal.watch.CheckThread;
import io.github.maxcdc.jdbc.internal.watch.Observations;
import io.github.maxcdc.jdbc.internal.watch.WatchedListeners;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches MaxScale against the source database for one table, and reports when MaxScale has lost
 * track of it ({@link SchemaDrift}). MaxScale's avrorouter parses each {@code ALTER TABLE} itself;
 * when it does not follow one (MaxScale 24.02 and {@code RENAME COLUMN}) it may send nothing more
 * for the table, and nothing on the CDC connection says so. Only the source can tell.
 *
 * <pre>{@code
 * SourceDatabase source = SourceDatabase.jdbcUrl("jdbc:mariadb://oltp-host:3306/shop_tx", "reader", pw);
 * try (JdbcSink sink = JdbcSink.builder()
 *         .jdbcUrl("jdbc:mariadb://dw-host:3306/shop_dw", "etl_user", dwPassword)
 *         .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
 *         .source(source)
 *         .build();
 *     SourceSchemaWatch watch = SourceSchemaWatch.builder()
 *         .source(source)
 *         .table(TableId.parse("shop_tx.commandes"))
 *         .listener(drift -> System.err.println(drift.message()))
 *         .build();
 *     CdcClient client = sink.attach(CdcClient.builder()
 *             .address("maxscale-host", 4001).credentials("cdcuser", cdcPassword))
 *         .listener(watch.changeListener(sink))
 *         .lifecycleListener(watch)
 *         .build()) {
 *     watch.start();
 *     client.start();
 *     client.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <p>What it checks, on a thread of its own, at {@link #start()}, after each schema version
 * MaxScale announces and its first change, and every {@link Builder#checkInterval}:
 *
 * <ul>
 *   <li>each schema version MaxScale announces ({@link #onSchema}) against the source's {@code
 *       information_schema.COLUMNS}: the number of columns, their names and order, and their types
 *       (MaxScale's {@code real_type} mapped to MariaDB's {@code DATA_TYPE}: {@code TIMESTAMP_} is
 *       {@code timestamp}, {@code BOOLEAN} is {@code tinyint}, {@code INTEGER} is {@code int};
 *       character and binary string types only as a family, as MariaDB may store another one than
 *       written). A difference is normal for a while, since MaxScale starts a version only with the
 *       first row written after an {@code ALTER TABLE}; it is reported only once the stream shows
 *       MaxScale went past the change: a change committed after the source's last {@code ALTER
 *       TABLE} arrives under the old version (reported at once), or the difference persists across
 *       a check interval with nothing arriving while the source was written after its last {@code
 *       ALTER TABLE} or MaxScale started a version and sent none of its changes ({@link
 *       SchemaDrift.Kind#SCHEMA_MISMATCH}).
 *   <li>the stall check: the source table was written ({@code
 *       information_schema.TABLES.UPDATE_TIME}, which InnoDB sets at commit) after the last change
 *       delivered, and no change has arrived for {@link Builder#stallTimeout} since ({@link
 *       SchemaDrift.Kind#STALLED}). {@code UPDATE_TIME} is NULL after a restart of the source until
 *       its first write to the table.
 * </ul>
 *
 * <p>A listener call in progress ({@link #changeListener}) is not silence. While the connection to
 * MaxScale is down (known through {@link #lifecycleListener}, or this as the client's lifecycle
 * listener) no schema difference is reported, and a stall says the connection is down. Each finding
 * is reported once (a mismatch once per schema version, a stall until changes arrive again); a
 * source that cannot be read is logged and tried again at the next check, never reported as a
 * drift.
 *
 * <p>Thread-safety: {@link #onSchema}, {@link #onChange} and the listeners it returns may be called
 * from the client's reader thread while the watch's thread checks; {@link #start()} and {@link
 * #close()} from any thread. The watch's thread (named {@code maxcdc-watch-<database>.<table>}) is
 * a daemon; {@link #close()} stops it. It opens a read-only session on the source per check and
 * closes it.
 */
public final class SourceSchemaWatch implements LifecycleListener, AutoCloseable {
  /** Default interval between two checks: 1 minute. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);

  /** Default longest silence of the stream while the source table is written: 5 minutes. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(SourceSchemaWatch.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final TableId table;
  private final String sourceName;
  private final SchemaDriftListener listener;
  private final Observations observations;
  private final CheckThread thread;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

  private SourceSchemaWatch(Builder b) {
    this.table = b.table;
    this.sourceName = b.source.toString();
    this.listener = b.listener;
    this.observations =
        new Observations(
            b.source.connector(),
            sourceName,
            table,
            b.checkInterval,
            b.stallTimeout,
            this::checkSoon);
    this.thread = new CheckThread("maxcdc-watch-" + table, b.checkInterval, this::check);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The watched table. */
  public TableId table() {
    return table;
  }

  /**
   * Starts the watch's thread: a first check at once (the table's current columns), then one every
   * check interval.
   *
   * @throws IllegalStateException if it was started or closed before
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(
          "the watch of " + table + " is " + state.get() + "; start() may be called once");
    }
    thread.start();
  }

  /**
   * MaxScale announced a schema version of the table (the {@link LifecycleListener} method): it is
   * compared with the source soon, on the watch's thread. Other tables are ignored.
   */
  @Override
  public void onSchema(TableSchema previous, TableSchema schema) {
    if (!schema.table().equals(table)) {
      return;
    }
    observations.announced(schema);
  }

  /** The client connected: silence from now on is the table's. */
  @Override
  public void onConnected(TableId table, String server) {
    observations.connection(true);
  }

  /** The client lost its connection: silence until it reconnects is not the table's. */
  @Override
  public void onDisconnected(TableId table, Throwable cause) {
    observations.connection(false);
  }

  /** The client will reconnect: it is not connected meanwhile. */
  @Override
  public void onReconnectScheduled(TableId table, int attempt, Duration delay, Throwable cause) {
    observations.connection(false);
  }

  /**
   * A change of the table was delivered: call it for each change when composing your own pipeline
   * without {@link #changeListener}. Cheap; any thread.
   */
  public void onChange(ChangeEvent event) {
    Objects.requireNonNull(event, "event");
    observations.delivering(event);
    observations.callEnded();
  }

  /**
   * A listener that passes every call to {@code downstream} and tells this watch of each change,
   * and of the time {@code downstream} spends in it (a sink waiting for its target is not a stalled
   * stream). Give it to {@link io.github.maxcdc.CdcClient.Builder#listener}.
   */
  public ChangeListener changeListener(ChangeListener downstream) {
    Objects.requireNonNull(downstream, "downstream");
    return WatchedListeners.changes(downstream, observations);
  }

  /**
   * A lifecycle listener that passes every call to {@code downstream} and tells this watch of
   * schema versions and connections. Give it to {@link
   * io.github.maxcdc.CdcClient.Builder#lifecycleListener} (or give this watch itself when there is
   * no other lifecycle listener).
   */
  public LifecycleListener lifecycleListener(LifecycleListener downstream) {
    Objects.requireNonNull(downstream, "downstream");
    return WatchedListeners.lifecycle(downstream, this);
  }

  /** Stops the watch's thread and waits for it (bounded). Idempotent; any thread. */
  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.RUNNING) {
      thread.stop(CLOSE_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "SourceSchemaWatch[" + table + " against " + sourceName + ", " + state.get() + "]";
  }

  private void checkSoon() {
    if (state.get() == State.RUNNING) {
      thread.soon();
    }
  }

  // On the watch's thread: never throws, or the schedule would stop.
  private void check() {
    observations
        .check()
        .ifPresent(
            drift -> {
              try {
                listener.onDrift(drift);
              } catch (RuntimeException e) {
                LOG.warn("the drift listener of {} threw; ignored", table, e);
              }
            });
  }

  /**
   * Configures a {@link SourceSchemaWatch}; every setter validates its argument. Not thread-safe;
   * the built watch keeps its own copy of the settings.
   */
  public static final class Builder {
    private SourceDatabase source;
    private TableId table;
    private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
    private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
    private SchemaDriftListener listener = drift -> LOG.warn("{}", drift.message());

    private Builder() {}

    /** The source database MaxScale replicates from (required). */
    public Builder source(SourceDatabase source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The source table, as MaxScale names it (required). */
    public Builder table(TableId table) {
      this.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * How often the source is read, and how long a difference must persist before it is reported;
     * default {@link #DEFAULT_CHECK_INTERVAL}.
     */
    public Builder checkInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("checkInterval must be positive, got " + interval);
      }
      this.checkInterval = interval;
      return this;
    }

    /**
     * The longest the stream may stay silent after the source table was written; default {@link
     * #DEFAULT_STALL_TIMEOUT}; {@link Duration#ZERO} turns the stall check off. Found at the first
     * check after it has passed.
     */
    public Builder stallTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("stallTimeout must not be negative, got " + timeout);
      }
      this.stallTimeout = timeout;
      return this;
    }

    /** Receives the drifts found; default: logged as a warning. */
    public Builder listener(SchemaDriftListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the watch; it reads nothing until {@link SourceSchemaWatch#start()}.
     *
     * @throws IllegalStateException if the source or the table is missing
     */
    public SourceSchemaWatch build() {
      if (source == null || table == null) {
        throw new IllegalStateException("source(...) and table(...) are required");
      }
      return new SourceSchemaWatch(this);
    }
  }
}
