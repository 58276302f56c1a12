package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Fault;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults between MaxScale and a sink: connections dropped after N bytes (inside records and
 * transactions) and stalls. The client reconnects, the sink drops what it had not committed and the
 * stream resumes after its checkpoint: the target equals the source, and the sink applied exactly
 * as many changes as the stream holds.
 */
class StreamFaultsIT {
  static final TestDatabase DB = TestDatabase.shared();
  static final TableDefinition TABLE =
      TableDefinition.builder()
          .column("k", "INT")
          .primaryKey("k")
          .column("v", "VARCHAR(20)")
          .build();

  /** Scripts 60 transactions of 1 to 6 changes over 20 keys; returns the expected rows. */
  static int script(FakeMaxScale server, TreeMap<Integer, String> model) {
    ScriptedTable t = server.createTable("src", "t", TABLE);
    SplittableRandom random = new SplittableRandom(42);
    int[] events = {0};
    for (int i = 0; i < 60; i++) {
      server.transaction(
          tx -> {
            for (int op = 0, ops = 1 + random.nextInt(6); op < ops; op++) {
              int k = random.nextInt(20);
              String v = "v" + random.nextInt(100_000);
              if (!model.containsKey(k)) {
                tx.insert(t, new LinkedHashMap<>(Map.of("k", k, "v", v)));
                model.put(k, v);
              } else if (random.nextInt(4) == 0) {
                tx.delete(t, Map.of("k", k));
                model.remove(k);
              } else {
                tx.update(t, Map.of("k", k), Map.of("v", v));
                model.put(k, v);
              }
              events[0]++;
            }
          });
    }
    return events[0];
  }

  @ParameterizedTest(name = "{0}, drops after {1} bytes, stall {2}")
  @CsvSource({
    "JSON, 1200, false", "JSON, 3333, false", "JSON, 7000, true",
    "AVRO, 900, false", "AVRO, 2500, false", "AVRO, 4100, true"
  })
  void theTargetEqualsTheSourceAfterDropsAndStalls(StreamFormat format, long bytes, boolean stall)
      throws Exception {
    DB.recreateDatabase("faults");
    DB.execute("CREATE TABLE faults.t (k INT PRIMARY KEY, v VARCHAR(20))");
    TreeMap<Integer, String> model = new TreeMap<>();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      int events = script(server, model);
      for (int i = 1; i <= 4; i++) {
        server.enqueueFault(Fault.closeAfterBytes(bytes * i));
      }
      if (stall) {
        server.enqueueFault(Fault.stallForeverAfterBytes(bytes));
      }
      try (JdbcSink sink =
              JdbcSink.builder()
                  .jdbcUrl(DB.jdbcUrl("faults"), "root", "")
                  .mapping(TableMapping.of("src.t", "faults.t"))
                  .maxBatchEvents(7)
                  .maxLatency(Duration.ZERO)
                  .build();
          CdcClient client =
              sink.attach(
                      CdcClient.builder()
                          .address(server.host(), server.port())
                          .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
                          .format(format)
                          .reconnect(Backoff.forever(Duration.ofMillis(20), Duration.ofMillis(200)))
                          .stallTimeout(Duration.ofMillis(700))
                          .stopWhenIdle(Duration.ofMillis(1500)))
                  .build()) {
        client.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sink.metrics().events() < events && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertTrue(client.reconnects() >= 1, "reconnected " + client.reconnects() + " times");
      }
      List<Map<String, Object>> expected = new ArrayList<>();
      model.forEach((k, v) -> expected.add(new LinkedHashMap<>(Map.of("k", k, "v", v))));
      assertEquals(expected, Rows.of(DB, "faults.t", "k", "k", "v"));
      try (JdbcSink check =
          JdbcSink.builder()
              .jdbcUrl(DB.jdbcUrl("faults"), "root", "")
              .mapping(TableMapping.of("src.t", "faults.t"))
              .build()) {
        assertEquals(events, check.appliedEvents(), "each change applied exactly once");
      }
    }
  }
}
