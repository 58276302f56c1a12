package io.github.maxcdc.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.kafka.internal.envelope.SourceOffsets;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.KafkaCdcRecording.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyed topics in a real broker: read by one consumer they give the source's order, and resume
 * exactly at a stored position; read by a consumer group of two, every change is applied once, in
 * its key's order; a stored offset outside its partition, or a member's applier position without
 * offsets, stops the reader before anything is delivered; a schema version not seen yet is read
 * again from the schemas topic; the format of a topic is recognised.
 */
class KeyedTopicReaderIT {
  static final long SEED = Long.getLong("maxcdc.keyed.seed", 20261205L);
  static final List<ChangeEvent> EVENTS = KeyedWorkload.events(SEED, 400);
  static final String TOPIC = "maxcdc.shop_tx.commandes";

  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.shared().deleteTopics();
    KeyedWorkload.publish(kafka, "maxcdc", 4, EVENTS);
  }

  @Test
  void oneConsumerGivesTheSourceOrderAcrossFourPartitions() throws Exception {
    List<ChangeEvent> read = readAll(StartPosition.beginning());

    List<ChangeEvent> expected = KeyedWorkload.asRead(EVENTS);
    assertEquals(expected.size(), read.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), withoutOffset(read.get(i)), "change " + i);
    }
    Map<TopicPartition, Long> end = SourceOffsets.parse(last(read).sourceOffset());
    assertEquals(4, end.size(), end.toString());
  }

  @Test
  void aStoredPositionResumesRightAfterIt() throws Exception {
    List<ChangeEvent> all = readAll(StartPosition.beginning());
    for (int at : new int[] {0, 137, all.size() - 2}) {
      List<ChangeEvent> rest = readAll(StartPosition.after(all.get(at).position()));
      assertSameChanges(all.subList(at + 1, all.size()), rest, "after change " + at);
    }
    // without a source offset: read from the beginning, skipped by GTID
    StreamPosition bare = all.get(200).position().withSourceOffset(null);
    List<ChangeEvent> rest = readAll(StartPosition.after(bare));
    assertSameChanges(
        all.subList(201, all.size()).stream().map(KeyedTopicReaderIT::withoutOffset).toList(),
        rest.stream().map(KeyedTopicReaderIT::withoutOffset).toList(),
        "after " + bare + " without offsets");
  }

  @Test
  void aStoredOffsetPastThePartitionsEndStopsBeforeAnythingIsDelivered() throws Exception {
    StreamPosition stored =
        EVENTS.get(0).position().withSourceOffset(TOPIC + "-0:0," + TOPIC + "-2:999999");
    List<ChangeEvent> received = new CopyOnWriteArrayList<>();
    try (KeyedTopicReader reader = reader(received::add, StartPosition.after(stored))) {
      reader.start();
      StoredOffsetException e =
          assertThrows(
              StoredOffsetException.class, () -> reader.awaitTermination(Duration.ofSeconds(60)));
      assertEquals(2, e.partition());
      assertEquals(999999, e.stored());
      assertTrue(e.getMessage().contains("past the partition's end"), e.getMessage());
      assertTrue(e.getMessage().contains(TOPIC + "-2"), e.getMessage());
    }
    assertEquals(List.of(), received);
  }

  @Test
  void aGroupOfTwoAppliesEveryChangeOnceInItsKeysOrder() throws Exception {
    Map<TopicPartition, List<ChangeEvent>> applied = new ConcurrentHashMap<>();
    Map<TopicPartition, StreamPosition> durable = new ConcurrentHashMap<>();
    PartitionApplier.Factory factory =
        (topic, partition) ->
            new MemoryApplier(new TopicPartition(topic, partition), applied, durable);
    try (KeyedTopicReader one = member(factory);
        KeyedTopicReader two = member(factory)) {
      one.start();
      two.start();
      assertTrue(one.awaitTermination(Duration.ofSeconds(90)));
      assertTrue(two.awaitTermination(Duration.ofSeconds(90)));
    }
    List<ChangeEvent> all = new ArrayList<>();
    applied.values().forEach(all::addAll);
    List<ChangeEvent> expected = KeyedWorkload.asRead(EVENTS);
    assertEquals(expected.size(), all.size(), "each change applied once");
    Map<Object, List<ChangeEvent>> byKey = new HashMap<>();
    expected.forEach(e -> byKey.computeIfAbsent(e.row().get(0), k -> new ArrayList<>()).add(e));
    Map<Object, List<ChangeEvent>> appliedByKey = new HashMap<>();
    applied.values().stream()
        .flatMap(List::stream)
        .map(KeyedTopicReaderIT::withoutOffset)
        .forEach(e -> appliedByKey.computeIfAbsent(e.row().get(0), k -> new ArrayList<>()).add(e));
    assertEquals(byKey, appliedByKey, "every key's changes, in its order");
    assertEquals(4, durable.size());
  }

  @Test
  void aGroupMemberWhoseApplierHasNoOffsetsStopsBeforeApplyingAnything() throws Exception {
    StreamPosition withoutOffsets = EVENTS.get(0).position(); // e.g. from the CDC protocol
    List<ChangeEvent> received = new CopyOnWriteArrayList<>();
    PartitionApplier.Factory factory =
        (topic, partition) ->
            new PartitionApplier() {
              @Override
              public void onChange(ChangeEvent event) {
                received.add(event);
              }

              @Override
              public Optional<StreamPosition> lastApplied() {
                return Optional.of(withoutOffsets);
              }

              @Override
              public void close() {}

              @Override
              public String toString() {
                return "applier of " + topic + "-" + partition;
              }
            };
    try (KeyedTopicReader member =
        KeyedTopicReader.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topics(TOPIC)
            .group("it-no-offsets", factory)
            .build()) {
      member.start();
      io.github.maxcdc.CdcException e =
          assertThrows(
              io.github.maxcdc.CdcException.class,
              () -> member.awaitTermination(Duration.ofSeconds(60)));
      assertTrue(e.getMessage().contains("has no offset of this partition"), e.getMessage());
    }
    assertEquals(List.of(), received);
  }

  @Test
  void aSchemaVersionNotSeenYetIsReadAgainFromTheSchemasTopic() throws Exception {
    io.github.maxcdc.kafka.internal.envelope.SchemaCatalog catalog =
        new io.github.maxcdc.kafka.internal.envelope.SchemaCatalog(
            () ->
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                    io.github.maxcdc.kafka.internal.KafkaConfig.consumer(
                        kafka.bootstrapServers(), Map.of(), "it-schemas")),
            null,
            Duration.ofSeconds(3));
    assertEquals(KeyedWorkload.SCHEMA, catalog.schema(TOPIC, KeyedWorkload.TABLE, 1));
    io.github.maxcdc.event.TableSchema v2 =
        new io.github.maxcdc.event.TableSchema(
            KeyedWorkload.TABLE,
            2,
            io.github.maxcdc.position.Gtid.parse("0-1-9999"),
            KeyedWorkload.SCHEMA.columns(),
            true);
    kafka.produce(
        "maxcdc.maxcdc.schemas",
        List.of(
            new KafkaRecord(
                0,
                0,
                1L,
                io.github.maxcdc.kafka.internal.envelope.EnvelopeWriter.schemaKey(v2),
                io.github.maxcdc.kafka.internal.envelope.EnvelopeWriter.schemaValue(v2))));
    assertEquals(v2, catalog.schema(TOPIC, KeyedWorkload.TABLE, 2));
    io.github.maxcdc.CdcException missing =
        assertThrows(
            io.github.maxcdc.CdcException.class,
            () -> catalog.schema(TOPIC, KeyedWorkload.TABLE, 3));
    assertTrue(
        missing.getMessage().contains("has no schema shop_tx.commandes:3"), missing.getMessage());
  }

  @Test
  void theFormatOfATopicIsRecognised() throws Exception {
    assertEquals(TopicFormat.MAXCDC_ENVELOPE, detect(TOPIC));

    kafka.load("kafkacdc-k1", KafkaCdcRecording.builtIn("k1_default"));
    assertEquals(TopicFormat.KAFKA_CDC, detect("kafkacdc-k1"));

    kafka.createTopic("garbage", 2);
    kafka.produce(
        "garbage",
        List.of(
            new KafkaRecord(
                1, 0, 1L, bytes("hello"), bytes("{\"source\":{\"connector\":\"debezium\"}}"))));
    TopicFormatException garbage =
        assertThrows(TopicFormatException.class, () -> detect("garbage"));
    assertTrue(garbage.getMessage().startsWith("record garbage-1@0 "), garbage.getMessage());
    assertTrue(
        garbage.getMessage().contains("nor an envelope of maxcdc publish"), garbage.getMessage());

    kafka.createTopic("empty", 1);
    TopicFormatException empty = assertThrows(TopicFormatException.class, () -> detect("empty"));
    assertTrue(empty.getMessage().contains("topic empty is empty"), empty.getMessage());

    assertThrows(NoSuchTopicException.class, () -> detect("missing"));
  }

  // a short message: the first change that differs
  static void assertSameChanges(List<ChangeEvent> expected, List<ChangeEvent> actual, String what) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), what + ", change " + i);
    }
    assertEquals(expected.size(), actual.size(), what + ": changes");
  }

  private static TopicFormat detect(String topic) throws Exception {
    return TopicFormat.detect(kafka.bootstrapServers(), topic, Map.of(), Duration.ofSeconds(20));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyedTopicReader member(PartitionApplier.Factory factory) {
    return KeyedTopicReader.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics(TOPIC)
        .group("it-group", factory)
        .stopWhenIdle(Duration.ofSeconds(4))
        .build();
  }

  private static List<ChangeEvent> readAll(StartPosition start) throws Exception {
    List<ChangeEvent> received = new CopyOnWriteArrayList<>();
    try (KeyedTopicReader reader = reader(received::add, start)) {
      reader.start();
      assertTrue(reader.awaitTermination(Duration.ofSeconds(60)));
    }
    return new ArrayList<>(received);
  }

  private static KeyedTopicReader reader(ChangeListener listener, StartPosition start) {
    return KeyedTopicReader.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics(TOPIC)
        .listener(listener)
        .startAt(start)
        .stopWhenIdle(Duration.ofSeconds(1))
        .build();
  }

  private static StreamPosition last(List<ChangeEvent> events) {
    return events.get(events.size() - 1).position();
  }

  static ChangeEvent withoutOffset(ChangeEvent e) {
    return switch (e.type()) {
      case INSERT ->
          new io.github.maxcdc.event.Insert(
              e.schema(), e.gtid(), e.eventNumber(), e.timestamp(), e.after());
      case DELETE ->
          new io.github.maxcdc.event.Delete(
              e.schema(), e.gtid(), e.eventNumber(), e.timestamp(), e.before());
      case UPDATE ->
          new io.github.maxcdc.event.Update(
              e.schema(),
              e.gtid(),
              e.eventNumber(),
              e.position().eventNumber(),
              e.timestamp(),
              e.before(),
              e.after());
    };
  }

  /** Keeps a partition's changes; "durable" at each idle, as a sink's commit. */
  static final class MemoryApplier implements PartitionApplier {
    private final TopicPartition tp;
    private final Map<TopicPartition, List<ChangeEvent>> applied;
    private final Map<TopicPartition, StreamPosition> durable;
    private final List<ChangeEvent> pending = new ArrayList<>();

    MemoryApplier(
        TopicPartition tp,
        Map<TopicPartition, List<ChangeEvent>> applied,
        Map<TopicPartition, StreamPosition> durable) {
      this.tp = tp;
      this.applied = applied;
      this.durable = durable;
    }

    @Override
    public void onChange(ChangeEvent event) {
      pending.add(event);
    }

    @Override
    public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered) {
      pending.clear();
      return lastApplied();
    }

    @Override
    public void onIdle() {
      if (!pending.isEmpty()) {
        applied.computeIfAbsent(tp, k -> new CopyOnWriteArrayList<>()).addAll(pending);
        durable.put(tp, pending.get(pending.size() - 1).position());
        pending.clear();
      }
    }

    @Override
    public Optional<StreamPosition> lastApplied() {
      return Optional.ofNullable(durable.get(tp));
    }

    @Override
    public void close() {
      onIdle();
    }
  }
}
