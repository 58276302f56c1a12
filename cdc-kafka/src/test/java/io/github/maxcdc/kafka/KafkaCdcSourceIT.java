package io.github.maxcdc.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.CdcException;
import io.github.maxcdc.CdcTimeoutException;
import io.github.maxcdc.DeclaredTypes;
import io.github.maxcdc.DecodeException;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.KafkaCdcRecording.KafkaRecord;
import io.github.maxcdc.testkit.Recording;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KafkaCDC's recorded topics, replayed into a real broker, read through a CdcClient. */
class KafkaCdcSourceIT {
  private static final TableId COMMANDES = TableId.parse("shop_tx.commandes");
  private static final TableId ALL_TYPES = TableId.parse("cdc_types.all_types");
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private static final DeclaredTypes DECLARED = DeclaredTypes.of(Map.of(COMMANDES, commandes()));

  private static EmbeddedKafka kafka;

  // information_schema.COLUMNS.COLUMN_TYPE of shop_tx.commandes after 30_alter_commandes.sql
  private static Map<String, String> commandes() {
    Map<String, String> types = new java.util.LinkedHashMap<>();
    types.put("id", "int(11)");
    types.put("client", "varchar(100)");
    types.put("montant", "decimal(10,2)");
    types.put("statut", "varchar(20)");
    types.put("date_creation", "timestamp");
    types.put("canal", "varchar(20)");
    return types;
  }

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.shared().deleteTopics();
  }

  @Test
  void aTopicYieldsTheEventsOfTheCdcProtocol() throws Exception {
    String topic = topicOf("k1b_default_utf8_blobs");

    List<ChangeEvent> fromKafka = readAll(source(topic), COMMANDES);

    assertEquals(18, fromKafka.size());
    assertEquals(fromCdcProtocol("f1_commandes_json_after_alter"), fromKafka);
  }

  @Test
  void threePartitionsAreMergedBackIntoWriteOrder() throws Exception {
    String one = topicOf("k1b_default_utf8_blobs");
    String three = topicOf("k5_partitions");

    for (TableId table : List.of(COMMANDES, ALL_TYPES)) {
      List<ChangeEvent> merged = readAll(source(three), table);
      // k5 ran the workload up to 0-1-19, k1b further: the same changes up to there
      List<ChangeEvent> expected =
          readAll(source(one), table).stream().filter(e -> e.gtid().sequence() <= 19).toList();
      assertTrue(merged.size() > 5, table + ": " + merged.size());
      assertEquals(expected, merged, table.toString());
    }
  }

  @Test
  void aStartPositionIsHonoured() throws Exception {
    String topic = topicOf("k1b_default_utf8_blobs");
    List<ChangeEvent> all = readAll(source(topic), COMMANDES);

    List<ChangeEvent> after =
        readAll(source(topic), COMMANDES, StartPosition.after(all.get(9).position()));

    assertEquals(all.subList(10, all.size()), after);
  }

  // k5: 3 partitions; a stored position seeks every partition, and the stream itself (no client
  // filtering) starts right after the position
  @Test
  void aStoredPositionResumesAtItsOffsetsInEveryPartition() throws Exception {
    String three = topicOf("k5_partitions");
    for (TableId table : List.of(COMMANDES, ALL_TYPES)) {
      List<ChangeEvent> all =
          readWithOffsets(source(three), table, StartPosition.beginning(), null);
      for (int i : new int[] {0, all.size() / 3, all.size() / 2, all.size() - 2}) {
        StreamPosition at = all.get(i).position();
        assertTrue(
            at.sourceOffset().startsWith("kafkacdc;topic=" + three + ";next=0:"),
            at.sourceOffset());

        List<ChangeEvent> rest =
            readWithOffsets(source(three), table, StartPosition.after(at), null);
        assertEquals(withoutOffsets(all.subList(i + 1, all.size())), withoutOffsets(rest));
        assertEquals(
            all.get(all.size() - 1).position().sourceOffset(),
            rest.get(rest.size() - 1).position().sourceOffset());

        SourceItem.RawRow first = firstRow(source(three), table, StartPosition.after(at));
        ChangeEvent next = all.get(i + 1);
        assertEquals(next.gtid(), first.gtid(), table + " after " + at);
        assertEquals(next.eventNumber(), first.eventNumber(), table + " after " + at);
      }
    }
  }

  // k4 has no schema record: a resumed stream builds the same schema version from the source's
  // column types
  @Test
  void aStoredPositionWithADeclaredSchemaResumesWithTheSameVersion() throws Exception {
    String k4 = topicOf("k4_no_schema");
    List<ChangeEvent> all =
        readWithOffsets(source(k4), COMMANDES, StartPosition.beginning(), DECLARED);
    StreamPosition at = all.get(all.size() / 2).position();
    assertTrue(at.sourceOffset().endsWith(";schema=declared:1"), at.sourceOffset());

    List<ChangeEvent> rest =
        readWithOffsets(source(k4), COMMANDES, StartPosition.after(at), DECLARED);

    assertEquals(withoutOffsets(all.subList(all.size() / 2 + 1, all.size())), withoutOffsets(rest));
  }

  @Test
  void aStoredPositionPastThePartitionsEndStopsTheStream() throws Exception {
    String topic = topicOf("k1b_default_utf8_blobs");
    StreamPosition gone =
        new StreamPosition(
            io.github.maxcdc.position.Gtid.parse("0-1-5"),
            1,
            "kafkacdc;topic=" + topic + ";next=0:100000;schema=record:0:0");

    CdcException e = failure(source(topic), StartPosition.after(gone), null);

    StoredOffsetException stored = assertInstanceOf(StoredOffsetException.class, e);
    assertEquals(100000, stored.stored());
    assertEquals(0, stored.partition());
    assertTrue(stored.getMessage().contains("past the partition's end"), e.getMessage());
  }

  @Test
  void aStoredPositionWhoseRecordsRetentionDeletedStopsTheStream() throws Exception {
    String topic = topicOf("k1b_default_utf8_blobs");
    List<ChangeEvent> all =
        readWithOffsets(source(topic), COMMANDES, StartPosition.beginning(), null);
    StreamPosition at = all.get(2).position();
    String later = all.get(10).position().sourceOffset(); // kafkacdc;topic=T;next=0:N;schema=...
    long deleteBefore = Long.parseLong(later.replaceAll(".*;next=0:([0-9]+);.*", "$1"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .deleteRecords(
              Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(deleteBefore)))
          .all()
          .get();
    }

    CdcException noSchema = failure(source(topic), StartPosition.after(at), null);
    CdcException noRows = failure(source(topic), StartPosition.after(at), DECLARED);

    assertEquals(CdcException.class, noSchema.getClass());
    assertTrue(noSchema.getMessage().contains("was deleted by retention"), noSchema.getMessage());
    assertTrue(noSchema.getMessage().contains("--source-url"), noSchema.getMessage());
    assertInstanceOf(StoredOffsetException.class, noRows);
    assertTrue(noRows.getMessage().contains("retention deleted"), noRows.getMessage());
  }

  // k4: send_schema=false, no schema record at all; the schema comes from the source's columns,
  // here the table as 30_alter_commandes.sql leaves it (the rows before its ALTER lack canal)
  @Test
  void withoutSchemaRecordsTheSchemaComesFromTheDeclaredTypes() throws Exception {
    String k4 = topicOf("k4_no_schema");

    List<ChangeEvent> events = readAll(source(k4), COMMANDES, StartPosition.beginning(), DECLARED);
    List<ChangeEvent> k1b = readAll(source(topicOf("k1b_default_utf8_blobs")), COMMANDES);

    assertEquals(summary(k1b), summary(events));
    ChangeEvent first = events.get(0);
    assertEquals("decimal(10,2)", first.schema().column("montant").orElseThrow().declaredType());
    assertEquals(Fidelity.UNAVAILABLE, first.after().fidelity("canal")); // not yet a column
    ChangeEvent last = events.get(events.size() - 1);
    assertEquals(Fidelity.EXACT, last.before().fidelity("canal"));
  }

  @Test
  void withoutSchemaRecordsNorDeclaredTypesTheStreamSaysWhatItNeeds() {
    CdcException e = failure(source(topicOf("k4_no_schema")));

    assertInstanceOf(DecodeException.class, e);
    assertTrue(e.getMessage().contains("before any schema record of it"), e.getMessage());
    assertTrue(e.getMessage().contains("send_schema=false"), e.getMessage());
  }

  // k2b: after MaxScale's restart the ALTER got no schema record; the source's columns stand in
  @Test
  void anAlterKafkaCdcDidNotAnnounceTakesTheSchemaOfTheSource() throws Exception {
    String k2b = topicOf("k2b_restart_utf8_blobs");

    List<ChangeEvent> events = readAll(source(k2b), COMMANDES, StartPosition.beginning(), DECLARED);

    assertEquals(
        summary(readAll(source(topicOf("k1b_default_utf8_blobs")), COMMANDES)), summary(events));
    assertEquals(2, events.get(events.size() - 1).schema().version());
    assertEquals(Fidelity.EXACT, events.get(events.size() - 1).before().fidelity("canal"));
  }

  // the values of each change, the new column and the positions left out (GTIDs differ by script),
  // DECIMALs compared as numbers
  private static List<String> summary(List<ChangeEvent> events) {
    List<String> out = new ArrayList<>();
    for (ChangeEvent e : events) {
      StringBuilder line = new StringBuilder(e.type().jsonName());
      for (io.github.maxcdc.event.Row row : java.util.Arrays.asList(e.before(), e.after())) {
        if (row != null) {
          for (String c : List.of("id", "client", "montant", "statut", "date_creation")) {
            Object v = row.get(c);
            // with the declared types a DECIMAL comes at its column's scale (120.50)
            line.append(' ')
                .append(c)
                .append('=')
                .append(
                    v instanceof java.math.BigDecimal d
                        ? d.stripTrailingZeros().toPlainString()
                        : v);
          }
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  @Test
  void aMissingTopicIsNamed() {
    CdcException e = failure(source("no_such_topic"));

    NoSuchTopicException missing = assertInstanceOf(NoSuchTopicException.class, e);
    assertEquals(
        "topic no_such_topic does not exist on the Kafka broker " + kafka.bootstrapServers(),
        missing.getMessage());
  }

  @Test
  void aRecordThatIsNotKafkaCdcsStopsTheStreamNamingIt() {
    String topic = "foreign-" + TOPICS.incrementAndGet();
    kafka.createTopic(topic, 1);
    List<KafkaRecord> records =
        new ArrayList<>(KafkaCdcRecording.builtIn("k1b_default_utf8_blobs").records());
    records.add(5, record(0, "hello", "{\"a\":1}"));
    kafka.produce(topic, records);

    CdcException e = failure(source(topic));

    assertInstanceOf(DecodeException.class, e);
    assertTrue(
        e.getMessage().startsWith("record " + topic + "-0@5 (key hello): the key 'hello' is not"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("the record before it: record " + topic + "-0@4 (key 0-1-6:1)"),
        e.getMessage());
  }

  @Test
  void aGtidGoingBackwardsStopsTheStreamWithBothPositions() {
    String topic = "backwards-" + TOPICS.incrementAndGet();
    kafka.createTopic(topic, 1);
    List<KafkaRecord> records =
        new ArrayList<>(KafkaCdcRecording.builtIn("k1b_default_utf8_blobs").records());
    records.add(8, records.get(3)); // 0-1-5:1 written again after 0-1-8:1

    kafka.produce(topic, records);

    CdcException e = failure(source(topic));

    assertInstanceOf(DecodeException.class, e);
    assertTrue(
        e.getMessage()
            .startsWith(
                "record "
                    + topic
                    + "-0@8 (key 0-1-5:1): the GTID went backwards, after record "
                    + topic
                    + "-0@7 (key 0-1-8:1)"),
        e.getMessage());
  }

  @Test
  void anUnreachableBrokerIsATransientTimeoutNamingIt() throws Exception {
    KafkaCdcSource dead =
        KafkaCdcSource.builder()
            .bootstrapServers("127.0.0.1:" + freePort())
            .topic("shop_tx_cdc")
            .openTimeout(Duration.ofSeconds(2))
            .build();

    CdcTimeoutException e =
        assertThrows(
            CdcTimeoutException.class,
            () -> dead.open(new SourceRequest(COMMANDES, 0, StartPosition.beginning())));
    assertTrue(e.isTransient());
    assertTrue(
        e.getMessage().startsWith("no answer from the Kafka broker 127.0.0.1:"), e.getMessage());
  }

  @Test
  void aConsumerGroupIsRefusedPointingToPublishing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaCdcSource.builder().property("group.id", "warehouse"));
    assertTrue(e.getMessage().contains("publish"), e.getMessage());
  }

  private static KafkaCdcSource source(String topic) {
    return KafkaCdcSource.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topic(topic)
        .openTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static String topicOf(String recording) {
    String topic = recording + "-" + TOPICS.incrementAndGet();
    kafka.load(topic, KafkaCdcRecording.builtIn(recording));
    return topic;
  }

  private static KafkaRecord record(long offset, String key, String value) {
    return new KafkaRecord(
        0,
        offset,
        System.currentTimeMillis(),
        key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  private static List<ChangeEvent> readAll(KafkaCdcSource source, TableId table) throws Exception {
    return readAll(source, table, StartPosition.beginning());
  }

  private static List<ChangeEvent> readAll(
      KafkaCdcSource source, TableId table, StartPosition start) throws Exception {
    return readAll(source, table, start, null);
  }

  private static List<ChangeEvent> readAll(
      KafkaCdcSource source, TableId table, StartPosition start, DeclaredTypes declared)
      throws Exception {
    return withoutOffsets(readWithOffsets(source, table, start, declared));
  }

  // The events as another source would give them: the source offsets are this source's own.
  private static List<ChangeEvent> withoutOffsets(List<ChangeEvent> events) {
    return events.stream().map(KafkaCdcSourceIT::withoutOffset).toList();
  }

  private static ChangeEvent withoutOffset(ChangeEvent e) {
    if (e instanceof Insert i) {
      return new Insert(i.schema(), i.gtid(), i.eventNumber(), i.timestamp(), i.after());
    }
    if (e instanceof Delete d) {
      return new Delete(d.schema(), d.gtid(), d.eventNumber(), d.timestamp(), d.before());
    }
    Update u = (Update) e;
    return new Update(
        u.schema(),
        u.gtid(),
        u.eventNumber(),
        u.afterEventNumber(),
        u.timestamp(),
        u.before(),
        u.after());
  }

  private static List<ChangeEvent> readWithOffsets(
      KafkaCdcSource source, TableId table, StartPosition start, DeclaredTypes declared)
      throws Exception {
    List<ChangeEvent> events = Collections.synchronizedList(new ArrayList<>());
    CdcClient.Builder builder =
        CdcClient.builder()
            .source(source)
            .table(table)
            .startAt(start)
            .listener(events::add)
            .stopWhenIdle(Duration.ofMillis(700))
            .reconnect(Backoff.never());
    if (declared != null) {
      builder.declaredTypes(declared);
    }
    CdcClient client = builder.build();
    client.start();
    assertTrue(client.awaitTermination(Duration.ofSeconds(30)));
    client.close();
    return List.copyOf(events);
  }

  private static List<ChangeEvent> fromCdcProtocol(String recording) throws Exception {
    List<ChangeEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn(recording)).build()) {
      CdcClient client =
          CdcClient.builder()
              .address(server.host(), server.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .format(StreamFormat.JSON)
              .table(COMMANDES)
              .listener(events::add)
              .stopWhenIdle(Duration.ofMillis(700))
              .build();
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(30)));
      client.close();
    }
    return List.copyOf(events);
  }

  private static CdcException failure(KafkaCdcSource source) {
    return failure(source, StartPosition.beginning(), null);
  }

  private static SourceItem.RawRow firstRow(
      KafkaCdcSource source, TableId table, StartPosition start) throws Exception {
    try (SourceStream stream = source.open(new SourceRequest(table, 0, start))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        if (stream.next(Duration.ofMillis(200)) instanceof SourceItem.RawRow row) {
          return row;
        }
      }
    }
    throw new AssertionError("no row from " + source + " for " + table + " " + start);
  }

  private static CdcException failure(
      KafkaCdcSource source, StartPosition start, DeclaredTypes declared) {
    CdcClient.Builder builder = CdcClient.builder();
    if (declared != null) {
      builder.declaredTypes(declared);
    }
    CdcClient client =
        builder
            .source(source)
            .startAt(start)
            .table(COMMANDES)
            .listener(e -> {})
            .stopWhenIdle(Duration.ofMillis(700))
            .reconnect(Backoff.never())
            .build();
    client.start();
    CdcException e =
        assertThrows(CdcException.class, () -> client.awaitTermination(Duration.ofSeconds(30)));
    client.close();
    return e;
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
