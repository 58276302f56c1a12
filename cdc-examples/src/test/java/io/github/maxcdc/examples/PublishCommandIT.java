package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.jdbc.testing.SqlScripts;
import io.github.maxcdc.testkit.BuiltInAvroDirectory;
import io.github.maxcdc.testkit.EmbeddedKafka;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.KafkaCdcRecording;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxcdc publish} against a real broker: the recorded workload's binary values (the
 * BLOB/BINARY values that are not UTF-8, which kill MaxScale's KafkaCDC, recording {@code k1}, and
 * the VARBINARY values MaxScale cuts) published equal to the source's bytes; a KafkaCDC topic of
 * three partitions published with the source's primary keys; usage errors and an unreachable
 * broker.
 */
class PublishCommandIT {
  private static final String SQL = "maxcdc-recordings/maxscale-24.02.3/sql/";
  private static final String SQL_EXTRA = "maxcdc-recordings/maxscale-24.02.3-kafkacdc/sql-extra/";
  private static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "NO_PASSWORD", "");
  private static final List<String> BINARY =
      List.of("c_tinyblob", "c_blob", "c_mediumblob", "c_longblob", "c_binary", "c_varbinary");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedKafka kafka;

  record Run(int status, String out, String err) {}

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.shared().deleteTopics();
  }

  // sql/20_types.sql, as the real avrorouter wrote it: the k1 workload KafkaCDC died on
  @ParameterizedTest
  @ValueSource(strings = {"json", "avro"})
  void binaryValuesArePublishedAsTheSourceHoldsThem(String format, @TempDir Path dir)
      throws Exception {
    try (TestDatabase source = TestDatabase.embedded();
        FakeMaxScale server =
            FakeMaxScale.builder()
                .avroDirectory(BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, dir))
                .build()) {
      for (String script :
          List.of("01_schema_shop_tx.sql", "10_workload_commandes.sql", "20_types.sql")) {
        SqlScripts.run(source, SQL + script);
      }
      String prefix = "bin-" + format;
      Run run =
          run(
              CommandArgs.source(
                  "publish",
                  server,
                  "cdc_types.all_types",
                  "--format",
                  format,
                  "--publish-bootstrap",
                  kafka.bootstrapServers(),
                  "--publish-prefix",
                  prefix,
                  "--idle-exit",
                  "2s"),
              sourceArgs(source));
      assertEquals(0, run.status(), run.err());

      Map<String, JsonNode> last = lastImages(prefix + ".cdc_types.all_types");
      Map<String, Map<String, byte[]>> expected = binaryColumns(source);
      assertEquals(expected.keySet(), last.keySet());
      int nonUtf8 = 0;
      for (Map.Entry<String, Map<String, byte[]>> row : expected.entrySet()) {
        JsonNode envelope = last.get(row.getKey());
        JsonNode after = envelope.get("after");
        for (String column : BINARY) {
          byte[] want = row.getValue().get(column);
          JsonNode got = after.get(column);
          String where = format + " " + row.getKey() + " " + column;
          if (want == null) {
            assertTrue(got.isNull(), where);
            continue;
          }
          if (column.equals("c_binary")) {
            want = unpadded(want); // BINARY(n): MaxScale strips the padding MariaDB adds back
          }
          assertArrayEquals(want, Base64.getDecoder().decode(got.asText()), where);
          nonUtf8 += isUtf8(want) ? 0 : 1;
          JsonNode untrusted = envelope.path("untrusted").path("after");
          assertFalse(untrusted.has(column), where + ": " + untrusted);
        }
      }
      assertTrue(nonUtf8 >= 2, "the workload holds bytes that are not UTF-8: " + nonUtf8);
    }
  }

  // k5: 3 partitions, one update's halves spread over them, a VARBINARY value KafkaCDC left out
  @Test
  void aKafkaCdcTopicIsPublishedWithTheSourcesKeys() throws Exception {
    String topic = "k5-" + System.nanoTime();
    kafka.load(topic, KafkaCdcRecording.builtIn("k5_partitions"));
    try (TestDatabase source = TestDatabase.embedded()) {
      for (String script :
          List.of(
              SQL + "01_schema_shop_tx.sql",
              SQL + "10_workload_commandes.sql",
              SQL_EXTRA + "20b_types_utf8_blobs.sql")) {
        SqlScripts.run(source, script);
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  "publish",
                  "--kafka-bootstrap",
                  kafka.bootstrapServers(),
                  "--kafka-topic",
                  topic,
                  "--table",
                  "shop_tx.commandes,cdc_types.all_types",
                  "--publish-bootstrap",
                  kafka.bootstrapServers(),
                  "--publish-prefix",
                  "k5",
                  "--publish-partitions",
                  "2",
                  "--idle-exit",
                  "2s"));
      Run run = run(args, sourceArgs(source));
      assertEquals(0, run.status(), run.err());
      assertTrue(run.err().contains("published k5.shop_tx.commandes: "), run.err());

      List<ConsumerRecord<byte[], byte[]>> commandes =
          TopicRecords.committed(kafka.bootstrapServers(), "k5.shop_tx.commandes");
      assertFalse(commandes.isEmpty());
      for (ConsumerRecord<byte[], byte[]> r : commandes) {
        JsonNode value = JSON.readTree(r.value());
        JsonNode image = value.get("after").isNull() ? value.get("before") : value.get("after");
        assertEquals("{\"id\":" + image.get("id") + "}", TopicRecords.text(r.key()));
      }
      Map<String, JsonNode> last = lastImages("k5.cdc_types.all_types");
      Map<String, Map<String, byte[]>> expected = binaryColumns(source);
      assertEquals(expected.keySet(), last.keySet());
      for (Map.Entry<String, Map<String, byte[]>> row : expected.entrySet()) {
        byte[] want = row.getValue().get("c_varbinary");
        JsonNode got = last.get(row.getKey()).get("after").get("c_varbinary");
        assertArrayEquals(
            want, want == null ? null : Base64.getDecoder().decode(got.asText()), row.getKey());
      }

      // run again: the positions say everything is published
      Run again = run(args, sourceArgs(source));
      assertEquals(0, again.status(), again.err());
      assertTrue(again.err().contains("published k5.shop_tx.commandes: 0 records"), again.err());
      assertEquals(
          commandes.size(),
          TopicRecords.committed(kafka.bootstrapServers(), "k5.shop_tx.commandes").size());
    }
  }

  @Test
  void theRunnableExamplePublishesAndResumes(@TempDir Path dir) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      io.github.maxcdc.testkit.ScriptedTable commandes =
          server.createTable(
              "shop_tx", "commandes", io.github.maxcdc.testkit.TableDefinition.commandes());
      commandes.insert(Map.of("client", "Client A", "montant", new java.math.BigDecimal("120.50")));
      commandes.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
      Map<String, String> env =
          Map.of(
              "MAXSCALE_HOST",
              server.host(),
              "MAXSCALE_PORT",
              String.valueOf(server.port()),
              "CDC_PASSWORD",
              FakeMaxScale.DEFAULT_PASSWORD,
              "KAFKA_BOOTSTRAP",
              kafka.bootstrapServers());
      ChildJvm.Exit first = example(env, dir.resolve("first.log"));
      assertTrue(
          first.output().contains("2 records published to maxcdc.shop_tx.commandes"),
          first.output());
      commandes.delete(Map.of("id", 1));
      ChildJvm.Exit second = example(env, dir.resolve("second.log"));
      assertTrue(second.output().contains("1 records published"), second.output());
      List<String> ops = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r :
          TopicRecords.committed(kafka.bootstrapServers(), "maxcdc.shop_tx.commandes")) {
        ops.add(TopicRecords.text(r.key()) + " " + JSON.readTree(r.value()).get("op").asText());
      }
      assertEquals(List.of("{\"id\":1} c", "{\"id\":1} u", "{\"id\":1} d"), ops);
    }
  }

  private static ChildJvm.Exit example(Map<String, String> env, Path log) throws Exception {
    ChildJvm.Exit exit =
        ChildJvm.await(
            ChildJvm.startClass(PublishToKafka.class, List.of("2"), env, log),
            log,
            java.time.Duration.ofMinutes(2));
    assertEquals(0, exit.status(), exit.output());
    return exit;
  }

  @Test
  void usageErrorsEndWithStatus2() {
    List<String> source =
        List.of(
            "publish",
            "--kafka-bootstrap",
            kafka.bootstrapServers(),
            "--kafka-topic",
            "t",
            "--table",
            "a.b");
    String bootstrap = "--publish-bootstrap=" + kafka.bootstrapServers();
    Run noBootstrap = run(source, List.of());
    Run partitions = run(source, List.of(bootstrap, "--publish-partitions", "0"));
    Run acks = run(source, List.of(bootstrap, "--publish-property", "acks=1"));
    Run prefix = run(source, List.of(bootstrap, "--publish-prefix", "a b"));
    Run idForTwo =
        run(
            List.of(
                "publish",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-topic",
                "t",
                "--table",
                "a.b,a.c"),
            List.of(bootstrap, "--publish-id", "x"));
    Run keysForTwo =
        run(
            List.of(
                "publish",
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--kafka-topic",
                "t",
                "--table",
                "a.b,a.c"),
            List.of(bootstrap, "--key-columns", "id"));

    assertEquals(2, noBootstrap.status(), noBootstrap.err());
    assertTrue(noBootstrap.err().contains("--publish-bootstrap"), noBootstrap.err());
    assertEquals(2, partitions.status(), partitions.err());
    assertTrue(partitions.err().contains("partitions must be at least 1"), partitions.err());
    assertEquals(2, acks.status(), acks.err());
    assertTrue(acks.err().contains("acks is set by the publisher"), acks.err());
    assertEquals(2, prefix.status(), prefix.err());
    assertTrue(prefix.err().contains("prefix must be"), prefix.err());
    assertEquals(2, idForTwo.status(), idForTwo.err());
    assertTrue(idForTwo.err().contains("--publish-id names one publisher"), idForTwo.err());
    assertEquals(2, keysForTwo.status(), keysForTwo.err());
    assertTrue(keysForTwo.err().contains("write --key-columns DB.TABLE=COLS"), keysForTwo.err());
  }

  @Test
  void anUnreachableBrokerIsNamed() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Run run =
          run(
              CommandArgs.source(
                  "publish",
                  server,
                  "shop.orders",
                  "--publish-bootstrap",
                  "127.0.0.1:" + port,
                  "--publish-timeout",
                  "2s"),
              List.of());
      assertEquals(1, run.status(), run.err());
      assertTrue(
          run.err()
              .contains(
                  "maxcdc publish: the Kafka brokers 127.0.0.1:"
                      + port
                      + " did not answer within 2000 ms"),
          run.err());
    }
  }

  // --- helpers

  private static List<String> sourceArgs(TestDatabase server) {
    return List.of(
        "--source-url",
        server.jdbcUrl(""),
        "--source-user",
        "root",
        "--source-password-env",
        "NO_PASSWORD");
  }

  // the last envelope of each key of a table's topic, by its id; deleted rows left out
  private static Map<String, JsonNode> lastImages(String topic) throws Exception {
    Map<String, JsonNode> last = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        TopicRecords.committed(kafka.bootstrapServers(), topic)) {
      JsonNode value = JSON.readTree(r.value());
      String id = JSON.readTree(r.key()).get("id").asText();
      if (value.get("after").isNull()) {
        last.remove(id);
      } else {
        last.put(id, value);
      }
    }
    return last;
  }

  private static Map<String, Map<String, byte[]>> binaryColumns(TestDatabase db) throws Exception {
    Map<String, Map<String, byte[]>> rows = new LinkedHashMap<>();
    try (Connection c = db.connect("cdc_types");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id, " + String.join(", ", BINARY) + " FROM all_types")) {
      while (rs.next()) {
        Map<String, byte[]> row = new HashMap<>();
        for (String column : BINARY) {
          row.put(column, rs.getBytes(column));
        }
        rows.put(rs.getString("id"), row);
      }
    }
    assertNotNull(rows);
    return rows;
  }

  private static byte[] unpadded(byte[] b) {
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    return Arrays.copyOf(b, n);
  }

  private static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static Run run(List<String> command, List<String> more) {
    List<String> args = new ArrayList<>(command);
    args.addAll(more);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args.toArray(String[]::new), out, new PrintStream(err, true), ENV);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
