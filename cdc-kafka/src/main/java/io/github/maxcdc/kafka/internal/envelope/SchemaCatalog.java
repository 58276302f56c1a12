package io.github.maxcdc.kafka.internal.envelope;

import io.github.maxcdc.CdcException;
import io.github.maxcdc.archive.internal.SchemaLines;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table schemas of keyed topics, from their schemas topic ({@code PREFIX.maxcdc.schemas},
 * compacted, key {@code db.table:version}, value the archive's schema line): read through when
 * first needed, and again when a change names a version not seen yet ({@code publish} writes a
 * schema record before the first change of its version, in the same Kafka transaction, so a
 * committed change finds its schema, once the broker has written the transaction's commit marker to
 * the schemas topic too: until then, for up to the timeout, it is read again). Used by one thread.
 */
public final class SchemaCatalog {
  /** The suffix of the schemas topic after the prefix of the table topics. */
  public static final String SCHEMAS_SUFFIX = ".maxcdc.schemas";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaCatalog.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY = Duration.ofMillis(100);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final String configured; // null: derived from the table topic's name
  private final Duration timeout;
  private final Map<String, Map<String, TableSchema>> byTopic = new HashMap<>();

  /**
   * A catalog reading with consumers from {@code consumers} (read_committed, byte arrays).
   *
   * @param schemasTopic the schemas topic, or null to derive it from each table topic's name
   */
  public SchemaCatalog(
      Supplier<Consumer<byte[], byte[]>> consumers, String schemasTopic, Duration timeout) {
    this.consumers = consumers;
    this.configured = schemasTopic;
    this.timeout = timeout;
  }

  /** The schemas topic of {@code tableTopic}, a topic {@code PREFIX.db.table} of {@code table}. */
  public String schemasTopic(String tableTopic, TableId table) throws CdcException {
    if (configured != null) {
      return configured;
    }
    String suffix = "." + table;
    if (!tableTopic.endsWith(suffix) || tableTopic.length() == suffix.length()) {
      throw new CdcException(
          "topic "
              + tableTopic
              + " holds changes of "
              + table
              + " but is not named PREFIX."
              + table
              + ": give the schemas topic (schemaTopic, PREFIX"
              + SCHEMAS_SUFFIX
              + ")");
    }
    return tableTopic.substring(0, tableTopic.length() - suffix.length()) + SCHEMAS_SUFFIX;
  }

  /**
   * The schema of {@code table} version {@code version}, read from the schemas topic of {@code
   * tableTopic}.
   *
   * @throws CdcException if the schemas topic is missing, unreadable, or has no such version
   */
  public TableSchema schema(String tableTopic, TableId table, int version) throws CdcException {
    String topic = schemasTopic(tableTopic, table);
    String key = table + ":" + version;
    Map<String, TableSchema> known = byTopic.get(topic);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (known == null || !known.containsKey(key)) {
      known = read(topic);
      byTopic.put(topic, known);
      if (known.containsKey(key) || System.nanoTime() > deadline) {
        break;
      }
      // the schema record is in the change's Kafka transaction, but the broker writes the commit
      // markers partition by partition: the change may be readable before its schema is
      pause();
    }
    TableSchema schema = known.get(key);
    if (schema == null) {
      throw new CdcException(
          "the schemas topic "
              + topic
              + " has no schema "
              + key
              + " (it holds "
              + known.keySet()
              + "): publish writes it before the first change of a version");
    }
    return schema;
  }

  private static void pause() throws CdcException {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdcException("interrupted while waiting for a schema record", e);
    }
  }

  private Map<String, TableSchema> read(String topic) throws CdcException {
    Map<String, TableSchema> schemas = new HashMap<>();
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new CdcException(
            "the schemas topic " + topic + " does not exist: maxcdc publish writes it");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!readThrough(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new CdcException(
              "the schemas topic "
                  + topic
                  + " was not read through in "
                  + timeout.toMillis()
                  + " ms");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.value() != null) { // a tombstone: nothing to read
            schemas.put(keyOf(r), decode(r));
          }
        }
      }
    } catch (KafkaException e) {
      throw new CdcException("cannot read the schemas topic " + topic + ": " + e.getMessage(), e);
    }
    LOG.debug("{}: {} schemas", topic, schemas.size());
    return schemas;
  }

  private static boolean readThrough(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static String keyOf(ConsumerRecord<byte[], byte[]> r) throws CdcException {
    if (r.key() == null) {
      throw new CdcException(where(r) + ": a schema record needs its key db.table:version");
    }
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  private static TableSchema decode(ConsumerRecord<byte[], byte[]> r) throws CdcException {
    TableSchema schema;
    try {
      schema = SchemaLines.decode(EnvelopeReader.json(r.value()));
    } catch (IllegalArgumentException e) {
      throw new CdcException(
          where(r) + ": expected a schema line ({\"type\":\"schema\",...}): " + e.getMessage());
    }
    String expected = schema.table() + ":" + schema.version();
    if (!expected.equals(keyOf(r))) {
      throw new CdcException(
          where(r)
              + ": the key '"
              + keyOf(r)
              + "' names another schema than its value, "
              + expected);
    }
    return schema;
  }

  private static String where(ConsumerRecord<?, ?> r) {
    return "record " + r.topic() + "-" + r.partition() + "@" + r.offset();
  }
}
