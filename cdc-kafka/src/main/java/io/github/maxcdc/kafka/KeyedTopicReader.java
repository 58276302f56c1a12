package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.ConnectionClosedException;
import io.github.maxcdc.kafka.internal.KafkaConfig;
import io.github.maxcdc.kafka.internal.envelope.EnvelopeDecoder;
import io.github.maxcdc.kafka.internal.envelope.GroupLoop;
import io.github.maxcdc.kafka.internal.envelope.MergedLoop;
import io.github.maxcdc.kafka.internal.envelope.ReadLoop;
import io.github.maxcdc.kafka.internal.envelope.SchemaCatalog;
import io.github.maxcdc.position.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the keyed topics {@code maxcdc publish} writes (one topic per table, {@code
 * PREFIX.db.table}, keyed by primary key, a Debezium-style JSON envelope per change) and hands
 * typed change events to listeners: the values were repaired before they were published, so they
 * arrive as {@code publish} read them, with their fidelity ({@code untrusted}). Schemas come from
 * the schemas topic ({@code PREFIX.maxcdc.schemas}). Records are read committed only.
 *
 * <p>Two ways to read:
 *
 * <ul>
 *   <li><b>One consumer</b> ({@link Builder#listener}): every partition of the topics is read and
 *       merged back into (GTID, event number) order, so that each source transaction reaches the
 *       listener whole and in order (a {@code JdbcSink} then applies it atomically). Each event's
 *       {@link io.github.maxcdc.position.StreamPosition#sourceOffset()} holds every partition's
 *       next offset: {@link Builder#startAt} a stored position resumes exactly there.
 *       <pre>{@code
 * try (JdbcSink sink = JdbcSink.builder().jdbcUrl(url, user, password)
 *         .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw")).build();
 *     KeyedTopicReader reader = KeyedTopicReader.builder()
 *         .bootstrapServers("kafka:9092").topics("maxcdc.shop_tx.commandes")
 *         .listener(sink).startAt(sink.startPosition()).build()) {
 *   reader.start();
 *   reader.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *   <li><b>A consumer group</b> ({@link Builder#group}): run the same program N times with one
 *       group id; each member applies the partitions the group assigns to it, each through a {@link
 *       PartitionApplier} of its own (a {@code JdbcSink} whose stream id names the partition),
 *       seeking the offset that applier made durable. Per-key order is kept (a key's changes are in
 *       one partition); a source transaction whose rows span partitions is no longer applied
 *       atomically.
 *       <pre>{@code
 * KeyedTopicReader member = KeyedTopicReader.builder()
 *     .bootstrapServers("kafka:9092").topics("maxcdc.shop_tx.commandes")
 *     .group("dw-loader", (topic, partition) -> {
 *       JdbcSink sink = JdbcSink.builder().jdbcUrl(url, user, password)
 *           .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
 *           .streamId("shop_tx.commandes->shop_dw.commandes_dw@" + topic + "-" + partition)
 *           .build();
 *       return PartitionApplier.of(sink, sink::lastApplied);
 *     }).build();
 * }</pre>
 * </ul>
 *
 * <p>Threads: {@link #start()} starts one reader thread (named {@code maxcdc-kafka-<topics>},
 * daemon) that owns the consumer; listeners, appliers and their factory run on it, one event at a
 * time, in order (merged order with one consumer, each partition's order in a group). A failure (a
 * record that is not an envelope, a missing schema, a listener that throws, a stored offset outside
 * its partition: {@link StoredOffsetException}) stops the reader; {@link #awaitTermination} throws
 * it. {@link #close()} is idempotent, from any thread: it stops the thread and waits for it
 * (bounded); the appliers of a group are closed (committing what they hold) before the member
 * leaves the group. The one listener of a single consumer is the caller's to close.
 */
public final class KeyedTopicReader implements AutoCloseable {
  /** Default time without data before the listeners' {@code onIdle}: 100 ms. */
  public static final Duration DEFAULT_IDLE_INTERVAL = Duration.ofMillis(100);

  /** Default wait for a quiet partition before merging past it: 100 ms. */
  public static final Duration DEFAULT_MERGE_WAIT = Duration.ofMillis(100);

  /** Default time the broker has to answer: 30 s. */
  public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(30);

  /** Default interval of the offset commits to Kafka of a group: 1 s. */
  public static final Duration DEFAULT_KAFKA_COMMIT_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(KeyedTopicReader.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

  private final Builder config;
  private final String name;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile ReadLoop loop; // set by the reader thread once opened
  private volatile boolean closed;
  private volatile boolean started;
  private volatile Throwable failure;
  private Thread thread;

  private KeyedTopicReader(Builder b) {
    this.config = b.copy();
    this.name = String.join(",", b.topics) + (b.group == null ? "" : " (group " + b.group + ")");
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the reader thread.
   *
   * @throws IllegalStateException if started or closed before
   */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException(
          "a reader starts once; it was " + (closed ? "closed" : "started"));
    }
    started = true;
    thread = new Thread(this::run, "maxcdc-kafka-" + String.join(",", config.topics));
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Waits until the reader has ended: idle for {@link Builder#stopWhenIdle}, closed, or failed.
   *
   * @return true if it has ended, false if {@code timeout} passed first
   * @throws CdcException what stopped it, if it failed
   */
  public boolean awaitTermination(Duration timeout) throws CdcException, InterruptedException {
    if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    Throwable f = failure;
    if (f instanceof CdcException e) {
      throw e;
    }
    if (f != null) {
      throw new CdcException("reading " + name + " failed: " + f, f);
    }
    return true;
  }

  /** The failure that stopped the reader, if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Changes delivered since the start; any thread. */
  public long delivered() {
    ReadLoop l = loop;
    return l == null ? 0 : l.delivered();
  }

  private void run() {
    boolean failed = false;
    ReadLoop l = null;
    try {
      l = config.newLoop();
      l.open();
      loop = l;
      if (closed) {
        return;
      }
      read(l);
    } catch (ConnectionClosedException e) {
      if (!closed) {
        failure = e;
        failed = true;
      }
    } catch (TimeoutException e) {
      failure = new CdcTimeoutException("no answer from the Kafka broker " + config.servers, e);
      failed = true;
    } catch (Throwable e) {
      failure = e;
      failed = true;
    } finally {
      if (l != null) {
        try {
          l.close(failed);
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      ended.countDown();
    }
  }

  private void read(ReadLoop l) throws CdcException {
    long lastData = System.nanoTime();
    boolean idleNotified = false;
    long idleNanos = config.idleInterval.toNanos();
    Duration poll =
        config.idleInterval.compareTo(Duration.ofMillis(50)) < 0
            ? config.idleInterval
            : Duration.ofMillis(50);
    while (!closed) {
      if (l.step(poll) || l.holding()) {
        lastData = System.nanoTime();
        idleNotified = false;
        continue;
      }
      long quiet = System.nanoTime() - lastData;
      if (!idleNotified && quiet >= idleNanos) {
        l.idle();
        idleNotified = true;
      }
      if (config.stopWhenIdle != null && quiet >= config.stopWhenIdle.toNanos()) {
        l.idle();
        LOG.info("{}: no data for {} ms, stopping", name, config.stopWhenIdle.toMillis());
        return;
      }
    }
  }

  /**
   * Stops the reader and waits (bounded) for its thread; idempotent, any thread. A group's appliers
   * commit what they hold and are closed before the member leaves the group.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    ReadLoop l = loop;
    if (l != null) {
      l.wakeup();
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(CLOSE_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "KeyedTopicReader[" + name + " on " + config.servers + "]";
  }

  /**
   * Configures a {@link KeyedTopicReader}; every setter validates its argument. Not thread-safe.
   */
  public static final class Builder {
    private String servers;
    private List<String> topics = List.of();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private ChangeListener listener;
    private StartPosition start = StartPosition.beginning();
    private String group;
    private PartitionApplier.Factory appliers;
    private String schemaTopic;
    private Duration idleInterval = DEFAULT_IDLE_INTERVAL;
    private Duration stopWhenIdle;
    private Duration mergeWait = DEFAULT_MERGE_WAIT;
    private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
    private Duration kafkaCommitInterval = DEFAULT_KAFKA_COMMIT_INTERVAL;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.servers = servers;
      b.topics = topics;
      b.properties.putAll(properties);
      b.listener = listener;
      b.start = start;
      b.group = group;
      b.appliers = appliers;
      b.schemaTopic = schemaTopic;
      b.idleInterval = idleInterval;
      b.stopWhenIdle = stopWhenIdle;
      b.mergeWait = mergeWait;
      b.openTimeout = openTimeout;
      b.kafkaCommitInterval = kafkaCommitInterval;
      return b;
    }

    /** The brokers, {@code host:port[,host:port...]}; required. */
    public Builder bootstrapServers(String servers) {
      Objects.requireNonNull(servers, "servers");
      if (servers.isBlank()) {
        throw new IllegalArgumentException("servers must not be blank");
      }
      this.servers = servers;
      return this;
    }

    /**
     * The table topics to read ({@code maxcdc.shop_tx.commandes}), one or more; required.
     *
     * @throws IllegalArgumentException if none is given, one is blank or given twice
     */
    public Builder topics(String... topics) {
      Objects.requireNonNull(topics, "topics");
      List<String> list = new ArrayList<>();
      for (String t : topics) {
        Objects.requireNonNull(t, "topic");
        if (t.isBlank() || list.contains(t)) {
          throw new IllegalArgumentException(
              "topics must be distinct and not blank, got " + List.of(topics));
        }
        list.add(t);
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("topics: give at least one topic");
      }
      this.topics = List.copyOf(list);
      return this;
    }

    /**
     * A Kafka consumer property ({@code security.protocol}, {@code session.timeout.ms}...).
     *
     * @throws IllegalArgumentException for a property the reader sets itself (deserializers,
     *     offsets, isolation level, group id: see {@link #group})
     */
    public Builder property(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (KafkaConfig.RESERVED.contains(key)) {
        throw new IllegalArgumentException(
            key
                + " is set by the reader"
                + (key.equals("group.id") ? ": give the group with group(id, appliers)" : ""));
      }
      properties.put(key, value);
      return this;
    }

    /**
     * Reads every partition with one consumer, merged into source order, into {@code listener}
     * (exclusive with {@link #group}).
     */
    public Builder listener(ChangeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Where a single consumer starts: a position with a source offset (a {@code JdbcSink}'s
     * checkpoint) is sought exactly; without one (or at a GTID) the topics are read from their
     * beginning and what precedes the start is skipped. Default: the beginning.
     */
    public Builder startAt(StartPosition start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Joins consumer group {@code groupId}: each assigned partition is applied by the applier
     * {@code appliers} opens for it (exclusive with {@link #listener}).
     */
    public Builder group(String groupId, PartitionApplier.Factory appliers) {
      Objects.requireNonNull(groupId, "groupId");
      if (groupId.isBlank()) {
        throw new IllegalArgumentException("groupId must not be blank");
      }
      this.group = groupId;
      this.appliers = Objects.requireNonNull(appliers, "appliers");
      return this;
    }

    /**
     * The schemas topic; default: {@code PREFIX.maxcdc.schemas} of a topic {@code PREFIX.db.table}.
     */
    public Builder schemaTopic(String topic) {
      Objects.requireNonNull(topic, "topic");
      if (topic.isBlank()) {
        throw new IllegalArgumentException("topic must not be blank");
      }
      this.schemaTopic = topic;
      return this;
    }

    /**
     * Time without data before the listeners' {@code onIdle}; default {@link
     * #DEFAULT_IDLE_INTERVAL}.
     */
    public Builder idleInterval(Duration interval) {
      this.idleInterval = positive(interval, "idleInterval");
      return this;
    }

    /** Ends the reader normally after this long without data; default: never. */
    public Builder stopWhenIdle(Duration idle) {
      this.stopWhenIdle = positive(idle, "stopWhenIdle");
      return this;
    }

    /**
     * How long a partition read to its end must be quiet before the merge goes past it (single
     * consumer); default {@link #DEFAULT_MERGE_WAIT}.
     */
    public Builder mergeWait(Duration wait) {
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("mergeWait must not be negative, got " + wait);
      }
      this.mergeWait = wait;
      return this;
    }

    /** How long the broker has to answer; default {@link #DEFAULT_OPEN_TIMEOUT}. */
    public Builder openTimeout(Duration timeout) {
      this.openTimeout = positive(timeout, "openTimeout");
      return this;
    }

    /**
     * How often a group member commits the offsets its appliers made durable to Kafka, for Kafka's
     * tools (lag); never read back. Null: never. Default {@link #DEFAULT_KAFKA_COMMIT_INTERVAL}.
     */
    public Builder kafkaCommitInterval(Duration interval) {
      this.kafkaCommitInterval =
          interval == null ? null : positive(interval, "kafkaCommitInterval");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    /**
     * Builds the reader.
     *
     * @throws IllegalStateException if the brokers or topics are missing, or not exactly one of a
     *     listener and a group is given
     */
    public KeyedTopicReader build() {
      if (servers == null) {
        throw new IllegalStateException("bootstrapServers is required, e.g. kafka:9092");
      }
      if (topics.isEmpty()) {
        throw new IllegalStateException("topics is required, e.g. maxcdc.shop_tx.commandes");
      }
      if ((listener == null) == (group == null)) {
        throw new IllegalStateException(
            "give either a listener (one consumer, source order) or a group (partitions applied"
                + " in parallel), not "
                + (listener == null ? "neither" : "both"));
      }
      if (group != null && !(start instanceof StartPosition.Beginning)) {
        throw new IllegalStateException(
            "startAt applies to one consumer: a group's partitions start at their appliers'"
                + " last positions");
      }
      return new KeyedTopicReader(this);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String clientId, String groupId) {
      Map<String, Object> c = KafkaConfig.consumer(servers, properties, clientId);
      if (groupId != null) {
        c.put("group.id", groupId);
      }
      return new KafkaConsumer<>(c);
    }

    private ReadLoop newLoop() throws CdcException {
      String from = String.join(",", topics) + " on " + servers;
      SchemaCatalog schemas =
          new SchemaCatalog(
              () -> consumer("maxcdc-schemas-" + topics.get(0), null), schemaTopic, openTimeout);
      EnvelopeDecoder decoder = new EnvelopeDecoder(schemas);
      KafkaConsumer<byte[], byte[]> consumer = consumer("maxcdc-" + topics.get(0), group);
      try {
        if (group != null) {
          for (String topic : topics) {
            TopicFormat.partitions(consumer, servers, topic, openTimeout); // exists
          }
          return new GroupLoop(
              consumer,
              topics,
              appliers,
              decoder,
              openTimeout,
              kafkaCommitInterval,
              from + " (group " + group + ")");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
          partitions.addAll(TopicFormat.partitions(consumer, servers, topic, openTimeout));
        }
        return new MergedLoop(
            consumer, partitions, listener, start, decoder, openTimeout, mergeWait, from);
      } catch (CdcException | RuntimeException e) {
        try {
          consumer.close();
        } catch (KafkaException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }
}
