package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.kafkacdc.KafkaCdcRouter;
import io.github.maxcdc.testkit.internal.kafkacdc.MemorySink;
import io.github.maxcdc.testkit.internal.kafkacdc.RecordSink;
import io.github.maxcdc.testkit.internal.kafkacdc.TopicSink;
import io.github.maxcdc.testkit.internal.scripted.ReplicationListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fake of MaxScale 24.02.3's KafkaCDC router for the scripted tables of a {@link FakeMaxScale}:
 * every table created or altered and every committed transaction is also written to a Kafka topic
 * (or kept in memory) exactly as KafkaCDC writes it, byte for byte (recordings under {@value
 * KafkaCdcRecording#BUILT_IN_PATH}). Pipelines that read KafkaCDC topics can so be tested like
 * {@link FakeMaxScale} lets clients of the CDC protocol be tested.
 *
 * <pre>{@code
 * kafka.createTopic("shop_tx_cdc", 3);
 * try (FakeMaxScale server = FakeMaxScale.builder()
 *         .kafkaCdc(FakeKafkaCdc.toTopic(kafka.bootstrapServers(), "shop_tx_cdc"))
 *         .build()) {
 *     ScriptedTable orders = server.createTable("shop", "orders", definition); // schema record
 *     orders.insert(Map.of("id", 1, "status", "NEW"));    // key 0-1-2:1, in the topic on return
 *     server.kafkaCdc().killDuringNextTransaction(1);      // the next one loses all but 1 row
 * }
 * }</pre>
 *
 * <p>What is written: a <em>schema record</em> when a table is created, and when it is altered
 * after the router has seen a row of its current version (the avrorouter's rule for a new version;
 * an ALTER before any row changes nothing in the topic); its value is the avrorouter's {@code
 * .avsc} JSON, its key the GTID of the DDL ({@code 0-1-2}). Then one <em>row record</em> per row
 * image, an update giving {@code update_before} then {@code update_after}: the avrorouter's JSON
 * row, compact, with {@code "table_schema"} and {@code "table_name"} after {@code event_type},
 * keyed {@code GTID:event_number} ({@code 0-1-10:2}). Values differ from the CDC protocol's where
 * MaxScale's routers differ: BIT is {@code 0} (not {@code ""}), JSON keeps its text (not {@code
 * ""}), INT UNSIGNED, {@code sequence} and {@code timestamp} do not wrap at 2^31, and a value that
 * is not valid UTF-8 is not written as hex (see {@link Builder#loseInvalidUtf8}). No
 * end-of-transaction record, no headers. Each record's timestamp ({@code CreateTime}) is its
 * statement's time on the server's clock.
 *
 * <p>Partitions: as librdkafka's default partitioner ({@code consistent_random}), which KafkaCDC
 * uses: the CRC-32 of the key modulo the topic's partition count (not the Java client's murmur2),
 * so the records of one transaction, and the two halves of one update, land on different partitions
 * (recording {@code k5_partitions}).
 *
 * <p>Data loss, opt-in so that tests meet it only when they ask for it: {@link
 * Builder#loseInvalidUtf8} (values that are not valid UTF-8), {@link #killDuringNextTransaction}
 * (the end of a transaction lost) and {@link #restart()} (schema records lost after a restart).
 *
 * <p>Records are written in order and flushed before the scripting call returns, on the scripting
 * thread. Created by {@link FakeMaxScale.Builder#build()} and closed by {@link
 * FakeMaxScale#close()}. Thread-safe.
 */
public final class FakeKafkaCdc {
  /** Default bound of each blocking step of writing to a broker. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaCdcRouter router;
  private final MemorySink memory; // null when writing to a broker
  private final String description;

  private FakeKafkaCdc(KafkaCdcRouter router, MemorySink memory, String description) {
    this.router = router;
    this.memory = memory;
    this.description = description;
  }

  /**
   * Configures a router that writes into an existing topic of a broker ({@code acks=all},
   * idempotent producer). Needs {@code org.apache.kafka:kafka-clients} on the class path, an
   * optional dependency of the testkit.
   *
   * @param bootstrapServers the broker's {@code host:port} list, e.g. {@link
   *     EmbeddedKafka#bootstrapServers()}
   * @param topic the topic; it must exist when the server is built
   * @return a builder to pass to {@link FakeMaxScale.Builder#kafkaCdc}
   * @throws IllegalStateException if {@code kafka-clients} is not on the class path
   */
  public static Builder toTopic(String bootstrapServers, String topic) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    if (bootstrapServers.isBlank() || topic.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers and topic must not be blank");
    }
    try {
      Class.forName(
          "org.apache.kafka.clients.producer.KafkaProducer",
          false,
          FakeKafkaCdc.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "FakeKafkaCdc.toTopic needs the Kafka client on the class path: add the dependency"
              + " org.apache.kafka:kafka-clients (test scope), or use FakeKafkaCdc.inMemory",
          e);
    }
    return new Builder(bootstrapServers, topic, 0);
  }

  /**
   * Configures a router that keeps its records in memory ({@link #records()}), as a topic of {@code
   * partitions} partitions would hold them; needs no broker and no Kafka library.
   *
   * @param partitions the topic's partition count, 1 or more
   * @return a builder to pass to {@link FakeMaxScale.Builder#kafkaCdc}
   */
  public static Builder inMemory(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    return new Builder(null, null, partitions);
  }

  /** The listener the scripted source reports to. */
  ReplicationListener listener() {
    return router;
  }

  /**
   * Returns the records written so far by an {@link #inMemory} router, in the order they were
   * written (per partition, that is offset order): timestamps are the statements' times. Replay
   * them into a broker with {@link EmbeddedKafka#produce}.
   *
   * @return a copy of the records
   * @throws IllegalStateException if the router writes to a broker (read the topic instead)
   */
  public List<KafkaCdcRecording.KafkaRecord> records() {
    if (memory == null) {
      throw new IllegalStateException(
          "records() is only for FakeKafkaCdc.inMemory; read the topic with a consumer");
    }
    return memory.records().stream()
        .map(
            r ->
                new KafkaCdcRecording.KafkaRecord(
                    r.partition(), r.offset(), r.timestamp(), r.key(), r.value()))
        .toList();
  }

  /**
   * Fault: MaxScale is killed while the records of the next transaction with rows are on their way
   * to the broker, then restarted. Only its first {@code rowsWritten} row records reach the topic;
   * the others are lost for good, because MaxScale had already committed that GTID to its state
   * (recording {@code k3_kill}: 11,315 of 20,000 rows of GTID 0-1-11, then 0-1-12 as if nothing
   * happened). The restart has the effect of {@link #restart()}. Nothing in the topic shows the
   * loss. DDL statements before that transaction are written as usual.
   *
   * @param rowsWritten row records of that transaction that reach the topic, 0 or more
   * @throws IllegalArgumentException if {@code rowsWritten} is negative
   */
  public void killDuringNextTransaction(int rowsWritten) {
    if (rowsWritten < 0) {
      throw new IllegalArgumentException("rowsWritten must be >= 0, got " + rowsWritten);
    }
    router.killDuringNextTransaction(rowsWritten);
  }

  /**
   * Fault: a clean stop and start of MaxScale between two statements. Nothing is lost or written
   * twice, but the restarted router has not seen a row of any table yet, so the next {@code ALTER
   * TABLE} of a table, before a row of it, writes no schema record and starts no version: the rows
   * that follow have columns that no schema record of the topic describes (recordings {@code
   * k2b_restart_utf8_blobs} and {@code k3_kill}). A router that has crashed stays crashed, as
   * MaxScale dies again on the same value.
   */
  public void restart() {
    router.restart();
  }

  /**
   * Tells whether a value crashed the router (see {@link Builder#loseInvalidUtf8}): it then writes
   * nothing more.
   *
   * @return true after a crash
   */
  public boolean hasCrashed() {
    return router.hasCrashed();
  }

  /** Closes the producer. */
  void close() {
    router.close();
  }

  @Override
  public String toString() {
    return "FakeKafkaCdc[" + description + "]";
  }

  /**
   * Configures a {@link FakeKafkaCdc}, which {@link FakeMaxScale.Builder#build()} creates. Every
   * setter validates its argument. Not thread-safe.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final Map<String, String> producerProperties = new LinkedHashMap<>();
    private boolean sendSchema = true;
    private boolean loseInvalidUtf8;
    private Pattern match;
    private Pattern exclude;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(String bootstrapServers, String topic, int partitions) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
      this.partitions = partitions;
    }

    /**
     * Whether schema records are written, KafkaCDC's {@code send_schema} (recording {@code
     * k4_no_schema}). Default true.
     *
     * @param send false for no schema records at all
     * @return this builder
     */
    public Builder sendSchema(boolean send) {
      this.sendSchema = send;
      return this;
    }

    /**
     * Fault: writes values that are not valid UTF-8 as MaxScale's KafkaCDC does, a silent loss to
     * test pipelines against. A value that reaches the router as a string (CHAR, VARCHAR,
     * VARBINARY, UUID...) loses its key in the row record, the other columns are written (recording
     * {@code k1b_default_utf8_blobs}, record {@code 0-1-15:1}: VARBINARY x'FF'). A BLOB, TEXT or
     * BINARY value kills the router ({@code k1_default}): the records before it are written, that
     * row and everything after it never reach the topic, restart or not; see {@link
     * FakeKafkaCdc#hasCrashed()}. (A real crash may also lose records still queued in its producer:
     * in {@code k2_restart} the schema record just before the fatal row is missing.) Evidence:
     * {@code kafkacdc.cc} sets string values with jansson's {@code json_string}, which refuses
     * them, and byte values with {@code json_stringn_nocheck}, whose {@code json_dumps} then
     * returns NULL.
     *
     * <p>Default false: a row with such a value is refused with an {@link IllegalArgumentException}
     * and its transaction has no effect (also in the CDC stream).
     *
     * @param lose true to lose such values as MaxScale does
     * @return this builder
     */
    public Builder loseInvalidUtf8(boolean lose) {
      this.loseInvalidUtf8 = lose;
      return this;
    }

    /**
     * Writes only the tables whose {@code database.table} contains a match of {@code regex},
     * KafkaCDC's {@code match} (recording {@code k6_match}). Default: every table.
     *
     * @param regex a regular expression
     * @return this builder
     */
    public Builder match(String regex) {
      this.match = Pattern.compile(Objects.requireNonNull(regex, "regex"));
      return this;
    }

    /**
     * Writes no table whose {@code database.table} contains a match of {@code regex}, KafkaCDC's
     * {@code exclude} (recording {@code k6_match}). Default: none excluded.
     *
     * @param regex a regular expression
     * @return this builder
     */
    public Builder exclude(String regex) {
      this.exclude = Pattern.compile(Objects.requireNonNull(regex, "regex"));
      return this;
    }

    /**
     * Bounds each blocking step of writing to a broker: finding the topic, sending, flushing.
     * Default {@link #DEFAULT_TIMEOUT}. Ignored in memory.
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets a Kafka producer property (e.g. {@code security.protocol}), overriding the router's own.
     * Ignored in memory.
     *
     * @param key property name
     * @param value property value
     * @return this builder
     */
    public Builder producerProperty(String key, String value) {
      producerProperties.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Connects the router (to its broker, whose topic must exist). */
    FakeKafkaCdc build() {
      KafkaCdcRouter.Options options =
          new KafkaCdcRouter.Options(sendSchema, loseInvalidUtf8, match, exclude);
      if (topic == null) {
        MemorySink memory = new MemorySink(partitions);
        return new FakeKafkaCdc(
            new KafkaCdcRouter(memory, options), memory, "memory, " + partitions + " partitions");
      }
      RecordSink sink = new TopicSink(bootstrapServers, topic, timeout, producerProperties);
      return new FakeKafkaCdc(
          new KafkaCdcRouter(sink, options), null, "topic " + topic + " on " + bootstrapServers);
    }
  }
}
