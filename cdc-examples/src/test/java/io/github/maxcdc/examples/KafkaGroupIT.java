package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.KafkaCdcRecording.KafkaRecord;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code replicate --kafka-group} on a 4-partition keyed topic of {@code maxcdc publish}, members
 * as separate JVMs: two members end with the target of the source and every partition's checkpoint
 * at its end offset; a member killed ({@code kill -9}) mid-run has its partitions taken over by the
 * other, the end exact and no change applied twice (the checkpoints count each record once); a
 * stored offset past a partition's end stops before anything is applied. The format of a topic is
 * recognised, and a group on a KafkaCDC topic is refused pointing to publish.
 */
class KafkaGroupIT {
  static final long SEED = Long.getLong("maxcdc.group.seed", 20261206L);
  static final List<ChangeEvent> EVENTS = KeyedWorkload.events(SEED, 4000);
  static final String TOPIC = "maxcdc.shop_tx.commandes";
  static final Duration DEADLINE = Duration.ofSeconds(150);
  static final Map<String, String> ENV = Map.of("NO_PASSWORD", "");

  static EmbeddedKafka kafka;
  static TestDatabase db;
  static Map<TopicPartition, Long> ends;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.shared().deleteTopics();
    db = TestDatabase.shared();
    KeyedWorkload.publish(kafka, "maxcdc", 4, EVENTS);
    ends = endOffsets();
    System.out.println("KafkaGroupIT seed " + SEED + ", records " + KeyedWorkload.records(EVENTS));
  }

  @Test
  void twoMembersEndWithTheSourceAndEveryPartitionAtItsEnd() throws Exception {
    db.recreateDatabase("kg_two");
    Process one = ChildJvm.startMain(args("kg_two", "G2", "6s"), ENV, log("two-a"));
    Process two = ChildJvm.startMain(args("kg_two", "G2", "6s"), ENV, log("two-b"));
    ChildJvm.Exit a = ChildJvm.await(one, log("two-a"), DEADLINE);
    ChildJvm.Exit b = ChildJvm.await(two, log("two-b"), DEADLINE);
    assertEquals(0, a.status(), a.output());
    assertEquals(0, b.status(), b.output());

    assertTargetIsTheSource("kg_two");
    assertEveryPartitionAppliedOnceToItsEnd("kg_two");
    assertTrue(
        a.output().contains("applied from") && b.output().contains("applied from"),
        "both members applied partitions:\n" + a.output() + "\n" + b.output());

    // one instance without a group: one consumer, source order, the same target
    db.recreateDatabase("kg_one");
    ChildJvm.Exit alone = ChildJvm.runMain(args("kg_one", null, "3s"), ENV, log("one"), DEADLINE);
    assertEquals(0, alone.status(), alone.output());
    assertTargetIsTheSource("kg_one");
    assertEquals((long) KeyedWorkload.records(EVENTS), checkpoints("kg_one").get("applied").get(0));
  }

  @Test
  void theRunnableExampleAppliesTheTopicWithTwoMembers() throws Exception {
    db.recreateDatabase("shop_dw");
    db.execute(
        "CREATE TABLE shop_dw.commandes_dw (id INT PRIMARY KEY, client VARCHAR(100), qty INT,"
            + " statut VARCHAR(20))");
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
            "KAFKA_SESSION_TIMEOUT_MS", "6000",
            "DW_URL", CommandArgs.embeddedUrl(db, "shop_dw"),
            "DW_USER", "root",
            "DW_PASSWORD", "");
    Process a = ChildJvm.startClass(ApplyKeyedTopicInGroup.class, List.of("6"), env, log("ex-a"));
    Process b = ChildJvm.startClass(ApplyKeyedTopicInGroup.class, List.of("6"), env, log("ex-b"));
    for (ChildJvm.Exit exit :
        List.of(
            ChildJvm.await(a, log("ex-a"), DEADLINE), ChildJvm.await(b, log("ex-b"), DEADLINE))) {
      assertEquals(0, exit.status(), exit.output());
      assertTrue(exit.output().contains("member of dw-loader stopped"), exit.output());
    }
    List<Map<String, Object>> expected = KeyedWorkload.finalRows(EVENTS);
    List<Map<String, Object>> actual = Rows.of(db, "shop_dw.commandes_dw", "id");
    assertEquals(expected.toString(), actual.toString());
  }

  @Test
  void aKilledMembersPartitionsAreTakenOverAndNothingIsAppliedTwice() throws Exception {
    db.recreateDatabase("kg_kill");
    int total = KeyedWorkload.records(EVENTS);
    Process victim = ChildJvm.startMain(args("kg_kill", "GK", "20s"), ENV, log("kill-a"));
    Process survivor = ChildJvm.startMain(args("kg_kill", "GK", "20s"), ENV, log("kill-b"));
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (applied("kg_kill") < total / 5 && victim.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5); // polling the target's checkpoints, with a deadline
    }
    victim.destroyForcibly();
    ChildJvm.Exit killed = ChildJvm.await(victim, log("kill-a"), DEADLINE);
    assertEquals(137, killed.status(), killed.output());
    long atKill = applied("kg_kill");
    System.out.println("KafkaGroupIT killed a member at " + atKill + " of " + total);
    assertTrue(atKill < total, "the kill should land mid-run: " + atKill);

    ChildJvm.Exit rest = ChildJvm.await(survivor, log("kill-b"), DEADLINE);
    assertEquals(0, rest.status(), rest.output());
    assertTargetIsTheSource("kg_kill");
    assertEveryPartitionAppliedOnceToItsEnd("kg_kill");
  }

  @Test
  void aStoredOffsetPastThePartitionsEndStopsBeforeAnythingIsApplied() throws Exception {
    db.recreateDatabase("kg_past");
    ChildJvm.Exit first =
        ChildJvm.runMain(args("kg_past", "GP", "3s"), ENV, log("past-1"), DEADLINE);
    assertEquals(0, first.status(), first.output());
    db.execute(
        "UPDATE kg_past.maxcdc_checkpoint SET source_offset = '"
            + TOPIC
            + "-2:999999' WHERE stream_id LIKE '%@"
            + TOPIC
            + "-2'");
    ChildJvm.Exit again =
        ChildJvm.runMain(args("kg_past", "GP2", "3s"), ENV, log("past-2"), DEADLINE);
    assertEquals(1, again.status(), again.output());
    assertTrue(
        again.output().contains("the offset 999999 stored for " + TOPIC + "-2")
            && again.output().contains("past the partition's end ")
            && again.output().contains("nothing was applied"),
        again.output());
    assertTargetIsTheSource("kg_past"); // nothing applied
  }

  @Test
  void theFormatIsRecognisedAndAGroupOnAKafkaCdcTopicIsRefused() throws Exception {
    kafka.load("kg-kafkacdc", KafkaCdcRecording.builtIn("k1_default"));
    ChildJvm.Exit group =
        ChildJvm.runMain(
            replicate("kg_cdc", "kg-kafkacdc", "G", "3s"), ENV, log("kafkacdc"), DEADLINE);
    assertEquals(2, group.status(), group.output());
    assertTrue(
        group.output().contains("is a KafkaCDC topic")
            && group.output().contains("run maxcdc publish to keyed topics"),
        group.output());

    kafka.createTopic("kg-garbage", 1);
    kafka.produce(
        "kg-garbage",
        List.of(new KafkaRecord(0, 0, 1L, null, "hello".getBytes(StandardCharsets.UTF_8))));
    ChildJvm.Exit garbage =
        ChildJvm.runMain(
            replicate("kg_cdc", "kg-garbage", null, "3s"), ENV, log("garbage"), DEADLINE);
    assertEquals(1, garbage.status(), garbage.output());
    assertTrue(
        garbage.output().contains("record kg-garbage-0@0 (value 'hello') is neither a record of"),
        garbage.output());
  }

  @Test
  void streamAndArchiveReadAKeyedTopicInSourceOrder() throws Exception {
    List<String> source =
        List.of(
            "--kafka-bootstrap",
            kafka.bootstrapServers(),
            "--kafka-topic",
            TOPIC,
            "--table",
            "shop_tx.commandes",
            "--idle-exit",
            "2s");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    List<String> stream = new ArrayList<>(List.of("stream"));
    stream.addAll(source);
    int status =
        Main.run(stream.toArray(String[]::new), out, new java.io.PrintStream(err, true), ENV);
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<ChangeEvent> expected = KeyedWorkload.asRead(EVENTS);
    assertEquals(expected.size(), printed.size());
    List<String> positions = new ArrayList<>();
    for (int i = 0; i < printed.size(); i++) {
      String position = ArchiveFiles.JSON.readTree(printed.get(i)).get("position").asText();
      assertEquals(expected.get(i).position().toString(), position, "line " + i);
      positions.add(position);
    }

    List<String> stall = new ArrayList<>(args("kg_usage", null, "2s"));
    stall.addAll(List.of("--stall-timeout", "1m"));
    err.reset();
    status =
        Main.run(
            stall.toArray(String[]::new),
            new java.io.ByteArrayOutputStream(),
            new java.io.PrintStream(err, true),
            ENV);
    assertEquals(2, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--stall-timeout watches MaxScale's stream"),
        err.toString(StandardCharsets.UTF_8));

    Path dir = Path.of("target/kafka-group/archive-" + System.nanoTime());
    List<String> archive = new ArrayList<>(List.of("archive", "--dir", dir.toString()));
    archive.addAll(source);
    err.reset();
    status =
        Main.run(
            archive.toArray(String[]::new),
            new java.io.ByteArrayOutputStream(),
            new java.io.PrintStream(err, true),
            ENV);
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        positions,
        ArchiveFiles.positions(
            io.github.maxcdc.archive.ArchiveLayout.tableDir(
                dir, io.github.maxcdc.event.TableId.parse("shop_tx.commandes"))));
  }

  private static void assertTargetIsTheSource(String database) throws SQLException {
    List<Map<String, Object>> expected = KeyedWorkload.finalRows(EVENTS);
    List<Map<String, Object>> actual = Rows.of(db, database + ".commandes", "id");
    assertEquals(expected.size(), actual.size(), database + ": rows");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).toString(), actual.get(i).toString(), database + " row " + i);
    }
  }

  private static void assertEveryPartitionAppliedOnceToItsEnd(String database) throws SQLException {
    Map<String, List<Object>> cp = checkpoints(database);
    assertEquals(4, cp.get("stream").size(), cp.toString());
    long sum = 0;
    for (int i = 0; i < 4; i++) {
      String stream = (String) cp.get("stream").get(i);
      assertTrue(stream.endsWith("@" + TOPIC + "-" + i), stream);
      assertEquals(TOPIC + "-" + i + ":" + ends.get(tp(i)), cp.get("offset").get(i), stream);
      sum += (Long) cp.get("applied").get(i);
    }
    assertEquals(KeyedWorkload.records(EVENTS), sum, "each record applied once");
  }

  private static Map<String, List<Object>> checkpoints(String database) throws SQLException {
    Map<String, List<Object>> cp = new HashMap<>();
    List.of("stream", "offset", "applied").forEach(k -> cp.put(k, new ArrayList<>()));
    try (Connection c = db.connect(database);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT stream_id, source_offset, applied_events FROM maxcdc_checkpoint"
                    + " ORDER BY stream_id")) {
      while (rs.next()) {
        cp.get("stream").add(rs.getString(1));
        cp.get("offset").add(rs.getString(2));
        cp.get("applied").add(rs.getLong(3));
      }
    }
    return cp;
  }

  private static long applied(String database) throws SQLException {
    try {
      return checkpoints(database).get("applied").stream().mapToLong(o -> (Long) o).sum();
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) { // no checkpoint table yet
        return 0;
      }
      throw e;
    }
  }

  // where each partition ends for a reader: after its last record (a transaction's commit marker,
  // which takes an offset of its own, may follow it: the end offset is one more then)
  private static Map<TopicPartition, Long> endOffsets() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", kafka.bootstrapServers());
    config.put("key.deserializer", ByteArrayDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    config.put("isolation.level", "read_committed");
    Map<TopicPartition, Long> ends = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> all = IntStream.range(0, 4).mapToObj(KafkaGroupIT::tp).toList();
      Map<TopicPartition, Long> logEnds = consumer.endOffsets(all);
      consumer.assign(all);
      consumer.seekToBeginning(all);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (all.stream().anyMatch(tp -> consumer.position(tp) < logEnds.get(tp))
          && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> ends.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1));
      }
    }
    return ends;
  }

  private static TopicPartition tp(int partition) {
    return new TopicPartition(TOPIC, partition);
  }

  private static Path log(String name) {
    return Path.of("target/kafka-group/" + name + ".log");
  }

  private static List<String> args(String database, String group, String idleExit) {
    return replicate(database, TOPIC, group, idleExit);
  }

  private static List<String> replicate(
      String database, String topic, String group, String idleExit) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replicate",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-topic",
                topic,
                "--table",
                "shop_tx.commandes",
                "--target-url",
                CommandArgs.embeddedUrl(db, database),
                "--target-user",
                "root",
                "--target-password-env",
                "NO_PASSWORD",
                "--target-table",
                "commandes",
                "--create-target",
                "id",
                "--idle-exit",
                idleExit,
                "--kafka-property",
                "session.timeout.ms=6000",
                "--kafka-property",
                "heartbeat.interval.ms=1000"));
    if (group != null) {
      args.addAll(List.of("--kafka-group", group));
    }
    return args;
  }
}
