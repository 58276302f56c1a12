package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.internal.kafkacdc.ConsistentRandomPartitioner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scripting the KafkaCDC recordings' workloads on a fake KafkaCDC router (in memory) gives the
 * recorded topics: every key and value byte for byte, on the recorded partition at the recorded
 * offset. Only the records' timestamps differ (MaxScale's are the wall clock when it produced them,
 * the fake's the statements' times).
 */
class FakeKafkaCdcFaithfulnessTest {
  private final SettableClock clock = new SettableClock();
  private FakeMaxScale server;
  private RecordedWorkload workload;

  private RecordedWorkload start(FakeKafkaCdc.Builder kafkaCdc) {
    server = FakeMaxScale.builder().clock(clock).kafkaCdc(kafkaCdc).build();
    workload = new RecordedWorkload(server, clock);
    return workload;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Asserts the topic equals the recording's, timestamps excluded. */
  static void assertTopic(String recording, List<KafkaCdcRecording.KafkaRecord> written) {
    List<String> expected = lines(KafkaCdcRecording.builtIn(recording).records());
    List<String> got = lines(sorted(written));
    for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
      assertEquals(expected.get(i), got.get(i), recording + ", record " + i);
    }
    assertEquals(expected.size(), got.size(), recording + ": record count");
  }

  private static List<KafkaCdcRecording.KafkaRecord> sorted(
      List<KafkaCdcRecording.KafkaRecord> records) {
    return records.stream()
        .sorted(
            java.util.Comparator.comparingInt(KafkaCdcRecording.KafkaRecord::partition)
                .thenComparingLong(KafkaCdcRecording.KafkaRecord::offset))
        .toList();
  }

  /** One line a record: partition, offset, key and value (as Base64, then as text). */
  private static List<String> lines(List<KafkaCdcRecording.KafkaRecord> records) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return records.stream()
        .map(
            r ->
                r.partition()
                    + "@"
                    + r.offset()
                    + " "
                    + r.keyText()
                    + " "
                    + (r.value() == null
                        ? "null"
                        : b64.encodeToString(r.value())
                            + " "
                            + new String(r.value(), StandardCharsets.UTF_8)))
        .toList();
  }

  private List<KafkaCdcRecording.KafkaRecord> written() {
    return server.kafkaCdc().records();
  }

  @Test
  void k1bAllScriptsWithUtf8BlobsGiveTheRecordedTopic() {
    start(FakeKafkaCdc.inMemory(1).loseInvalidUtf8(true))
        .phase1()
        .typesUtf8Blobs()
        .phase2()
        .lateTable()
        .lateTableFirstRow();

    assertTopic("k1b_default_utf8_blobs", written());
    assertEquals(1700000000000L, written().get(0).timestamp(), "the CREATE TABLE's time");
  }

  @Test
  void k5ThreePartitionsAreChosenByTheCrc32OfTheKey() {
    start(FakeKafkaCdc.inMemory(3).loseInvalidUtf8(true)).phase1().typesUtf8Blobs();

    assertTopic("k5_partitions", written());
  }

  @Test
  void k5IsLibrdkafkasConsistentRandomNotTheJavaClientsMurmur2() {
    int crc32 = 0;
    int murmur2 = 0;
    List<KafkaCdcRecording.KafkaRecord> records =
        KafkaCdcRecording.builtIn("k5_partitions").records();
    for (KafkaCdcRecording.KafkaRecord r : records) {
      crc32 += ConsistentRandomPartitioner.partition(r.key(), 3) == r.partition() ? 1 : 0;
      murmur2 += Utils.toPositive(Utils.murmur2(r.key())) % 3 == r.partition() ? 1 : 0;
    }
    assertEquals(records.size(), crc32);
    assertTrue(murmur2 < records.size(), "murmur2 matches " + murmur2 + " records");
  }

  @Test
  void k4WithoutSchemaRecords() {
    start(FakeKafkaCdc.inMemory(1).sendSchema(false)).phase1().phase2();

    assertTopic("k4_no_schema", written());
  }

  @Test
  void k6MatchAndExcludeFilterTablesBeforeAnythingIsWritten() {
    // cdc_types.all_types is excluded: its values that are not valid UTF-8 neither crash the
    // router nor get refused
    start(FakeKafkaCdc.inMemory(1).match("^(shop_tx|cdc_types)[.]").exclude("^cdc_types[.]"))
        .phase1()
        .types();

    assertTopic("k6_match", written());
  }

  @Test
  void k1aBlobThatIsNotUtf8KillsTheRouterForGood() {
    start(FakeKafkaCdc.inMemory(1).loseInvalidUtf8(true)).phase1().types();
    assertTrue(server.kafkaCdc().hasCrashed(), "x'DEADBEEF' in c_blob of GTID 0-1-13");
    server.kafkaCdc().restart(); // MaxScale dies again on the same row
    workload.phase2().lateTable().lateTableFirstRow();

    assertTopic("k1_default", written());
    assertTrue(server.kafkaCdc().hasCrashed());
  }

  @Test
  void k2bARestartLosesTheSchemaRecordOfTheNextAlter() {
    start(FakeKafkaCdc.inMemory(1).loseInvalidUtf8(true)).phase1();
    server.kafkaCdc().restart();
    workload.typesUtf8Blobs().phase2();

    assertTopic("k2b_restart_utf8_blobs", written());
  }

  @Test
  void k3AKillDuringTheBigTransactionLosesItsEndAndTheNextAltersSchema() {
    start(FakeKafkaCdc.inMemory(1)).phase1();
    server.kafkaCdc().killDuringNextTransaction(11_315);
    workload.bigTransaction().phase2();

    assertEquals("0-1-16", server.lastGtid().orElseThrow());
    assertTopic("k3_kill", written());
    assertFalse(server.kafkaCdc().hasCrashed());
  }
}
