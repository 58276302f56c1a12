package io.github.maxcdc.bench.publish;

import io.github.maxcdc.bench.apply.Changes;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.kafka.KafkaPublisher;
import io.github.maxcdc.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code KafkaPublisher} fed from memory (the change events of {@code shop_tx.commandes} as the
 * client delivers them, in source transactions of 1 to 10 inserts) against a raw {@code
 * KafkaProducer} sending the very records the publisher wrote (same count, keys and values, read
 * back from its topic), to the same broker, in the same run: the ratio is what envelopes,
 * transactions and position records cost over sending the bytes. The raw producer is idempotent
 * with {@code acks=all}, {@code linger.ms=5} and {@code batch.size=256 KiB}, as the publisher's.
 * Each round times the publisher, then the raw producer, back to back, so that other load on a
 * shared machine slows both alike; after two warm-up rounds, the medians of five rounds are
 * reported, and the median of the per-round ratios (as the decode benchmark's paired ratio).
 */
public final class PublishRun {
  /** Changes per round; {@code -Dbench.publish.changes=N} changes it. */
  public static final int CHANGES = Integer.getInteger("bench.publish.changes", 200_000);

  /** Records per Kafka transaction; {@code -Dbench.publish.transactionEvents=N} changes it. */
  public static final int TRANSACTION_EVENTS =
      Integer.getInteger(
          "bench.publish.transactionEvents", KafkaPublisher.Builder.DEFAULT_TRANSACTION_EVENTS);

  /** Measured rounds of each side, after {@link #WARMUP} warm-up rounds each. */
  public static final int ROUNDS = 5;

  /** Warm-up rounds of each side. */
  public static final int WARMUP = 2;

  private PublishRun() {}

  /** Runs the rounds and prints the rates and their ratio. */
  public static void run() throws Exception {
    TableSchema schema = Changes.commandesSchema();
    List<ChangeEvent> events = Changes.inserts(schema, CHANGES);
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().baseDir(Path.of("target")).start()) {
      double[] published = new double[ROUNDS];
      double[] raw = new double[ROUNDS];
      double[] ratio = new double[ROUNDS];
      List<ProducerRecord<byte[], byte[]>> records = null;
      for (int round = -WARMUP; round < ROUNDS; round++) {
        String prefix = "bench" + (round + WARMUP);
        double p = publish(kafka, schema, events, prefix);
        if (records == null) {
          records = readBack(kafka, prefix + "." + schema.table());
          if (records.size() != CHANGES) {
            throw new IllegalStateException(
                "expected " + CHANGES + " records, read " + records.size());
          }
        }
        double r = raw(kafka, records, "raw-" + (round + WARMUP));
        if (round >= 0) {
          published[round] = p;
          raw[round] = r;
          ratio[round] = p / r;
        }
        System.out.printf(
            Locale.ROOT,
            "%s round: publish %,.0f changes/s, raw producer %,.0f records/s%n",
            round < 0 ? "warm-up" : "measured",
            p,
            r);
      }
      long bytes = 0;
      for (ProducerRecord<byte[], byte[]> rec : records) {
        bytes += rec.key().length + rec.value().length;
      }
      double pm = median(published);
      double rm = median(raw);
      double ratioMedian = median(ratio);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "publish of %,d changes (%,d bytes of keys and values, %.0f bytes a record): %,.0f"
              + " changes/s; raw KafkaProducer, the same records: %,.0f records/s; median of the"
              + " rounds' ratios: %.2fx%n",
          CHANGES,
          bytes,
          bytes / (double) CHANGES,
          pm,
          rm,
          ratioMedian);
    }
  }

  // the publisher fed from memory, from its first change to its last commit
  private static double publish(
      EmbeddedKafka kafka, TableSchema schema, List<ChangeEvent> events, String prefix)
      throws Exception {
    try (KafkaPublisher publisher =
        KafkaPublisher.builder()
            .bootstrap(kafka.bootstrapServers())
            .table(schema.table())
            .prefix(prefix)
            .keyColumns(List.of("id"))
            .transactionEvents(TRANSACTION_EVENTS)
            .maxTransactionEvents(
                Math.max(TRANSACTION_EVENTS, KafkaPublisher.Builder.DEFAULT_MAX_TRANSACTION_EVENTS))
            .build()) {
      long start = System.nanoTime();
      for (ChangeEvent e : events) {
        publisher.onChange(e);
      }
      publisher.flush();
      return events.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double raw(
      EmbeddedKafka kafka, List<ProducerRecord<byte[], byte[]>> records, String topic) {
    kafka.createTopic(topic, 1);
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    c.put("key.serializer", ByteArraySerializer.class.getName());
    c.put("value.serializer", ByteArraySerializer.class.getName());
    c.put("acks", "all");
    c.put("enable.idempotence", "true");
    c.put("linger.ms", 5);
    c.put("batch.size", 256 * 1024);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(c)) {
      producer.partitionsFor(topic); // metadata first, as the publisher's build() has it
      long start = System.nanoTime();
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
      }
      producer.flush();
      return records.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static List<ProducerRecord<byte[], byte[]>> readBack(EmbeddedKafka kafka, String topic) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    c.put("isolation.level", "read_committed");
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      TopicPartition p = new TopicPartition(topic, 0);
      consumer.assign(List.of(p));
      consumer.seekToBeginning(List.of(p));
      long end = consumer.endOffsets(List.of(p)).get(p);
      while (consumer.position(p) < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(new ProducerRecord<>(topic, r.key(), r.value()));
        }
      }
    }
    return records;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
