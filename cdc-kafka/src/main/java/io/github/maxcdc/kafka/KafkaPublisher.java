package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.internal.envelope.EnvelopeRecord;
import io.github.maxcdc.kafka.internal.envelope.EnvelopeWriter;
import io.github.maxcdc.kafka.internal.publish.KeyColumns;
import io.github.maxcdc.kafka.internal.publish.PositionReader;
import io.github.maxcdc.kafka.internal.publish.PublishTopics;
import io.github.maxcdc.kafka.internal.publish.SourceOffsets;
import io.github.maxcdc.kafka.internal.publish.SourceReread;
import io.github.maxcdc.kafka.internal.publish.TransactionalSender;
import io.github.maxcdc.kafka.internal.publish.ValueGuard;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the change events of one table to Kafka, exactly once: each change to topic {@code
 * PREFIX.db.table}, keyed by the row's key columns, as a Debezium-style JSON envelope; each schema
 * version to {@code PREFIX.maxcdc.schemas}; and, in the same Kafka transaction as the changes it
 * covers, the publisher's position to {@code PREFIX.maxcdc.positions} (the README's "Publish to
 * keyed topics" is the contract of these records). A run resumes right after the position the last
 * committed transaction recorded, so a kill loses nothing and publishes nothing twice to a {@code
 * read_committed} consumer.
 *
 * <pre>{@code
 * try (KafkaPublisher publisher = KafkaPublisher.builder()
 *         .bootstrap("kafka:9092").table(TableId.parse("shop_tx.commandes"))
 *         .keyColumns(List.of("id")).build();
 *      CdcClient client = publisher.attach(CdcClient.builder()
 *         .address("maxscale", 4001).credentials("cdcuser", password)).build()) {
 *   client.start();
 *   client.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <p>Transactions: one Kafka transaction covers whole source transactions. It is committed when a
 * change of another GTID arrives and {@link Builder#transactionEvents(int)} records or {@link
 * Builder#transactionLatency} have accumulated, when the stream is idle, and, inside a source
 * transaction too large for one, at {@link Builder#maxTransactionEvents(int)} records or {@link
 * Builder#maxTransactionLatency}: then the position inside the source transaction is recorded and
 * the next run continues after it. A failed send or commit aborts the Kafka transaction and the
 * stream stops with a {@link PublishException} ({@link PublisherFencedException} when another
 * publisher with the same id started).
 *
 * <p>Threads: the listener methods run on the client's reader thread; {@link #close()} may be
 * called from any thread. Closing aborts a transaction still open (its changes are published again
 * by the next run) and closes the producer; the client is closed by its owner, first.
 */
public final class KafkaPublisher implements ChangeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

  private final PublisherConfig config;
  private final TransactionalSender sender;
  private final EnvelopeWriter writer = new EnvelopeWriter();
  private final KeyColumns keys;
  private final ValueGuard guard;
  private final String changeTopic;
  private final String schemasTopic;
  private final String positionsTopic;
  private final StreamPosition stored; // the position read at start, or null

  // the reader thread's state, guarded by this
  private StreamPosition committed;
  private StreamPosition pending; // last change in the open transaction
  private Gtid pendingGtid;
  private int pendingRecords;
  private long openedNanos;
  private int publishedVersion; // of the last schema record sent
  private int committedVersion; // of the last schema record committed
  private long publishedRecords;
  private long transactions;
  private boolean offsetsWarned;
  private boolean closed;

  KafkaPublisher(PublisherConfig config) throws PublishException, InterruptedException {
    this.config = config;
    this.keys = new KeyColumns(config.keyColumns());
    this.guard =
        new ValueGuard(
            config.rereadFrom() == null ? null : new SourceReread(config.rereadFrom()),
            config.allowUntrusted(),
            keys);
    this.changeTopic = EnvelopeWriter.changeTopic(config.prefix(), config.table());
    this.schemasTopic = EnvelopeWriter.schemasTopic(config.prefix());
    this.positionsTopic = EnvelopeWriter.positionsTopic(config.prefix());
    if (keys.allColumns()) {
      LOG.warn(
          "{}: no key columns given, so the key of a record is the whole row: give the table's"
              + " key columns (or a source connection) so that one row's changes share a key",
          config.table());
    }
    PublishTopics.ensure(
        config.clientConfig(),
        changeTopic,
        config.partitions(),
        schemasTopic,
        positionsTopic,
        config.timeout(),
        config.bootstrap());
    this.sender =
        TransactionalSender.open(
            config.clientConfig(), config.id(), config.timeout(), config.bootstrap());
    try {
      this.stored =
          PositionReader.read(
                  config.clientConfig(),
                  positionsTopic,
                  config.id(),
                  config.table(),
                  config.timeout())
              .orElse(null);
    } catch (PublishException | RuntimeException e) {
      sender.close();
      throw e;
    }
    this.committed = stored;
  }

  /** A builder; {@link Builder#bootstrap} and {@link Builder#table} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The position read from the positions topic at start: where this run resumes, if anywhere. */
  public Optional<StreamPosition> storedPosition() {
    return Optional.ofNullable(stored);
  }

  /**
   * Where the source starts: right after the stored position (with its source offset, so a topic
   * source seeks there), or at the beginning when this publisher has published nothing yet.
   */
  public StartPosition startPosition() {
    return stored == null ? StartPosition.beginning() : StartPosition.after(stored);
  }

  /** Configures {@code client} for this publisher: the table, the start and this listener. */
  public CdcClient.Builder attach(CdcClient.Builder client) {
    return client.table(config.table()).startAt(startPosition()).listener(this);
  }

  /** The last position committed to Kafka (this run's, or the stored one), if any; any thread. */
  public synchronized Optional<StreamPosition> lastCommitted() {
    return Optional.ofNullable(committed);
  }

  /**
   * The records published (committed) by this run to the table's topic (one per change, two for an
   * update of the key); any thread.
   */
  public synchronized long publishedRecords() {
    return publishedRecords;
  }

  /** The Kafka transactions committed by this run; any thread. */
  public synchronized long transactions() {
    return transactions;
  }

  /** The topic of the table's changes. */
  public String changeTopic() {
    return changeTopic;
  }

  @Override
  public synchronized void onChange(ChangeEvent event) throws PublishException {
    if (closed) {
      throw new IllegalStateException("the publisher is closed");
    }
    event = guard.prepare(event);
    if (sender.isOpen()) {
      boolean nextTransaction = !event.gtid().equals(pendingGtid);
      long age = System.nanoTime() - openedNanos;
      if (nextTransaction
          ? pendingRecords >= config.transactionEvents()
              || age >= config.transactionLatency().toNanos()
          : pendingRecords >= config.maxTransactionEvents()
              || age >= config.maxTransactionLatency().toNanos()) {
        commit();
      }
    }
    if (!sender.isOpen()) {
      sender.begin();
      openedNanos = System.nanoTime();
    }
    if (event.schemaVersion() != publishedVersion) {
      // before the version's first change, in the same transaction; a repeat after a restart is
      // the same record again under the same key of a compacted topic
      sender.send(
          schemasTopic,
          EnvelopeWriter.schemaKey(event.schema()),
          EnvelopeWriter.schemaValue(event.schema()));
      publishedVersion = event.schemaVersion();
    }
    long now = config.clock().millis();
    for (EnvelopeRecord r : writer.encode(event, keys.of(event.schema()), now)) {
      sender.send(changeTopic, r.key(), r.value());
      pendingRecords++;
    }
    pending = event.position();
    pendingGtid = event.gtid();
  }

  @Override
  public synchronized void onIdle() throws PublishException {
    if (sender.isOpen()) {
      commit();
    }
  }

  /**
   * Drops the open transaction (the client delivers its changes again) and returns the last
   * position committed.
   */
  @Override
  public synchronized Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered) {
    abortOpen();
    return Optional.ofNullable(committed);
  }

  /** Commits the open transaction, if any: what the stream delivered so far is published. */
  public synchronized void flush() throws PublishException {
    if (sender.isOpen()) {
      commit();
    }
  }

  private void commit() throws PublishException {
    sender.send(
        positionsTopic,
        EnvelopeWriter.positionKey(config.id()),
        EnvelopeWriter.positionValue(config.table(), pending));
    sender.commit(offsets(pending), TransactionalSender.transactionalId(config.id()));
    committed = pending;
    committedVersion = publishedVersion;
    transactions++;
    publishedRecords += pendingRecords;
    pendingRecords = 0;
    pendingGtid = null;
  }

  private Map<TopicPartition, OffsetAndMetadata> offsets(StreamPosition position) {
    if (config.sourceTopic() == null || position.sourceOffset() == null) {
      return null;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets =
        SourceOffsets.parse(config.sourceTopic(), position.sourceOffset());
    if (offsets == null && !offsetsWarned) {
      offsetsWarned = true;
      LOG.warn(
          "{}: the source offset '{}' names no partition offsets: the consumer group {} is not"
              + " updated (the position record still is)",
          config.table(),
          position.sourceOffset(),
          TransactionalSender.transactionalId(config.id()));
    }
    return offsets;
  }

  private void abortOpen() {
    sender.abort();
    publishedVersion = committedVersion; // an aborted schema record is sent again
    pendingRecords = 0;
    pendingGtid = null;
  }

  /** Aborts a transaction still open and closes the producer; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      abortOpen();
      sender.close();
      guard.close();
    }
  }

  @Override
  public String toString() {
    return "KafkaPublisher["
        + config.table()
        + " -> "
        + changeTopic
        + " on "
        + config.bootstrap()
        + ", id "
        + config.id()
        + "]";
  }

  /** Configures a {@link KafkaPublisher}; every setter checks its argument. Not thread-safe. */
  public static final class Builder {
    /** Default topic prefix: {@value}. */
    public static final String DEFAULT_PREFIX = "maxcdc";

    /** Default partitions of a table's topic the publisher creates: {@value}. */
    public static final int DEFAULT_PARTITIONS = 1;

    /** Default records after which a transaction is committed at a source transaction's end. */
    public static final int DEFAULT_TRANSACTION_EVENTS = 10_000;

    /** Default age after which a transaction is committed at a source transaction's end. */
    public static final Duration DEFAULT_TRANSACTION_LATENCY = Duration.ofMillis(200);

    /** Default records after which a transaction is committed even inside a source transaction. */
    public static final int DEFAULT_MAX_TRANSACTION_EVENTS = 50_000;

    /** Default age after which a transaction is committed even inside a source transaction. */
    public static final Duration DEFAULT_MAX_TRANSACTION_LATENCY = Duration.ofSeconds(5);

    /** Default bound of every wait for the brokers: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final java.util.regex.Pattern TOPIC_TEXT =
        java.util.regex.Pattern.compile("[a-zA-Z0-9._-]+");

    private String bootstrap;
    private TableId table;
    private String prefix = DEFAULT_PREFIX;
    private int partitions = DEFAULT_PARTITIONS;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String id;
    private List<String> keyColumns = List.of();
    private boolean allowUntrusted;
    private int transactionEvents = DEFAULT_TRANSACTION_EVENTS;
    private Duration transactionLatency = DEFAULT_TRANSACTION_LATENCY;
    private int maxTransactionEvents = DEFAULT_MAX_TRANSACTION_EVENTS;
    private Duration maxTransactionLatency = DEFAULT_MAX_TRANSACTION_LATENCY;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String sourceTopic;
    private javax.sql.DataSource rereadFrom;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The brokers to publish to, {@code host:port[,host:port...]}; required. */
    public Builder bootstrap(String servers) {
      Objects.requireNonNull(servers, "servers");
      if (servers.isBlank()) {
        throw new IllegalArgumentException("bootstrap: give host:port[,host:port...]");
      }
      this.bootstrap = servers;
      return this;
    }

    /** The table whose changes are published; required. */
    public Builder table(TableId table) {
      this.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /** The topics' prefix: {@code PREFIX.db.table}; default {@value #DEFAULT_PREFIX}. */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!TOPIC_TEXT.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            "prefix must be letters, digits, '.', '_' or '-' (a Kafka topic name), got '"
                + prefix
                + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * The partitions of the table's topic when the publisher creates it (an existing topic is kept
     * as it is); default {@value #DEFAULT_PARTITIONS}. One row's changes always land on one
     * partition; a source transaction spread over several is no longer read atomically.
     */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * A Kafka client property for the producer and the publisher's admin and position reads ({@code
     * security.protocol}, {@code sasl.jaas.config}, {@code compression.type}...).
     *
     * @throws IllegalArgumentException for a property the publisher sets itself
     */
    public Builder property(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      switch (key) {
        case "bootstrap.servers",
            "key.serializer",
            "value.serializer",
            "transactional.id",
            "enable.idempotence",
            "acks",
            "isolation.level",
            "group.id" ->
            throw new IllegalArgumentException(
                key + " is set by the publisher (exactly once needs its own settings)");
        default -> properties.put(key, value);
      }
      return this;
    }

    /**
     * The publisher's id: the key of its position record and its {@code transactional.id} {@code
     * maxcdc-publish-ID}; default the table, {@code db.table}. Two publishers with the same id
     * fence each other off.
     */
    public Builder id(String id) {
      Objects.requireNonNull(id, "id");
      if (!TOPIC_TEXT.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "id must be letters, digits, '.', '_' or '-', got '" + id + "'");
      }
      this.id = id;
      return this;
    }

    /**
     * The columns whose values are a record's key, in that order (the table's primary key); none
     * (default) means the whole row, with a warning.
     */
    public Builder keyColumns(List<String> columns) {
      Objects.requireNonNull(columns, "columns");
      for (String c : columns) {
        if (c == null || c.isBlank()) {
          throw new IllegalArgumentException("keyColumns: a column name is empty");
        }
      }
      if (new java.util.HashSet<>(columns).size() != columns.size()) {
        throw new IllegalArgumentException("keyColumns: a column is given twice: " + columns);
      }
      this.keyColumns = List.copyOf(columns);
      return this;
    }

    /**
     * Whether values MaxScale damaged (an untrusted {@link Fidelity}) are published as they are,
     * flagged in the envelope's {@code untrusted}; default false: such a change stops the stream
     * with an {@link UntrustedValueException} naming the column.
     */
    public Builder allowUntrusted(boolean allow) {
      this.allowUntrusted = allow;
      return this;
    }

    /**
     * Records after which the Kafka transaction is committed when the next source transaction
     * begins; default {@value #DEFAULT_TRANSACTION_EVENTS}.
     */
    public Builder transactionEvents(int records) {
      this.transactionEvents = positive(records, "transactionEvents");
      return this;
    }

    /** Age after which the Kafka transaction is committed when the next source one begins. */
    public Builder transactionLatency(Duration latency) {
      this.transactionLatency = notNegative(latency, "transactionLatency");
      return this;
    }

    /**
     * Records after which the Kafka transaction is committed even inside a source transaction;
     * default {@value #DEFAULT_MAX_TRANSACTION_EVENTS}.
     */
    public Builder maxTransactionEvents(int records) {
      this.maxTransactionEvents = positive(records, "maxTransactionEvents");
      return this;
    }

    /** Age after which the Kafka transaction is committed even inside a source transaction. */
    public Builder maxTransactionLatency(Duration latency) {
      this.maxTransactionLatency = notNegative(latency, "maxTransactionLatency");
      return this;
    }

    /** Bound of every wait for the brokers (connect, send, commit); default 30 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "timeout must be positive and below 24 days, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The topic a {@link KafkaCdcSource} reads, when that is the source: each commit then also
     * stores the source offsets of consumer group {@code maxcdc-publish-ID}, so that Kafka's tools
     * show the publisher's lag (the position record stays the authority); null (default) for
     * another source.
     */
    public Builder sourceTopic(String topic) {
      this.sourceTopic = topic;
      return this;
    }

    /**
     * The source database (the server MaxScale replicates from), to re-read by key the values
     * MaxScale damaged, as the JDBC sink does: VARBINARY values, and the DECIMAL, binary,
     * TIMESTAMP, UUID and INET values whose fidelity is inexact, ambiguous or truncated, in the
     * after image of inserts and updates. The value published is then the source's, exact (possibly
     * newer than the change: the later changes follow). What cannot be re-read (before images, a
     * row gone from the source, BIT and JSON, a table without key columns) is published flagged in
     * {@code untrusted} instead of refused. Null (default): no re-read, see {@link
     * #allowUntrusted(boolean)}. The connection is a read-only session in UTC; the publisher closes
     * it.
     */
    public Builder rereadFrom(javax.sql.DataSource source) {
      this.rereadFrom = source;
      return this;
    }

    /** The clock of the envelopes' {@code ts_ms}; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the topics that are missing, initialises the transactional producer (fencing off a
     * previous publisher with the same id, whose open transaction is aborted) and reads the stored
     * position.
     *
     * @throws IllegalStateException if the bootstrap servers or the table are not set
     * @throws PublishException if the brokers do not answer within the timeout, or refuse
     */
    public KafkaPublisher build() throws PublishException, InterruptedException {
      if (bootstrap == null) {
        throw new IllegalStateException("bootstrap is required: the brokers to publish to");
      }
      if (table == null) {
        throw new IllegalStateException("table is required: the table whose changes to publish");
      }
      return new KafkaPublisher(
          new PublisherConfig(
              bootstrap,
              table,
              prefix,
              partitions,
              properties,
              id != null ? id : table.toString(),
              keyColumns,
              allowUntrusted,
              transactionEvents,
              transactionLatency,
              maxTransactionEvents,
              maxTransactionLatency,
              timeout,
              sourceTopic,
              rereadFrom,
              clock));
    }

    private static int positive(int n, String name) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + n);
      }
      return n;
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }
  }
}
