package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fake KafkaCDC router writing into a real broker on the loopback: a consumer reads back what
 * was scripted, as soon as each scripting call has returned.
 */
class FakeKafkaCdcIT {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.shared().deleteTopics();
  }

  @Test
  void theSharedBrokerIsStartedAgainAndHandedOverWithoutTopics() throws Exception {
    kafka.createTopic("left_over", 1);
    kafka.stop();
    assertSame(kafka, EmbeddedKafka.shared());
    assertTrue(kafka.isRunning());
    kafka.deleteTopics();
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertEquals(Set.of(), admin.listTopics().names().get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aConsumerReadsTheRecordedTopicBackFromThreePartitions() {
    kafka.createTopic("k5_fake", 3);
    SettableClock clock = new SettableClock();
    try (FakeMaxScale server =
        FakeMaxScale.builder()
            .clock(clock)
            .kafkaCdc(
                FakeKafkaCdc.toTopic(kafka.bootstrapServers(), "k5_fake").loseInvalidUtf8(true))
            .build()) {
      RecordedWorkload workload = new RecordedWorkload(server, clock).phase1();
      // flushed before the call returned: all there, no waiting
      assertEquals(19, KafkaTopics.readAll(kafka.bootstrapServers(), "k5_fake", 3, 19).size());
      workload.typesUtf8Blobs();

      List<KafkaCdcRecording.KafkaRecord> read =
          KafkaTopics.readAll(kafka.bootstrapServers(), "k5_fake", 3, 28);
      FakeKafkaCdcFaithfulnessTest.assertTopic("k5_partitions", read);
      KafkaCdcRecording.KafkaRecord schema =
          read.stream().filter(r -> r.keyText().equals("0-1-2")).findFirst().orElseThrow();
      assertEquals(1700000000000L, schema.timestamp(), "CreateTime: the statement's time");
      assertThrows(IllegalStateException.class, () -> server.kafkaCdc().records());
    }
  }

  @Test
  void aKillDuringATransactionLeavesOnlyItsFirstRowsInTheTopic() {
    kafka.createTopic("kill_fake", 1);
    try (FakeMaxScale server =
        FakeMaxScale.builder()
            .kafkaCdc(FakeKafkaCdc.toTopic(kafka.bootstrapServers(), "kill_fake"))
            .build()) {
      ScriptedTable t = server.createTable("shop", "orders", TableDefinition.commandes());
      server.kafkaCdc().killDuringNextTransaction(2);
      server.transaction(
          tx -> {
            for (int i = 0; i < 5; i++) {
              tx.insert(t, Map.of("client", "c" + i));
            }
          });
      t.insert(Map.of("client", "after"));

      List<String> keys =
          KafkaTopics.readAll(kafka.bootstrapServers(), "kill_fake", 1, 4).stream()
              .map(KafkaCdcRecording.KafkaRecord::keyText)
              .toList();
      assertEquals(List.of("0-1-1", "0-1-2:1", "0-1-2:2", "0-1-3:1"), keys);
    }
  }

  @Test
  void aTopicThatDoesNotExistFailsTheBuild() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                FakeMaxScale.builder()
                    .kafkaCdc(
                        FakeKafkaCdc.toTopic(kafka.bootstrapServers(), "no_such_topic")
                            .timeout(Duration.ofSeconds(2)))
                    .build());
    assertTrue(e.getMessage().contains("no_such_topic"), e.getMessage());
  }
}
