package io.github.maxcdc.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaPublisher} against a real broker: every change of a fake MaxScale and of a replayed
 * KafkaCDC topic published once, read back with a {@code read_committed} consumer (keys, envelopes,
 * schema and position records, binary values byte for byte), a second run resuming after the first,
 * and the failures: an unreachable broker, a fenced publisher, an untrusted value.
 */
class KafkaPublisherIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final TableDefinition ORDERS =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("client", "VARCHAR(100)")
          .column("montant", "DECIMAL(10,2)")
          .column("photo", "BLOB")
          .build();
  // bytes that are not UTF-8: what kills MaxScale's KafkaCDC (recording k1_default)
  private static final byte[] PHOTO = {(byte) 0xff, 0, (byte) 0xc3, 0x28, (byte) 0x80};

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.shared().deleteTopics();
  }

  @Test
  void everyChangeOfAFakeMaxScaleIsPublishedOnceWithItsBytes() throws Exception {
    String prefix = prefix();
    try (FakeMaxScale maxscale = FakeMaxScale.builder().build()) {
      ScriptedTable orders = maxscale.createTable("shop", "orders", ORDERS);
      orders.insert(order(1, "Alice", "120.50"));
      orders.insert(order(2, "Bob", "9.99"));
      orders.update(Map.of("id", 1), Map.of("montant", new BigDecimal("125.50")));
      orders.update(Map.of("id", 2), Map.of("id", 3)); // the key changes
      orders.delete(Map.of("id", 1));

      List<ChangeEvent> events = publish(maxscale, prefix);
      assertEquals(5, events.size());

      List<ConsumerRecord<byte[], byte[]>> records = readAll(prefix + ".shop.orders");
      assertEquals(6, records.size(), "an update of the key is a delete and an insert");
      List<String> summary = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        JsonNode value = JSON.readTree(r.value());
        summary.add(text(r.key()) + " " + value.get("op").asText());
        JsonNode source = value.get("source");
        assertEquals("maxcdc", source.get("connector").asText());
        assertEquals("shop", source.get("db").asText());
        assertEquals("orders", source.get("table").asText());
        assertEquals(1, source.get("schema_version").asInt());
        assertTrue(value.get("ts_ms").asLong() > 0);
        assertFalse(value.has("untrusted"), value.toString());
        JsonNode image = value.get("after").isNull() ? value.get("before") : value.get("after");
        assertArrayEquals(PHOTO, Base64.getDecoder().decode(image.get("photo").asText()));
      }
      assertEquals(
          List.of(
              "{\"id\":1} c",
              "{\"id\":2} c",
              "{\"id\":1} u",
              "{\"id\":2} d",
              "{\"id\":3} c",
              "{\"id\":1} d"),
          summary);
      JsonNode split2 = JSON.readTree(records.get(3).value()).get("source");
      JsonNode split3 = JSON.readTree(records.get(4).value()).get("source");
      assertEquals(split2, split3, "both halves of a key update carry the same source");
      assertEquals(events.get(3).position().toString(), split2.get("position").asText());
      JsonNode update = JSON.readTree(records.get(2).value());
      // without the declared type (a source connection), at the scale MaxScale's double gives
      assertEquals("120.5", update.get("before").get("montant").toString());
      assertEquals("125.5", update.get("after").get("montant").toString());

      List<ConsumerRecord<byte[], byte[]>> schemas = readAll(prefix + ".maxcdc.schemas");
      assertEquals(1, schemas.size());
      assertEquals("shop.orders:1", text(schemas.get(0).key()));
      JsonNode schema = JSON.readTree(schemas.get(0).value());
      assertEquals("schema", schema.get("type").asText());
      assertEquals(4, schema.get("columns").size());

      JsonNode position = lastPosition(prefix, "shop.orders");
      assertEquals("shop.orders", position.get("table").asText());
      assertEquals(events.get(4).position().toString(), position.get("position").asText());
      assertTrue(position.get("source_offset").isNull());

      // a second run resumes after the stored position: nothing again, then only what is new
      orders.insert(order(4, "Chloé", "1.00"));
      List<ChangeEvent> second = publish(maxscale, prefix);
      assertEquals(1, second.size());
      List<ConsumerRecord<byte[], byte[]>> after = readAll(prefix + ".shop.orders");
      assertEquals(7, after.size());
      assertEquals("{\"id\":4}", text(after.get(6).key()));
    }
  }

  // the connection drops inside a source transaction, after a commit inside it: the open Kafka
  // transaction is aborted and the client resumes after the last commit, nothing twice
  @Test
  void aReconnectInsideATransactionPublishesEachChangeOnce() throws Exception {
    String prefix = prefix();
    try (FakeMaxScale maxscale = FakeMaxScale.builder().build()) {
      ScriptedTable orders = maxscale.createTable("shop", "orders", ORDERS);
      maxscale.transaction(
          tx -> {
            for (int id = 1; id <= 3000; id++) {
              tx.insert(orders, order(id, "c" + id, "1.00"));
            }
          });
      orders.insert(order(3001, "last", "2.00"));
      maxscale.enqueueFault(io.github.maxcdc.testkit.Fault.closeAfterRows(1500));
      try (KafkaPublisher publisher =
          builder(prefix, TableId.parse("shop.orders"))
              .keyColumns(List.of("id"))
              .maxTransactionEvents(1000)
              .build()) {
        CdcClient client =
            publisher
                .attach(client(maxscale))
                .stopWhenIdle(Duration.ofMillis(1500))
                .reconnect(Backoff.DEFAULT)
                .build();
        client.start();
        assertTrue(client.awaitTermination(Duration.ofSeconds(60)));
        client.close();
        assertEquals(1, client.reconnects());
        publisher.flush();
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records = readAll(prefix + ".shop.orders");
    List<String> keys = records.stream().map(r -> text(r.key())).toList();
    assertEquals(3001, keys.size());
    for (int id = 1; id <= 3001; id++) {
      assertEquals("{\"id\":" + id + "}", keys.get(id - 1));
    }
  }

  @Test
  void aKafkaCdcTopicIsPublishedOncePerChange() throws Exception {
    String prefix = prefix();
    String topic = "k1b-" + prefix;
    kafka.load(topic, KafkaCdcRecording.builtIn("k1b_default_utf8_blobs"));
    TableId commandes = TableId.parse("shop_tx.commandes");

    List<ChangeEvent> events = new ArrayList<>();
    try (KafkaPublisher publisher =
        builder(prefix, commandes).keyColumns(List.of("id")).sourceTopic(topic).build()) {
      assertTrue(publisher.storedPosition().isEmpty());
      runClient(
          publisher,
          CdcClient.builder()
              .source(
                  KafkaCdcSource.builder()
                      .bootstrapServers(kafka.bootstrapServers())
                      .topic(topic)
                      .build())
              .idleInterval(Duration.ofMillis(100)),
          events);
      assertEquals(events.size(), publisher.publishedRecords());
    }
    assertEquals(18, events.size());
    List<ConsumerRecord<byte[], byte[]>> records = readAll(prefix + ".shop_tx.commandes");
    assertEquals(events.size(), records.size());
    for (int i = 0; i < events.size(); i++) {
      ChangeEvent e = events.get(i);
      JsonNode value = JSON.readTree(records.get(i).value());
      assertEquals(e.position().toString(), value.get("source").get("position").asText());
      assertEquals(e.gtid().toString(), value.get("source").get("gtid").asText());
      assertEquals(e.timestamp().toEpochMilli(), value.get("source").get("ts_ms").asLong());
      assertEquals("{\"id\":" + e.row().get("id") + "}", text(records.get(i).key()), e.toString());
    }
    Set<String> versions = new java.util.TreeSet<>();
    readAll(prefix + ".maxcdc.schemas").forEach(r -> versions.add(text(r.key())));
    assertEquals(Set.of("shop_tx.commandes:1", "shop_tx.commandes:2"), versions);
    assertEquals(
        events.get(events.size() - 1).position().toString(),
        lastPosition(prefix, "shop_tx.commandes").get("position").asText());

    // again: the stored position says everything is published
    try (KafkaPublisher again =
        builder(prefix, commandes).keyColumns(List.of("id")).sourceTopic(topic).build()) {
      // the KafkaCDC source's offsets are stored with the position, to resume by seeking
      assertEquals(events.get(events.size() - 1).position(), again.storedPosition().orElseThrow());
      assertTrue(
          again.storedPosition().orElseThrow().sourceOffset().startsWith("kafkacdc;topic=" + topic),
          again.storedPosition().toString());
      List<ChangeEvent> more = new ArrayList<>();
      runClient(
          again,
          CdcClient.builder()
              .source(
                  KafkaCdcSource.builder()
                      .bootstrapServers(kafka.bootstrapServers())
                      .topic(topic)
                      .build())
              .idleInterval(Duration.ofMillis(100)),
          more);
      assertEquals(List.of(), more);
    }
    assertEquals(events.size(), readAll(prefix + ".shop_tx.commandes").size());
  }

  // a topic source's offsets go to consumer group maxcdc-publish-ID in the same transaction
  @Test
  void theSourceOffsetsOfATopicAreCommittedForTheGroup() throws Exception {
    String prefix = prefix();
    String source = "src-" + prefix;
    kafka.createTopic(source, 2);
    TableId table = TableId.parse("shop.offsets");
    ChangeEvent first = insert(table, 1, Fidelity.EXACT);
    ChangeEvent withOffsets =
        new Insert(
            first.schema(),
            first.gtid(),
            first.eventNumber(),
            first.timestamp(),
            first.after(),
            "0:5,1:7");
    try (KafkaPublisher publisher =
        builder(prefix, table).keyColumns(List.of("id")).id(prefix).sourceTopic(source).build()) {
      publisher.onChange(withOffsets);
      publisher.flush();
    }
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(c)) {
      // the commit's markers reach the group coordinator just after commitTransaction returns:
      // until then the group lists no offset of the source
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets;
      while (true) {
        offsets =
            admin
                .listConsumerGroupOffsets("maxcdc-publish-" + prefix)
                .partitionsToOffsetAndMetadata()
                .get();
        if (offsets.size() >= 2 || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(20); // polling a condition, with a deadline
      }
      assertEquals(2, offsets.size(), offsets.toString());
      assertEquals(5, offsets.get(new TopicPartition(source, 0)).offset());
      assertEquals(7, offsets.get(new TopicPartition(source, 1)).offset());
    }
    assertEquals("0:5,1:7", lastPosition(prefix, prefix).get("source_offset").asText());
  }

  @Test
  void anUnreachableBrokerIsNamed() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PublishException e =
        assertThrows(
            PublishException.class,
            () ->
                KafkaPublisher.builder()
                    .bootstrap("127.0.0.1:" + port)
                    .table(TableId.parse("shop.orders"))
                    .timeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("did not answer within 2000 ms"), e.getMessage());
    assertTrue(e.isTransient());
  }

  @Test
  void aSecondPublisherWithTheSameIdFencesTheFirst() throws Exception {
    String prefix = prefix();
    TableId table = TableId.parse("shop.fenced");
    try (KafkaPublisher first = builder(prefix, table).keyColumns(List.of("id")).build()) {
      first.onChange(insert(table, 1, Fidelity.EXACT));
      try (KafkaPublisher second = builder(prefix, table).keyColumns(List.of("id")).build()) {
        PublisherFencedException e = assertThrows(PublisherFencedException.class, first::flush);
        assertTrue(
            e.getMessage().contains("another publisher with id 'shop.fenced'"), e.getMessage());
        second.onChange(insert(table, 2, Fidelity.EXACT));
        second.flush();
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records = readAll(prefix + ".shop.fenced");
    assertEquals(List.of("{\"id\":2}"), records.stream().map(r -> text(r.key())).toList());
  }

  @Test
  void anUntrustedValueIsRefusedUnlessAllowed() throws Exception {
    String prefix = prefix();
    TableId table = TableId.parse("shop.untrusted");
    try (KafkaPublisher strict = builder(prefix, table).keyColumns(List.of("id")).build()) {
      UntrustedValueException e =
          assertThrows(
              UntrustedValueException.class,
              () -> strict.onChange(insert(table, 1, Fidelity.INEXACT)));
      assertEquals("amount", e.column());
      assertTrue(e.getMessage().contains("'amount' is inexact"), e.getMessage());
      strict.flush();
    }
    assertEquals(List.of(), readAll(prefix + ".shop.untrusted"));
    try (KafkaPublisher lax =
        builder(prefix, table).keyColumns(List.of("id")).allowUntrusted(true).build()) {
      lax.onChange(insert(table, 1, Fidelity.INEXACT));
      lax.flush();
    }
    JsonNode value = JSON.readTree(readAll(prefix + ".shop.untrusted").get(0).value());
    assertEquals("inexact", value.get("untrusted").get("after").get("amount").asText());
  }

  @Test
  void aValueOfALossyColumnIsRefusedUnlessAllowed() throws Exception {
    String prefix = prefix();
    TableId table = TableId.parse("shop.lossy");
    TableSchema schema =
        new TableSchema(
            table,
            1,
            null,
            List.of(
                new Column("id", 0, ColumnType.INT, "int", false, WireType.INT, Set.of()),
                new Column(
                    "code",
                    1,
                    ColumnType.VARBINARY,
                    "varbinary",
                    false,
                    WireType.BYTES,
                    Set.of(io.github.maxcdc.event.Caveat.TRUNCATED_AT_NUL))),
            true);
    Object[] values = {1, new byte[] {1, 2}};
    ChangeEvent insert =
        new Insert(
            schema,
            Gtid.parse("0-1-1"),
            1,
            Instant.parse("2026-01-02T03:04:05Z"),
            Row.of(schema, values, values, null));
    try (KafkaPublisher strict = builder(prefix, table).keyColumns(List.of("id")).build()) {
      UntrustedValueException e =
          assertThrows(UntrustedValueException.class, () -> strict.onChange(insert));
      assertEquals("code", e.column());
      assertTrue(e.getMessage().contains("[truncated_at_nul]"), e.getMessage());
    }
    try (KafkaPublisher lax =
        builder(prefix, table).keyColumns(List.of("id")).allowUntrusted(true).build()) {
      lax.onChange(insert);
      lax.flush();
    }
    assertEquals(1, readAll(prefix + ".shop.lossy").size());
  }

  @Test
  void aListenerFailureLeavesNothingHalfPublished() throws Exception {
    String prefix = prefix();
    try (FakeMaxScale maxscale = FakeMaxScale.builder().build()) {
      ScriptedTable orders = maxscale.createTable("shop", "orders", ORDERS);
      orders.insert(order(1, "Alice", "1.00"));
      orders.insert(order(2, "Bob", "2.00"));
      try (KafkaPublisher publisher =
          builder(prefix, TableId.parse("shop.orders")).keyColumns(List.of("nope")).build()) {
        CdcClient client =
            publisher
                .attach(client(maxscale))
                .stopWhenIdle(Duration.ofSeconds(1))
                .reconnect(Backoff.never())
                .build();
        client.start();
        ListenerException e =
            assertThrows(
                ListenerException.class, () -> client.awaitTermination(Duration.ofSeconds(30)));
        client.close();
        assertInstanceOf(PublishException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("key column 'nope'"), e.getMessage());
      }
    }
    assertEquals(List.of(), readAll(prefix + ".shop.orders"));
    assertEquals(List.of(), readAll(prefix + ".maxcdc.schemas"));
  }

  // --- helpers

  private static String prefix() {
    return "p" + PREFIXES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000);
  }

  private static KafkaPublisher.Builder builder(String prefix, TableId table) {
    return KafkaPublisher.builder()
        .bootstrap(kafka.bootstrapServers())
        .table(table)
        .prefix(prefix)
        .timeout(Duration.ofSeconds(20));
  }

  private static CdcClient.Builder client(FakeMaxScale maxscale) {
    return CdcClient.builder()
        .address(maxscale.host(), maxscale.port())
        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
        .format(StreamFormat.AVRO);
  }

  private static List<ChangeEvent> publish(FakeMaxScale maxscale, String prefix) throws Exception {
    List<ChangeEvent> events = new ArrayList<>();
    try (KafkaPublisher publisher =
        builder(prefix, TableId.parse("shop.orders")).keyColumns(List.of("id")).build()) {
      runClient(publisher, client(maxscale), events);
    }
    return events;
  }

  // the publisher behind a listener that records what it was given
  private static void runClient(
      KafkaPublisher publisher, CdcClient.Builder builder, List<ChangeEvent> events)
      throws Exception {
    List<ChangeEvent> seen = Collections.synchronizedList(new ArrayList<>());
    publisher.attach(builder);
    builder.listener(
        new io.github.maxcdc.ChangeListener() {
          @Override
          public void onChange(ChangeEvent event) throws Exception {
            publisher.onChange(event);
            seen.add(event);
          }

          @Override
          public void onIdle() throws Exception {
            publisher.onIdle();
          }
        });
    try (CdcClient client =
        builder.stopWhenIdle(Duration.ofMillis(1500)).reconnect(Backoff.never()).build()) {
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(60)));
    }
    events.addAll(seen);
  }

  private static Map<String, Object> order(int id, String client, String montant) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("client", client);
    row.put("montant", new BigDecimal(montant));
    row.put("photo", PHOTO);
    return row;
  }

  private static ChangeEvent insert(TableId table, int id, Fidelity amount) {
    TableSchema schema =
        new TableSchema(
            table,
            1,
            null,
            List.of(
                new Column("id", 0, ColumnType.INT, "int", false, WireType.INT, Set.of()),
                new Column(
                    "amount", 1, ColumnType.DECIMAL, "decimal", false, WireType.DOUBLE, Set.of())),
            true);
    Object[] values = {id, new BigDecimal("12345678901234567.5")};
    Row row = Row.of(schema, values, values, new Fidelity[] {Fidelity.EXACT, amount});
    return new Insert(
        schema, Gtid.parse("0-1-" + id), 1, Instant.parse("2026-01-02T03:04:05Z"), row);
  }

  // every committed record, once the transaction markers are written: a commit returns before the
  // broker has written them, and an aborted transaction's markers come after its abort
  static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) throws InterruptedException {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    c.put("key.deserializer", ByteArrayDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    c.put("isolation.level", "read_committed");
    c.put("enable.auto.commit", "false");
    Map<String, Object> u = new HashMap<>(c);
    u.put("isolation.level", "read_uncommitted");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
        KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(u)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!end.equals(uncommitted.endOffsets(partitions))) {
        assertTrue(System.nanoTime() < deadline, topic + ": a transaction stays open");
        Thread.sleep(10); // polling for the markers, with a deadline
        end = consumer.endOffsets(partitions);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> settled = end;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < settled.get(p))) {
        assertTrue(System.nanoTime() < deadline, "reading " + topic + " to " + settled);
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static JsonNode lastPosition(String prefix, String id) throws Exception {
    JsonNode last = null;
    for (ConsumerRecord<byte[], byte[]> r : readAll(prefix + ".maxcdc.positions")) {
      if (id.equals(text(r.key()))) {
        last = JSON.readTree(r.value());
      }
    }
    assertTrue(last != null, "no position record for " + id);
    return last;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unused")
  private static void unused(StreamPosition p) {
    assertNull(p);
  }
}
