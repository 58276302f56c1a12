package io.github.maxcdc;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.internal.client.ReaderLoop;
import io.github.maxcdc.internal.protocol.Credentials;
import io.github.maxcdc.internal.source.CdcProtocolConfig;
import io.github.maxcdc.internal.source.CdcProtocolSource;
import io.github.maxcdc.metrics.CdcMetrics;
import io.github.maxcdc.metrics.MetricsSnapshot;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the changes of one table from a MariaDB MaxScale CDC listener (avrorouter) as typed
 * {@link io.github.maxcdc.event.ChangeEvent}s.
 *
 * <pre>{@code
 * try (CdcClient client = CdcClient.builder()
 *         .address("maxscale-host", 4001)
 *         .credentials("cdcuser", password)
 *         .format(StreamFormat.JSON)
 *         .table("shop_tx", "commandes")
 *         .startAt(StartPosition.beginning())
 *         .listener(event -> System.out.println(event.type() + " " + event.after()))
 *         .build()) {
 *     client.start();
 *     client.awaitTermination(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>One client follows one table over one connection, read by one thread it owns (named {@code
 * maxcdc-<database>.<table>}, a daemon thread unless configured otherwise); listeners are called on
 * that thread. To follow several tables, build one client each: they share nothing.
 *
 * <p>Lifecycle: {@link #start()} once; the client then runs until the stream fails, {@link
 * #close()} is called, or it has been idle for {@link Builder#stopWhenIdle(Duration)}. Failures are
 * loud: a listener exception or a decode error stops the stream, and {@link
 * #awaitTermination(Duration)} throws it. {@link #close()} is idempotent, may be called from any
 * thread (a listener included) and returns within the close timeout, leaving no thread behind.
 *
 * <p>Thread-safe.
 */
public final class CdcClient implements AutoCloseable, CdcMetrics {
  /** Default bound of the TCP connect: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default bound of the wait for each handshake reply: 10 seconds. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** Default time without data after which {@link ChangeListener#onIdle()} is called: 200 ms. */
  public static final Duration DEFAULT_IDLE_INTERVAL = Duration.ofMillis(200);

  /**
   * Default time without a new record on a caught-up stream after which {@link
   * ChangeListener#onCaughtUp(Duration)} is called a second time: 10 ms, more than twice the
   * longest pause (4 ms) MaxScale 24.02 made inside a stream of 10,000-row transactions while its
   * client waited for more (the delivery-pattern recording of the fixtures).
   */
  public static final Duration DEFAULT_QUIET_INTERVAL = Duration.ofMillis(10);

  /** Default bound of {@link #close()}'s wait for the reader thread: 5 seconds. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** Default largest record (JSON line, Avro block): 64 MiB. */
  public static final int DEFAULT_MAX_RECORD_SIZE = 64 * 1024 * 1024;

  /** Default time zone MaxScale renders TIMESTAMP values in: UTC. */
  public static final ZoneId DEFAULT_SERVER_TIME_ZONE = ZoneOffset.UTC;

  private static final Logger LOG = LoggerFactory.getLogger(CdcClient.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The state of a client. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** Started: the reader thread runs. */
    RUNNING,
    /** Ended: closed, idle-stopped or failed. */
    TERMINATED
  }

  private final Builder config;
  private final ChangeSource source;
  private final ReaderLoop loop;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile Thread thread;

  private CdcClient(Builder builder) {
    this.config = builder.copy();
    this.source = config.source != null ? config.source : protocolSource(config);
    SourceRequest request =
        new SourceRequest(config.table, config.version, config.start, config.declaredTypes);
    this.loop =
        new ReaderLoop(
            new ReaderLoop.Settings(
                source,
                request,
                config.listener,
                config.lifecycle,
                config.zone,
                config.idleInterval,
                config.quietInterval,
                config.stopWhenIdle,
                config.stallTimeout,
                config.reconnect,
                config.declaredTypes),
            this::ended);
  }

  private static ChangeSource protocolSource(Builder b) {
    return new CdcProtocolSource(
        new CdcProtocolConfig(
            b.host,
            b.port,
            b.credentials,
            b.format,
            b.clientId,
            b.connectTimeout,
            b.handshakeTimeout,
            b.maxRecordSize,
            b.avroSchemaLookup));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the reader thread: connects, then streams.
   *
   * @throws IllegalStateException if the client was started or closed before
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(
          "the client for " + config.table + " is " + state.get() + "; start() may be called once");
    }
    Thread t = new Thread(loop, "maxcdc-" + config.table + "-" + THREADS.incrementAndGet());
    t.setDaemon(config.daemon);
    thread = t;
    t.start();
  }

  /**
   * Waits until the client has terminated.
   *
   * @return true if it terminated normally (closed, or stopped after being idle), false if the
   *     timeout passed first
   * @throws CdcException the failure that stopped the stream, if one did
   * @throws InterruptedException if the calling thread is interrupted
   */
  public boolean awaitTermination(Duration timeout) throws CdcException, InterruptedException {
    if (!terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    Throwable t = failure.get();
    if (t instanceof CdcException e) {
      throw e;
    }
    if (t != null) {
      throw new CdcException(
          "the stream of " + config.table + " stopped on an unexpected error: " + t, t);
    }
    return true;
  }

  /** The current state. */
  public State state() {
    return state.get();
  }

  /** The failure that stopped the stream, if it stopped on one. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Position of the last change the listener returned from, if any: where to resume after. */
  public Optional<StreamPosition> lastPosition() {
    return Optional.ofNullable(loop.lastPosition());
  }

  /** Number of changes delivered to the listener. */
  public long delivered() {
    return loop.delivered();
  }

  /**
   * The client's metrics: counters {@code events} (delivered), {@code bytes} (received) and {@code
   * reconnects}, the last position delivered and its source commit time. Any thread.
   */
  @Override
  public MetricsSnapshot snapshot() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("events", loop.delivered());
    counters.put("bytes", loop.bytesRead());
    counters.put("reconnects", loop.reconnects());
    return new MetricsSnapshot(
        "client " + config.table,
        Instant.now(),
        counters,
        loop.lastPosition(),
        loop.lastSourceTimestamp());
  }

  /** Number of times the client reconnected. */
  public long reconnects() {
    return loop.reconnects();
  }

  /** The table this client follows. */
  public TableId table() {
    return config.table;
  }

  /**
   * Stops the stream and waits (up to the close timeout) for the reader thread to end. Idempotent;
   * any thread.
   */
  @Override
  public void close() {
    if (state.compareAndSet(State.NEW, State.TERMINATED)) {
      ended(null);
      return;
    }
    loop.stop();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(config.closeTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn(
            "the reader thread of {} did not end within {} ms (a listener still running?)",
            config.table,
            config.closeTimeout.toMillis());
      }
    }
  }

  private void ended(Throwable cause) {
    failure.compareAndSet(null, cause);
    state.set(State.TERMINATED);
    try {
      config.lifecycle.onClosed(config.table, cause);
    } catch (RuntimeException e) {
      LOG.warn("the lifecycle listener of {} threw in onClosed; ignored", config.table, e);
    } finally {
      terminated.countDown();
    }
  }

  @Override
  public String toString() {
    return "CdcClient[" + config.table + " from " + source.describe() + ", " + state.get() + "]";
  }

  /**
   * Builds a {@link CdcClient}. Every setter validates its argument and names it in the exception;
   * {@link #build()} checks that the required settings are there. Not thread-safe; the built client
   * keeps its own copy of the settings.
   */
  public static final class Builder {
    private String host;
    private int port;
    private Credentials credentials;
    private StreamFormat format = StreamFormat.JSON;
    private TableId table;
    private int version;
    private StartPosition start = StartPosition.beginning();
    private ChangeListener listener;
    private LifecycleListener lifecycle = new LifecycleListener() {};
    private UUID clientId = UUID.randomUUID();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Duration idleInterval = DEFAULT_IDLE_INTERVAL;
    private Duration quietInterval = DEFAULT_QUIET_INTERVAL;
    private Duration stopWhenIdle;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private ZoneId zone = DEFAULT_SERVER_TIME_ZONE;
    private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
    private boolean avroSchemaLookup = true;
    private boolean daemon = true;
    private ChangeSource source;
    private Backoff reconnect = Backoff.DEFAULT;
    private Duration stallTimeout;
    private DeclaredTypes declaredTypes;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.host = host;
      b.port = port;
      b.credentials = credentials;
      b.format = format;
      b.table = table;
      b.version = version;
      b.start = start;
      b.listener = listener;
      b.lifecycle = lifecycle;
      b.clientId = clientId;
      b.connectTimeout = connectTimeout;
      b.handshakeTimeout = handshakeTimeout;
      b.idleInterval = idleInterval;
      b.quietInterval = quietInterval;
      b.stopWhenIdle = stopWhenIdle;
      b.closeTimeout = closeTimeout;
      b.zone = zone;
      b.maxRecordSize = maxRecordSize;
      b.avroSchemaLookup = avroSchemaLookup;
      b.daemon = daemon;
      b.source = source;
      b.reconnect = reconnect;
      b.stallTimeout = stallTimeout;
      b.declaredTypes = declaredTypes;
      return b;
    }

    /** The MaxScale CDC listener: host and port (4001 in MaxScale's examples). */
    public Builder address(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * The CDC user (added with {@code maxctrl call command cdc add_user}) and its password. Only
     * the password's SHA-1 is kept; neither it nor the authentication message is ever printed or
     * logged.
     */
    public Builder credentials(String user, char[] password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isEmpty() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("user must be non-empty and contain no ':'");
      }
      this.credentials = Credentials.of(user, password);
      return this;
    }

    /** Same as {@link #credentials(String, char[])}. */
    public Builder credentials(String user, String password) {
      Objects.requireNonNull(password, "password");
      return credentials(user, password.toCharArray());
    }

    /** The stream format; default {@link StreamFormat#JSON}. */
    public Builder format(StreamFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The table to follow. */
    public Builder table(String database, String table) {
      this.table = new TableId(database, table);
      return this;
    }

    /** The table to follow. */
    public Builder table(TableId table) {
      this.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * Start at this schema version's file instead of the first ({@code REQUEST-DATA
     * db.table.NNNNNN}); 0 (default) for the first.
     */
    public Builder tableVersion(int version) {
      if (version < 0 || version > 999_999) {
        throw new IllegalArgumentException("version must be between 0 and 999999, got " + version);
      }
      this.version = version;
      return this;
    }

    /** Where to start; default {@link StartPosition#beginning()}. See {@link StartPosition}. */
    public Builder startAt(StartPosition start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** The listener receiving the changes (required). */
    public Builder listener(ChangeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The listener receiving connection, schema and end notifications; default none. */
    public Builder lifecycleListener(LifecycleListener lifecycle) {
      this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
      return this;
    }

    /** The client id sent with REGISTER; default a random UUID. */
    public Builder clientId(UUID clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /** Bound of the TCP connect; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Bound of the wait for each handshake reply; default {@link #DEFAULT_HANDSHAKE_TIMEOUT}. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * Time without data after which {@link ChangeListener#onIdle()} is called, once per idle
     * period; default {@link #DEFAULT_IDLE_INTERVAL}.
     */
    public Builder idleInterval(Duration interval) {
      this.idleInterval = positive(interval, "idleInterval");
      return this;
    }

    /**
     * Time without a new record on a stream that has caught up with its source after which {@link
     * ChangeListener#onCaughtUp(Duration)} is called again, with this duration, once per quiet
     * period; default {@link #DEFAULT_QUIET_INTERVAL}. Only sources that can tell that they are
     * caught up (a MaxScale CDC listener) give this signal; the others give {@link
     * ChangeListener#onIdle()} only.
     */
    public Builder quietInterval(Duration interval) {
      this.quietInterval = positive(interval, "quietInterval");
      return this;
    }

    /**
     * End the stream normally after this long without data (for batch jobs and tests); default:
     * never.
     */
    public Builder stopWhenIdle(Duration idle) {
      this.stopWhenIdle = positive(idle, "stopWhenIdle");
      return this;
    }

    /** Bound of {@link CdcClient#close()}'s wait; default {@link #DEFAULT_CLOSE_TIMEOUT}. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive(timeout, "closeTimeout");
      return this;
    }

    /**
     * The column types the source database declares, which MaxScale's schema lacks (DECIMAL
     * precision and scale): looked up once per schema version, so that DECIMAL values are given at
     * their column's scale and flagged when the column is wider than the double MaxScale sends them
     * as. Without them a DECIMAL is assumed to hold at most 15 significant digits. A failed lookup
     * stops the stream with its cause. {@code JdbcSink.attach} sets them from the sink's source
     * connection.
     */
    public Builder declaredTypes(DeclaredTypes types) {
      this.declaredTypes = Objects.requireNonNull(types, "types");
      return this;
    }

    /** Whether {@link #declaredTypes} was set. */
    public boolean hasDeclaredTypes() {
      return declaredTypes != null;
    }

    /**
     * The time zone MaxScale runs in, which it renders TIMESTAMP values in; default {@link
     * #DEFAULT_SERVER_TIME_ZONE}.
     */
    public Builder serverTimeZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The largest record accepted, in bytes; default {@link #DEFAULT_MAX_RECORD_SIZE}. */
    public Builder maxRecordSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            "maxRecordSize must be at least 1024 bytes, got " + bytes);
      }
      this.maxRecordSize = bytes;
      return this;
    }

    /**
     * AVRO format only: look up each schema version's MariaDB column types over a short JSON
     * connection (default true). Without them AVRO values cannot be repaired.
     */
    public Builder avroSchemaLookup(boolean lookup) {
      this.avroSchemaLookup = lookup;
      return this;
    }

    /**
     * How to reconnect when the connection drops or stalls; default {@link Backoff#DEFAULT} (for
     * ever, with backoff). {@link Backoff#never()} makes the first connection failure end the
     * stream.
     */
    public Builder reconnect(Backoff policy) {
      this.reconnect = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Reconnect after this long without data (MaxScale sends no heartbeat, so a dead peer that TCP
     * keep-alive has not detected yet looks like a quiet table); default: never. A reconnect
     * resumes exactly, so a value of a few minutes costs little on a quiet table.
     */
    public Builder stallTimeout(Duration timeout) {
      this.stallTimeout = positive(timeout, "stallTimeout");
      return this;
    }

    /** Whether the reader thread is a daemon thread; default true. */
    public Builder daemonThreads(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    /**
     * Read from another source than a MaxScale CDC listener (see {@link ChangeSource}); then {@link
     * #address} and {@link #credentials} are not used.
     */
    public Builder source(ChangeSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if the table, the listener, or (without a source) the address
     *     or credentials are missing
     */
    public CdcClient build() {
      if (table == null) {
        throw new IllegalStateException("table is required: call table(database, table)");
      }
      if (listener == null) {
        throw new IllegalStateException("listener is required: call listener(event -> ...)");
      }
      if (source == null && host == null) {
        throw new IllegalStateException("address is required: call address(host, port)");
      }
      if (source == null && credentials == null) {
        throw new IllegalStateException(
            "credentials are required: call credentials(user, password)");
      }
      return new CdcClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    @Override
    public String toString() {
      return "CdcClient.Builder["
          + table
          + " from "
          + host
          + ":"
          + port
          + " ("
          + format
          + "), "
          + credentials
          + "]";
    }
  }
}
