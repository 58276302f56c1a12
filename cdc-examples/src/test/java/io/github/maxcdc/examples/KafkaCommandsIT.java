package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.testing.SqlScripts;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.KafkaCdcRecording.KafkaRecord;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream} and {@code replicate} read MaxScale's KafkaCDC topics (recorded, replayed into a
 * real broker) with {@code --kafka-bootstrap}: the same lines as from the CDC protocol, and a
 * target equal to the source built from the recordings' SQL scripts.
 */
class KafkaCommandsIT {
  private static final String SQL = "maxcdc-recordings/maxscale-24.02.3/sql/";
  private static final String SQL_EXTRA = "maxcdc-recordings/maxscale-24.02.3-kafkacdc/sql-extra/";
  private static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "NO_PASSWORD", "");

  private static EmbeddedKafka kafka;
  private static TestDatabase db;

  record Run(int status, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.shared().deleteTopics();
    db = TestDatabase.embedded();
    // the source of k5: its workload up to the ALTER of 0-1-20
    for (String script :
        List.of(
            SQL + "01_schema_shop_tx.sql",
            SQL + "10_workload_commandes.sql",
            SQL_EXTRA + "20b_types_utf8_blobs.sql")) {
      SqlScripts.run(db, script);
    }
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void streamPrintsTheLinesOfTheCdcProtocol() {
    String topic = load("k1b_default_utf8_blobs");
    Run fromKafka =
        run("stream", kafkaArgs(topic), "--table", "shop_tx.commandes", "--idle-exit", "2s");
    Run fromCdc;
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("f1_commandes_json_after_alter")).build()) {
      fromCdc =
          run(
              "stream",
              List.of(
                  "--host",
                  server.host(),
                  "--port",
                  String.valueOf(server.port()),
                  "--user",
                  FakeMaxScale.DEFAULT_USER,
                  "--password-env",
                  "CDC_PASSWORD"),
              "--table",
              "shop_tx.commandes",
              "--idle-exit",
              "2s");
    }

    assertEquals(0, fromKafka.status(), fromKafka.err());
    assertEquals(0, fromCdc.status(), fromCdc.err());
    assertEquals(18, fromKafka.out().lines().count(), fromKafka.out());
    assertEquals(fromCdc.out(), fromKafka.out());
  }

  // k5: 3 partitions, one transaction's rows and one update's halves spread over them, and a
  // VARBINARY value KafkaCDC left out (0-1-15): re-read from the source, the copy is exact
  @Test
  void replicateAThreePartitionTopicEqualsTheSource() throws Exception {
    String topic = load("k5_partitions");
    db.recreateDatabase("replica_k5");

    Run run =
        run(
            "replicate",
            plus(
                kafkaArgs(topic),
                plus(target(db, "replica_k5", "commandes,all_types"), source(db))),
            "--table",
            "shop_tx.commandes,cdc_types.all_types",
            "--create-target",
            "id",
            "--idle-exit",
            "2s");

    assertEquals(0, run.status(), run.err());
    assertEquals(6, rows("shop_tx.commandes").size());
    assertEquals(rows("shop_tx.commandes"), rows("replica_k5.commandes"));
    assertEquals(rows("cdc_types.all_types"), rows("replica_k5.all_types"));
    List<Map<String, Object>> checkpoints =
        Rows.of(db, "replica_k5.maxcdc_checkpoint", "stream_id", "stream_id", "source_offset");
    assertEquals(2, checkpoints.size(), checkpoints.toString());
    for (Map<String, Object> checkpoint : checkpoints) {
      assertTrue(
          String.valueOf(checkpoint.get("source_offset"))
              .startsWith("kafkacdc;topic=" + topic + ";next=0:"),
          checkpoint.toString());
    }
  }

  // k3: MaxScale was killed 11,315 rows into a 20,000-row transaction and went on with the next
  // one;
  // the topic cannot show the 8,685 rows it lost, the source can
  @Test
  void verifyRepairHealsWhatKafkaCdcLost() throws Exception {
    List<KafkaRecord> beforeTheAlter =
        KafkaCdcRecording.builtIn("k3_kill").records().stream()
            .filter(r -> r.offset() < 11_334)
            .toList();
    String topic = "k3-" + System.nanoTime();
    kafka.createTopic(topic, 1);
    kafka.produce(topic, beforeTheAlter);
    try (TestDatabase source = TestDatabase.embedded()) {
      for (String script :
          List.of(
              SQL + "01_schema_shop_tx.sql",
              SQL + "10_workload_commandes.sql",
              SQL_EXTRA + "35_big_transaction.sql")) {
        SqlScripts.run(source, script);
      }
      db.recreateDatabase("replica_k3");
      List<String> sourceArgs = source(source);
      List<String> targetArgs = target(db, "replica_k3", "commandes");

      Run replicate =
          run(
              "replicate",
              plus(kafkaArgs(topic), plus(targetArgs, sourceArgs)),
              "--table",
              "shop_tx.commandes",
              "--create-target",
              "id",
              "--idle-exit",
              "2s");
      // the replication has ended: nothing is in flight, no need to wait for it to settle
      List<String> verifyArgs = plus(targetArgs, sourceArgs);
      Run verify =
          run("verify", verifyArgs, "--table", "shop_tx.commandes", "--settle-timeout", "0s");
      Run repair =
          run(
              "verify",
              verifyArgs,
              "--table",
              "shop_tx.commandes",
              "--settle-timeout",
              "0s",
              "--repair");

      assertEquals(0, replicate.status(), replicate.err());
      assertEquals(1, verify.status(), verify.err());
      assertTrue(
          verify
              .out()
              .startsWith(
                  "different: shop_tx.commandes -> replica_k3.commandes, 20006"
                      + " source rows, 11321 target rows"),
          verify.out());
      assertTrue(verify.out().contains(" 8685 missing, 0 extra, 0 different"), verify.out());
      assertEquals(0, repair.status(), repair.out() + repair.err());
      assertTrue(
          repair.out().contains("\nrepaired: 8685 rows written, 0 rows deleted\nequal: "),
          repair.out());
      assertEquals(
          Rows.of(source, "shop_tx.commandes", "id"), Rows.of(db, "replica_k3.commandes", "id"));
    }
  }

  // k3 after the restart: KafkaCDC wrote no schema record for the ALTER of 0-1-12, and the next row
  // has a column the topic never announced
  @Test
  void aRowOfAnUnannouncedSchemaStopsTheStreamNamingTheRecord() {
    String topic = load("k3_kill");

    Run run = run("stream", kafkaArgs(topic), "--table", "shop_tx.commandes", "--idle-exit", "2s");

    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().contains("record " + topic + "-0@11334 (key 0-1-13:1): "), run.err());
    assertTrue(run.err().contains("key 'canal' is not a column of schema version 1"), run.err());
    assertEquals(
        14 + 11_315, run.out().lines().count()); // the rows before 0-1-11, and its kept part
  }

  // the source database's options: root, no password
  private static List<String> source(TestDatabase server) {
    return List.of(
        "--source-url",
        server.jdbcUrl(""),
        "--source-user",
        "root",
        "--source-password-env",
        "NO_PASSWORD");
  }

  // the target's options: tables of one database, root, no password
  private static List<String> target(TestDatabase server, String database, String tables) {
    return List.of(
        "--target-url",
        server.jdbcUrl(database),
        "--target-user",
        "root",
        "--target-password-env",
        "NO_PASSWORD",
        "--target-table",
        tables);
  }

  private static List<String> plus(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // the workshop's "consommateurs multiples": a warehouse and an archive fed from one topic at
  // once,
  // each with its own position, each exactly once
  @Test
  void replicateAndArchiveReadOneTopicAtOnce(@TempDir Path dir) throws Exception {
    String topic = load("k5_partitions");
    db.recreateDatabase("replica_both");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<Run> replicate =
          pool.submit(
              () ->
                  run(
                      "replicate",
                      plus(
                          kafkaArgs(topic),
                          plus(target(db, "replica_both", "commandes"), source(db))),
                      "--table",
                      "shop_tx.commandes",
                      "--create-target",
                      "id",
                      "--idle-exit",
                      "2s"));
      java.util.concurrent.Future<Run> archive =
          pool.submit(
              () ->
                  run(
                      "archive",
                      kafkaArgs(topic),
                      "--table",
                      "shop_tx.commandes",
                      "--dir",
                      dir.toString(),
                      "--idle-exit",
                      "2s"));
      Run printed =
          run("stream", kafkaArgs(topic), "--table", "shop_tx.commandes", "--idle-exit", "2s");

      assertEquals(0, replicate.get().status(), replicate.get().err());
      assertEquals(0, archive.get().status(), archive.get().err());
      assertArchiveHoldsWhatStreamPrinted(dir, printed, 14);
      assertEquals(rows("shop_tx.commandes"), rows("replica_both.commandes"));
    } finally {
      pool.shutdownNow();
    }
  }

  // k4: send_schema=false; with --source-url the schema comes from the source's columns
  @Test
  void archiveATopicWithoutSchemaRecordsFromTheSourceColumns(@TempDir Path dir) throws Exception {
    String topic = load("k4_no_schema");
    try (TestDatabase source = TestDatabase.embedded()) {
      for (String script :
          List.of(
              SQL + "01_schema_shop_tx.sql",
              SQL + "10_workload_commandes.sql",
              SQL + "30_alter_commandes.sql")) {
        SqlScripts.run(source, script);
      }
      List<String> args =
          CommandArgs.plus(
              plus(kafkaArgs(topic), source(source)),
              "--table",
              "shop_tx.commandes",
              "--idle-exit",
              "2s");

      Run without =
          run("archive", kafkaArgs(topic), "--table", "shop_tx.commandes", "--dir", dir + "/a");
      Run archive = run("archive", args, "--dir", dir + "/b");
      Run printed = run("stream", args);

      assertEquals(1, without.status(), without.err());
      assertTrue(without.err().contains("before any schema record of it"), without.err());
      assertEquals(0, archive.status(), archive.err());
      assertArchiveHoldsWhatStreamPrinted(Path.of(dir + "/b"), printed, 18);
    }
  }

  // the archive of shop_tx.commandes under `dir` holds the changes `stream` printed, in order
  private static void assertArchiveHoldsWhatStreamPrinted(Path dir, Run printed, int changes)
      throws java.io.IOException {
    assertEquals(0, printed.status(), printed.err());
    List<String> positions = new ArrayList<>();
    for (String line : printed.out().lines().toList()) {
      positions.add(ArchiveFiles.JSON.readTree(line).get("position").asText());
    }
    assertEquals(changes, positions.size());
    assertEquals(
        positions,
        ArchiveFiles.positions(
            io.github.maxcdc.archive.ArchiveLayout.tableDir(
                dir, TableId.parse("shop_tx.commandes"))));
  }

  @Test
  void aMissingTopicIsNamed() {
    Run run = run("stream", kafkaArgs("no_such_topic"), "--table", "shop_tx.commandes");

    assertEquals(1, run.status(), run.err());
    assertTrue(
        run.err()
            .contains(
                "topic no_such_topic does not exist on the Kafka broker "
                    + kafka.bootstrapServers()),
        run.err());
  }

  @Test
  void oneSourceAtATime() {
    Run both = run("stream", kafkaArgs("t"), "--host", "127.0.0.1", "--table", "shop_tx.commandes");
    Run noTopic =
        run("stream", List.of("--kafka-bootstrap", kafka.bootstrapServers()), "--table", "a.b");
    Run none = run("stream", List.of(), "--table", "a.b");
    Run group = run("stream", kafkaArgs("t"), "--kafka-group", "dw", "--table", "a.b");

    assertEquals(2, both.status());
    assertTrue(both.err().contains("give --host or --kafka-bootstrap, not both"), both.err());
    assertEquals(2, noTopic.status());
    assertTrue(noTopic.err().contains("--kafka-bootstrap needs --kafka-topic"), noTopic.err());
    assertEquals(2, none.status());
    assertTrue(none.err().contains("give the source: --host"), none.err());
    assertEquals(2, group.status());
    assertTrue(group.err().contains("publish"), group.err());
  }

  private static List<String> kafkaArgs(String topic) {
    return List.of("--kafka-bootstrap", kafka.bootstrapServers(), "--kafka-topic", topic);
  }

  private static Run run(String command, List<String> source, String... extra) {
    List<String> args = new ArrayList<>();
    args.add(command);
    args.addAll(source);
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args.toArray(String[]::new), out, new PrintStream(err, true), ENV);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String load(String recording) {
    String topic = recording + "-" + System.nanoTime();
    kafka.load(topic, KafkaCdcRecording.builtIn(recording));
    return topic;
  }

  private static List<Map<String, Object>> rows(String table) throws SQLException {
    return Rows.of(db, table, "id");
  }
}
