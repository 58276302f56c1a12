package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.protocol.Users;
import io.github.maxcdc.testkit.internal.replay.ReplayHandler;
import io.github.maxcdc.testkit.internal.replay.Transcript;
import io.github.maxcdc.testkit.internal.scripted.ReplicationListener;
import io.github.maxcdc.testkit.internal.scripted.ScriptedDatabase;
import io.github.maxcdc.testkit.internal.server.DirectoryPoller;
import io.github.maxcdc.testkit.internal.server.FaultPlan;
import io.github.maxcdc.testkit.internal.server.Quiet;
import io.github.maxcdc.testkit.internal.server.ServerCore;
import io.github.maxcdc.testkit.internal.session.CdcSession;
import io.github.maxcdc.testkit.internal.store.AvroStore;
import io.github.maxcdc.testkit.internal.store.DirectoryStore;
import io.github.maxcdc.testkit.internal.store.MemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A fake MariaDB MaxScale CDC server (avrorouter + CDC listener) for tests, faithful to MaxScale
 * 24.02.3 byte for byte, listening on an ephemeral port of 127.0.0.1. It serves one of three
 * sources:
 *
 * <ul>
 *   <li>scripted tables (the default): create tables and change rows from the test; every statement
 *       gets a GTID and is streamed at once to connected clients, in JSON or AVRO, with MaxScale's
 *       type conversions and quirks;
 *   <li>an avrorouter directory ({@link Builder#avroDirectory}): {@code .avro}/{@code .avsc} files
 *       as MaxScale writes them, followed live as they grow;
 *   <li>a recorded conversation ({@link Builder#replay}), replayed byte for byte.
 * </ul>
 *
 * <pre>{@code
 * try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", "cdcpass").build()) {
 *     ScriptedTable t = server.createTable("shop", "orders", TableDefinition.builder()
 *             .column("id", "INT").primaryKey("id")
 *             .column("status", "VARCHAR(20)")
 *             .build());
 *     t.insert(Map.of("id", 1, "status", "NEW"));            // GTID 0-1-2
 *     // connect a client to server.host():server.port(), REQUEST-DATA shop.orders
 *     t.update(Map.of("id", 1), Map.of("status", "PAID"));   // streamed live
 *     assertEquals(ClientMessage.Kind.AUTHENTICATION, server.takeMessage(Duration.ofSeconds(5)).orElseThrow().kind());
 * }
 * }</pre>
 *
 * <p>Scripted tables can also be written to a Kafka topic as MaxScale's KafkaCDC router writes
 * them, see {@link Builder#kafkaCdc} and {@link FakeKafkaCdc}.
 *
 * <p>The server is started by {@link Builder#build()} and stopped by {@link #close()}, which closes
 * every connection and returns once its threads (all daemon threads named {@code
 * fake-maxscale-<port>-...}) have ended. All methods are thread-safe.
 */
public final class FakeMaxScale implements AutoCloseable {
  /** The host the server listens on. */
  public static final String HOST = "127.0.0.1";

  /** The user accepted when no {@link Builder#user} is configured. */
  public static final String DEFAULT_USER = "cdcuser";

  /** The password of {@link #DEFAULT_USER}. */
  public static final String DEFAULT_PASSWORD = "cdcpass";

  /** MaxScale's default time zone here: UTC (TIMESTAMP values are rendered in it). */
  public static final ZoneId DEFAULT_TIME_ZONE = ZoneOffset.UTC;

  /** Default GTID domain of scripted transactions. */
  public static final long DEFAULT_GTID_DOMAIN = 0;

  /** Default server id of scripted transactions. */
  public static final long DEFAULT_SERVER_ID = 1;

  /** Default sequence of the first scripted GTID (as after {@code RESET MASTER}). */
  public static final long DEFAULT_FIRST_SEQUENCE = 1;

  /** Default interval between two scans of an avrorouter directory. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

  private final ServerCore core;
  private final ScriptedDatabase database;
  private final MemoryStore memory;
  private final DirectoryPoller poller;
  private final FakeKafkaCdc kafkaCdc;
  private final boolean replay;

  private FakeMaxScale(Builder b) {
    replay = b.replay != null;
    memory = replay || b.avroDirectory != null ? null : new MemoryStore();
    kafkaCdc = b.kafkaCdc == null ? null : b.kafkaCdc.build();
    try {
      core = new ServerCore(b.port, handlers(b, memory), "fake-maxscale");
    } catch (RuntimeException | Error e) {
      if (kafkaCdc != null) {
        kafkaCdc.close();
      }
      throw e;
    }
    database =
        memory == null
            ? null
            : new ScriptedDatabase(
                new ScriptedDatabase.Config(
                    b.gtidDomain,
                    b.serverId,
                    b.firstSequence,
                    b.clock,
                    b.timeZone,
                    b.codec == AvroCodec.DEFLATE),
                memory,
                core::wakeAll,
                kafkaCdc == null ? ReplicationListener.NONE : kafkaCdc.listener());
    poller =
        b.avroDirectory == null
            ? null
            : new DirectoryPoller(
                b.avroDirectory,
                b.pollInterval,
                core::wakeAll,
                "fake-maxscale-" + core.port() + "-poller");
  }

  private static ServerCore.HandlerFactory handlers(Builder b, MemoryStore memory) {
    if (b.replay != null) {
      Transcript transcript = b.replay.transcript();
      return (out, fault, label) -> new ReplayHandler(transcript, out, label);
    }
    Users users = new Users(b.users());
    AvroStore store = memory != null ? memory : new DirectoryStore(b.avroDirectory);
    return (out, fault, label) ->
        new CdcSession(
            users, store, out, fault.type() == FaultPlan.Type.REFUSE_AUTHENTICATION, label);
  }

  /**
   * Starts configuring a server.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the host to connect to.
   *
   * @return {@value #HOST}
   */
  public String host() {
    return HOST;
  }

  /**
   * Returns the port to connect to.
   *
   * @return the listening port
   */
  public int port() {
    return core.port();
  }

  private ScriptedDatabase scripted() {
    if (database == null) {
      throw new IllegalStateException(
          "only a server without avroDirectory(...) or replay(...) has scripted tables");
    }
    return database;
  }

  /**
   * Executes {@code CREATE DATABASE}: consumes one GTID (tables can be created without it, but the
   * recordings' GTIDs count it).
   *
   * @param name database name
   * @return the statement's GTID, e.g. {@code "0-1-1"}
   */
  public String createDatabase(String name) {
    checkIdentifier(name, "name");
    return scripted().otherStatement();
  }

  /**
   * Executes {@code CREATE TABLE}: consumes one GTID. As in MaxScale, the table's files ({@code
   * db.table.000001.avro}/{@code .avsc}) only appear with its first row; until then a {@code
   * REQUEST-DATA} gets {@code ERR NO-FILE}.
   *
   * @param database database name
   * @param table table name
   * @param definition columns and keys
   * @return the table, to insert, update and delete rows
   * @throws IllegalArgumentException if the table exists or a name is not a plain identifier
   */
  public ScriptedTable createTable(String database, String table, TableDefinition definition) {
    checkIdentifier(database, "database");
    checkIdentifier(table, "table");
    Objects.requireNonNull(definition, "definition");
    return new ScriptedTable(
        scripted(),
        scripted()
            .createTable(
                database,
                table,
                definition.columns(),
                definition.primaryKey(),
                definition.autoIncrement()));
  }

  private static void checkIdentifier(String name, String what) {
    Objects.requireNonNull(name, what);
    if (!name.matches("[A-Za-z0-9_$]+")) {
      throw new IllegalArgumentException(
          what + " must be a plain identifier ([A-Za-z0-9_$]+), got '" + name + "'");
    }
  }

  /**
   * Runs several statements as one transaction: one GTID, row events numbered 1..n, possibly on
   * several tables. If {@code work} throws, nothing is committed and the exception propagates. A
   * transaction that changes no row uses no GTID. Other scripted calls wait until it ends; DDL
   * inside it is refused.
   *
   * @param work the statements
   */
  public void transaction(Consumer<Transaction> work) {
    Objects.requireNonNull(work, "work");
    scripted().transaction(tx -> work.accept(new TransactionAdapter(tx)));
  }

  /**
   * Returns the last GTID of the scripted source (what MaxScale writes to {@code
   * current_gtid.txt}).
   *
   * @return the GTID, or empty before the first statement
   */
  public Optional<String> lastGtid() {
    return scripted().lastGtid();
  }

  /**
   * Writes the scripted source's avrorouter files to a directory, as MaxScale has them on disk;
   * serve them later with {@link Builder#avroDirectory}.
   *
   * @param directory an existing directory
   * @throws IOException if writing fails
   */
  public void exportAvroDirectory(Path directory) throws IOException {
    scripted();
    memory.exportTo(directory);
  }

  /**
   * Returns the fake KafkaCDC router that also writes the scripted source's changes to a topic.
   *
   * @return the router configured with {@link Builder#kafkaCdc}
   * @throws IllegalStateException if none was configured
   */
  public FakeKafkaCdc kafkaCdc() {
    if (kafkaCdc == null) {
      throw new IllegalStateException("no KafkaCDC router: configure one with Builder.kafkaCdc");
    }
    return kafkaCdc;
  }

  /**
   * Plans a fault for the next connection that the server accepts (faults queue up, one per
   * connection).
   *
   * @param fault the fault
   */
  public void enqueueFault(Fault fault) {
    core.enqueueFault(plan(fault));
  }

  /**
   * Sets the fault of every future connection that finds no queued fault; {@link Fault#none()}
   * clears it.
   *
   * @param fault the fault
   */
  public void setFaultForAllConnections(Fault fault) {
    core.setDefaultFault(plan(fault));
  }

  private FaultPlan plan(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    if (replay) {
      fault.checkReplayable();
    }
    return fault.plan();
  }

  /**
   * Closes every open connection now, as a MaxScale restart would; new connections are accepted.
   */
  public void dropAllConnections() {
    core.dropAll();
  }

  /**
   * Returns the number of connections accepted since the server started.
   *
   * @return connection count
   */
  public int connectionCount() {
    return core.acceptedCount();
  }

  /**
   * Returns the number of connections currently open.
   *
   * @return open connection count
   */
  public int openConnectionCount() {
    return core.liveCount();
  }

  /**
   * Waits until the server has accepted at least {@code count} connections.
   *
   * @param count expected number of connections since start
   * @param timeout how long to wait
   * @return true if reached, false on timeout
   */
  public boolean awaitConnectionCount(int count, Duration timeout) {
    return core.awaitAccepted(count, Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Takes the oldest client message not taken yet, waiting up to {@code timeout} (like
   * MockWebServer's {@code takeRequest}). The server keeps the last 10,000 messages.
   *
   * @param timeout how long to wait
   * @return the message, or empty on timeout
   */
  public Optional<ClientMessage> takeMessage(Duration timeout) {
    return core.messages()
        .take(Objects.requireNonNull(timeout, "timeout"))
        .map(
            m ->
                new ClientMessage(
                    m.connection(),
                    m.index(),
                    ClientMessage.Kind.valueOf(m.kind().name()),
                    m.bytes(),
                    m.receivedAt()));
  }

  /**
   * Waits until the session of one connection has nothing more to write: it has handled the {@code
   * clientBytes} bytes its client sent and every change made before this call (an avrorouter
   * directory is scanned again first), and waits for new data; or it is stalled by a fault; or it
   * has ended. For the testkit's own tests, which then check that their client has read every byte
   * written.
   *
   * @param clientPort the client's local port
   * @param clientBytes how many bytes the client has sent
   * @param timeout how long to wait
   * @return the connection when it was quiet, or empty on timeout
   */
  Optional<Quiet> awaitQuiet(int clientPort, long clientBytes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (poller != null && !poller.awaitScan(timeout)) {
      return Optional.empty();
    }
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    return core.awaitQuiet(clientPort, clientBytes, left);
  }

  /**
   * Stops the server: closes the listening socket and every connection, and joins its threads.
   * Idempotent.
   */
  @Override
  public void close() {
    if (poller != null) {
      poller.close();
    }
    core.close();
    if (kafkaCdc != null) {
      kafkaCdc.close();
    }
  }

  @Override
  public String toString() {
    return "FakeMaxScale[" + HOST + ":" + port() + "]";
  }

  /**
   * Configures and starts a {@link FakeMaxScale}. Every setter validates its argument and names it
   * in the exception. Not thread-safe.
   */
  public static final class Builder {
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    private final Map<String, String> users = new LinkedHashMap<>();
    private ZoneId timeZone = DEFAULT_TIME_ZONE;
    private long gtidDomain = DEFAULT_GTID_DOMAIN;
    private long serverId = DEFAULT_SERVER_ID;
    private long firstSequence = DEFAULT_FIRST_SEQUENCE;
    private Clock clock = Clock.systemUTC();
    private AvroCodec codec = AvroCodec.NULL;
    private boolean scriptedOptionSet;
    private Path avroDirectory;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Recording replay;
    private FakeKafkaCdc.Builder kafkaCdc;
    private int port;

    private Builder() {}

    /**
     * Adds a CDC user (as {@code maxctrl call command cdc add_user} does); call it again for more
     * users. Without any, {@value #DEFAULT_USER}/{@value #DEFAULT_PASSWORD} is accepted.
     *
     * @param name user name, without ':'
     * @param password password
     * @return this builder
     */
    public Builder user(String name, String password) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      if (name.isEmpty() || name.indexOf(':') >= 0) {
        throw new IllegalArgumentException("name must be non-empty and contain no ':'");
      }
      users.put(name, password);
      return this;
    }

    Map<String, String> users() {
      return users.isEmpty() ? Map.of(DEFAULT_USER, DEFAULT_PASSWORD) : users;
    }

    /**
     * Sets MaxScale's time zone, in which TIMESTAMP columns are rendered (and in which DATETIME
     * {@code CURRENT_TIMESTAMP} defaults are taken). Default {@link #DEFAULT_TIME_ZONE}.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder timeZone(ZoneId zone) {
      this.timeZone = Objects.requireNonNull(zone, "zone");
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Sets the GTID domain of scripted statements. Default {@value #DEFAULT_GTID_DOMAIN}.
     *
     * @param domain 0..4294967295
     * @return this builder
     */
    public Builder gtidDomain(long domain) {
      this.gtidDomain = uint32(domain, "domain");
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Sets the server id of scripted statements. Default {@value #DEFAULT_SERVER_ID}.
     *
     * @param serverId 0..4294967295
     * @return this builder
     */
    public Builder serverId(long serverId) {
      this.serverId = uint32(serverId, "serverId");
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Sets the sequence number of the first scripted GTID. Default {@value
     * #DEFAULT_FIRST_SEQUENCE}. MaxScale stores sequences in an Avro int, so values above
     * 2147483647 wrap in the stream.
     *
     * @param sequence 1 or more
     * @return this builder
     */
    public Builder firstGtidSequence(long sequence) {
      if (sequence < 1) {
        throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
      }
      this.firstSequence = sequence;
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Sets the clock of scripted statements. It is read exactly once at the start of each statement
     * or transaction (DDL included, so once per GTID); the reading becomes the {@code timestamp}
     * field of its rows and the value of {@code CURRENT_TIMESTAMP} defaults. Default {@link
     * Clock#systemUTC()}.
     *
     * @param clock the clock, e.g. {@code Clock.fixed(...)} for reproducible streams
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Sets the avrorouter codec of scripted tables. Default {@link AvroCodec#NULL}; see {@link
     * AvroCodec#DEFLATE} for what MaxScale then sends to AVRO clients.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(AvroCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Serves an avrorouter directory ({@code db.table.NNNNNN.avro} and {@code .avsc} files, as
     * MaxScale writes them) instead of scripted tables. The directory is scanned every {@link
     * #pollInterval}; any change wakes the streaming clients, so files that grow are followed live.
     * See {@link BuiltInAvroDirectory} for the directories of the recordings.
     *
     * @param directory an existing directory
     * @return this builder
     */
    public Builder avroDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("directory does not exist: " + directory);
      }
      if (replay != null) {
        throw new IllegalStateException("replay(...) is already set; a server has one source");
      }
      this.avroDirectory = directory;
      return this;
    }

    /**
     * Sets how often an {@link #avroDirectory} is scanned for changes. Default {@link
     * #DEFAULT_POLL_INTERVAL}.
     *
     * @param interval positive duration
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive, got " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Replays a recorded conversation on every connection instead of serving data.
     *
     * @param recording the recording
     * @return this builder
     */
    public Builder replay(Recording recording) {
      Objects.requireNonNull(recording, "recording");
      if (avroDirectory != null) {
        throw new IllegalStateException(
            "avroDirectory(...) is already set; a server has one source");
      }
      this.replay = recording;
      return this;
    }

    /**
     * Also writes the scripted tables' changes to a Kafka topic (or to memory) as MaxScale's
     * KafkaCDC router does, from the first statement on; see {@link FakeKafkaCdc}. Default: no
     * KafkaCDC router.
     *
     * <pre>{@code
     * FakeMaxScale.builder().kafkaCdc(FakeKafkaCdc.toTopic(kafka.bootstrapServers(), "cdc")).build();
     * }</pre>
     *
     * @param router the router's configuration
     * @return this builder
     */
    public Builder kafkaCdc(FakeKafkaCdc.Builder router) {
      this.kafkaCdc = Objects.requireNonNull(router, "router");
      scriptedOptionSet = true;
      return this;
    }

    /**
     * Sets the port on 127.0.0.1. Default 0: an ephemeral port, see {@link FakeMaxScale#port()}.
     *
     * @param port 0..65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    private static long uint32(long value, String name) {
      if (value < 0 || value > MAX_UINT32) {
        throw new IllegalArgumentException(
            name + " must be in 0.." + MAX_UINT32 + ", got " + value);
      }
      return value;
    }

    /**
     * Starts the server.
     *
     * @return the running server; close it
     * @throws IllegalStateException if scripted-table options were set for a directory or replay
     *     server, or the KafkaCDC router's topic cannot be found
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public FakeMaxScale build() {
      if (scriptedOptionSet && (avroDirectory != null || replay != null)) {
        throw new IllegalStateException(
            "timeZone, gtidDomain, serverId, firstGtidSequence, clock, codec and kafkaCdc "
                + "only apply to scripted tables, not to avroDirectory(...) or replay(...)");
      }
      return new FakeMaxScale(this);
    }
  }
}
