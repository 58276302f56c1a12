package io.github.maxcdc.kafka;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.kafka.internal.KafkaCdcStream;
import io.github.maxcdc.kafka.internal.ResumeOffsets;
import io.github.maxcdc.kafka.internal.envelope.OffsetCheck;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic written by MariaDB MaxScale's KafkaCDC router, as a {@link ChangeSource}: a {@code
 * CdcClient} reading it yields the same typed events as from the CDC protocol (same decoding,
 * repairs, fidelity flags, update pairing and listener contract), because KafkaCDC writes the
 * avrorouter's own schemas and JSON rows.
 *
 * <pre>{@code
 * KafkaCdcSource topic = KafkaCdcSource.builder()
 *     .bootstrapServers("kafka:9092").topic("shop_tx_cdc").build();
 * try (CdcClient client = CdcClient.builder().source(topic)
 *         .table("shop_tx", "commandes").listener(event -> System.out.println(event)).build()) {
 *   client.start();
 * }
 * }</pre>
 *
 * <p>One topic carries every table KafkaCDC replicates: the stream of a table reads the whole topic
 * and skips the other tables' records. Every partition is read by the one consumer and the
 * partitions are merged back into the order MaxScale wrote them (KafkaCDC spreads one transaction,
 * and even the two halves of one update, over partitions by key hash). No consumer group is used:
 * each change's {@link io.github.maxcdc.position.StreamPosition#sourceOffset() sourceOffset} holds
 * the next offset of every partition and where the table's schema record is, so a stream resumed
 * after a stored position (a {@code JdbcSink}'s checkpoint) seeks there; without one, the stream
 * starts at the beginning of the topic and the client skips what precedes its start position. A
 * stored position that no longer fits the topic (past a partition's end, or deleted by retention)
 * stops with a {@link StoredOffsetException}. A record that is not KafkaCDC's, or a GTID that goes
 * backwards, stops the stream with the record's topic, partition, offset and key.
 *
 * <p>Thread-safe: each {@link #open} creates its own consumer.
 */
public final class KafkaCdcSource implements ChangeSource {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCdcSource.class);
  private final String bootstrapServers;
  private final String topic;
  private final Map<String, Object> properties;
  private final Duration mergeWait;
  private final Duration openTimeout;
  private final int maxRecordBytes;

  private KafkaCdcSource(Builder b) {
    this.bootstrapServers = b.bootstrapServers;
    this.topic = b.topic;
    this.properties = Map.copyOf(b.properties);
    this.mergeWait = b.mergeWait;
    this.openTimeout = b.openTimeout;
    this.maxRecordBytes = b.maxRecordBytes;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceStream open(SourceRequest request) throws IOException {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(request));
    try {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, openTimeout);
      } catch (TimeoutException e) {
        throw new CdcTimeoutException(
            "no answer from the Kafka broker "
                + bootstrapServers
                + " within "
                + openTimeout.toMillis()
                + " ms (is it running and reachable?)",
            e);
      }
      if (infos == null || infos.isEmpty()) {
        throw new NoSuchTopicException(
            "topic " + topic + " does not exist on the Kafka broker " + bootstrapServers, topic);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
      ResumeOffsets resume = resumeOffsets(request, partitions.size());
      byte[] schemaRecord = null;
      if (resume != null && resume.schemaIsRecord()) {
        schemaRecord = schemaRecord(consumer, resume, request);
      }
      consumer.assign(partitions);
      if (resume == null) {
        consumer.seekToBeginning(partitions);
      } else {
        seek(consumer, partitions, resume, request);
      }
      long[] start = new long[partitions.size()];
      for (TopicPartition tp : partitions) {
        start[tp.partition()] = consumer.position(tp, openTimeout);
      }
      return new KafkaCdcStream(
          consumer,
          partitions,
          request.table(),
          describe(),
          mergeWait,
          maxRecordBytes,
          request.declaredTypes(),
          start,
          schemaRecord != null ? resume.schemaPartition() : -1,
          schemaRecord != null
              ? resume.schemaOffset()
              : resume == null ? 0 : resume.declaredVersion(),
          schemaRecord);
    } catch (IOException | RuntimeException e) {
      closeQuietly(consumer);
      if (e instanceof KafkaException ke) {
        throw new io.github.maxcdc.CdcException(
            "cannot read topic " + topic + " on " + bootstrapServers + ": " + ke.getMessage(), ke);
      }
      throw e;
    }
  }

  // The stored offsets of the stream, when the request resumes after a change read from this topic.
  private ResumeOffsets resumeOffsets(SourceRequest request, int partitions) throws CdcException {
    if (!(request.start() instanceof StartPosition.After after)
        || after.position().sourceOffset() == null) {
      return null;
    }
    String text = after.position().sourceOffset();
    ResumeOffsets resume;
    try {
      resume = ResumeOffsets.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "{}: the stored position after {} has a source offset this source does not read ({});"
              + " reading {} from its beginning",
          request.table(),
          after.position(),
          e.getMessage(),
          topic);
      return null;
    }
    if (!resume.topic().equals(topic)) {
      LOG.warn(
          "{}: the stored position after {} was read from topic {}, not {}; reading {} from its"
              + " beginning",
          request.table(),
          after.position(),
          resume.topic(),
          topic,
          topic);
      return null;
    }
    if (resume.next().length > partitions) {
      throw new CdcException(
          "topic "
              + topic
              + " has "
              + partitions
              + " partitions, but the stored position after "
              + after.position()
              + " of "
              + request.table()
              + " was read from "
              + resume.next().length
              + ": the topic was deleted and created again; its records cannot be matched to the"
              + " stored position (start the stream anew, then check the target with verify)");
    }
    return resume;
  }

  // Seeks every partition to its stored next offset (a partition added since: its beginning),
  // after checking that the offsets are still in the partitions.
  private void seek(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      ResumeOffsets resume,
      SourceRequest request)
      throws StoredOffsetException {
    Map<TopicPartition, Long> stored = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      if (tp.partition() < resume.next().length) {
        stored.put(tp, resume.next()[tp.partition()]);
      } else {
        consumer.seekToBeginning(List.of(tp)); // a partition added since
      }
    }
    OffsetCheck.check(
        consumer,
        stored,
        openTimeout,
        "the stored position after "
            + ((StartPosition.After) request.start()).position()
            + " of "
            + request.table());
    stored.forEach(consumer::seek);
  }

  // The table's last schema record before the stored position, read first so that the rows after
  // it can be decoded.
  private byte[] schemaRecord(
      KafkaConsumer<byte[], byte[]> consumer, ResumeOffsets resume, SourceRequest request)
      throws CdcException {
    TopicPartition tp = new TopicPartition(topic, resume.schemaPartition());
    consumer.assign(List.of(tp));
    long from = consumer.beginningOffsets(List.of(tp), openTimeout).get(tp);
    if (resume.schemaOffset() < from) {
      if (request.declaredTypes() != null) {
        return null; // the schema is built from the source database's columns
      }
      throw new CdcException(
          "the schema record of "
              + request.table()
              + " at "
              + tp
              + "@"
              + resume.schemaOffset()
              + " was deleted by retention (the partition starts at "
              + from
              + "); give the stream the source database's column types (a sink's source"
              + " connection, --source-url) to take the table's schema from there");
    }
    consumer.seek(tp, resume.schemaOffset());
    long deadline = System.nanoTime() + openTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        if (r.offset() == resume.schemaOffset()) {
          return r.value();
        }
      }
    }
    throw new CdcTimeoutException(
        "the schema record of "
            + request.table()
            + " at "
            + tp
            + "@"
            + resume.schemaOffset()
            + " did not arrive from "
            + bootstrapServers
            + " within "
            + openTimeout.toMillis()
            + " ms",
        null);
  }

  private Map<String, Object> consumerConfig(SourceRequest request) {
    Map<String, Object> c = new LinkedHashMap<>(properties);
    c.put("bootstrap.servers", bootstrapServers);
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    c.put("enable.auto.commit", "false");
    // positions are the stream's, sought explicitly: a gap must fail, not jump
    c.put("auto.offset.reset", "none");
    c.putIfAbsent("client.id", "maxcdc-" + request.table());
    c.putIfAbsent("max.partition.fetch.bytes", Math.max(1 << 20, maxRecordBytes));
    return c;
  }

  private static void closeQuietly(KafkaConsumer<?, ?> consumer) {
    try {
      consumer.close();
    } catch (RuntimeException suppressed) {
      // already failing: the first error is the one to report
    }
  }

  @Override
  public String describe() {
    return "Kafka topic " + topic + " on " + bootstrapServers + " (KafkaCDC)";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Configures a {@link KafkaCdcSource}. */
  public static final class Builder {
    private String bootstrapServers;
    private String topic;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration mergeWait = Duration.ofMillis(100);
    private Duration openTimeout = Duration.ofSeconds(30);
    private int maxRecordBytes = 16 << 20;

    private Builder() {}

    /** The brokers to bootstrap from, {@code host:port[,host:port...]}; required. */
    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = Objects.requireNonNull(servers, "servers");
      return this;
    }

    /** The topic KafkaCDC writes ({@code topic=} in its service); required. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /**
     * A Kafka consumer property ({@code security.protocol}, {@code sasl.jaas.config}...). The
     * deserializers, offsets and {@code group.id} are the source's.
     *
     * @throws IllegalArgumentException for a property the source sets itself
     */
    public Builder property(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      switch (key) {
        case "group.id" ->
            throw new IllegalArgumentException(
                "a KafkaCDC topic is read by one consumer (its partitions hold one transaction's"
                    + " records apart, so a group would apply them out of order); to spread a table's"
                    + " changes over a consumer group, publish them first to keyed topics");
        case "bootstrap.servers",
            "key.deserializer",
            "value.deserializer",
            "enable.auto.commit",
            "auto.offset.reset" ->
            throw new IllegalArgumentException(key + " is set by the KafkaCDC source");
        default -> properties.put(key, value);
      }
      return this;
    }

    /**
     * How long the topic must be quiet before records are released from a partition that is read to
     * its end while another holds later ones (several partitions only); default 100 ms.
     */
    public Builder mergeWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("mergeWait must not be negative, got " + wait);
      }
      this.mergeWait = wait;
      return this;
    }

    /** How long opening waits for the broker's answer about the topic; default 30 s. */
    public Builder openTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("openTimeout must be positive, got " + timeout);
      }
      this.openTimeout = timeout;
      return this;
    }

    /** The largest record value accepted; default 16 MiB. */
    public Builder maxRecordBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxRecordBytes must be at least 1024, got " + bytes);
      }
      this.maxRecordBytes = bytes;
      return this;
    }

    /**
     * Builds the source.
     *
     * @throws IllegalStateException if the bootstrap servers or the topic are missing
     */
    public KafkaCdcSource build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalStateException("bootstrapServers is required, e.g. kafka:9092");
      }
      if (topic == null || topic.isBlank()) {
        throw new IllegalStateException("topic is required: the topic of the KafkaCDC service");
      }
      return new KafkaCdcSource(this);
    }
  }
}
