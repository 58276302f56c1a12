package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import io.github.maxcdc.testkit.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property: random transactions of inserts, updates (some changing the key) and deletes over a
 * small key space, applied with random batch sizes, latencies, split sizes and rows per multi-row
 * upsert (so that a key repeats inside one statement), in either format, with a restart half way,
 * leave the target equal to a model of the table.
 */
class RandomStreamsIT {
  static final TestDatabase DB = TestDatabase.shared();
  static final TableDefinition TABLE =
      TableDefinition.builder()
          .column("k", "INT")
          .primaryKey("k")
          .column("v", "VARCHAR(20)")
          .column("n", "BIGINT")
          .build();

  @Test
  void targetEqualsModel() {
    qt().withExamples(10)
        .withShrinkCycles(5)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              try {
                check(seed);
              } catch (Exception e) {
                throw new AssertionError("seed " + seed, e);
              }
            });
  }

  static void check(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    DB.recreateDatabase("prop");
    DB.execute("CREATE TABLE prop.t (k INT PRIMARY KEY, v VARCHAR(20), n BIGINT)");
    StreamFormat format = random.nextBoolean() ? StreamFormat.JSON : StreamFormat.AVRO;
    TreeMap<Integer, Map<String, Object>> model = new TreeMap<>();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t = server.createTable("src", "t", TABLE);
      // the table's file exists from its first row
      insert(t::insert, model, 0, random);
      for (int run = 0; run < 2; run++) {
        for (int i = 0, transactions = 5 + random.nextInt(20); i < transactions; i++) {
          server.transaction(
              tx -> {
                for (int op = 0, ops = 1 + random.nextInt(5); op < ops; op++) {
                  step(tx, t, model, random);
                }
              });
        }
        JdbcSink sink =
            JdbcSink.builder()
                .jdbcUrl(DB.jdbcUrl("prop"), "root", "")
                .mapping(TableMapping.of("src.t", "prop.t"))
                .maxBatchEvents(1 + random.nextInt(20))
                .maxLatency(Duration.ofMillis(random.nextInt(30)))
                .maxTransactionEvents(1 + random.nextInt(8))
                .rowsPerStatement(1 + random.nextInt(6))
                .build();
        try (Pipeline p = Pipeline.start(server, format, sink, Duration.ofMillis(400))) {
          p.client.awaitTermination(Duration.ofSeconds(30));
        }
      }
    }
    List<Map<String, Object>> expected = new ArrayList<>(model.values());
    assertEquals(expected, Rows.of(DB, "prop.t", "k"), "seed " + seed + " (" + format + ")");
  }

  static void step(
      Transaction tx,
      ScriptedTable t,
      Map<Integer, Map<String, Object>> model,
      SplittableRandom r) {
    int key = r.nextInt(8);
    if (!model.containsKey(key)) {
      insert(row -> tx.insert(t, row), model, key, r);
    } else if (r.nextInt(3) == 0) {
      tx.delete(t, Map.of("k", key));
      model.remove(key);
    } else {
      Map<String, Object> changes = new LinkedHashMap<>();
      int newKey = r.nextInt(16);
      if (r.nextInt(4) == 0 && !model.containsKey(newKey)) {
        changes.put("k", newKey);
      }
      changes.put("v", "v" + r.nextInt(1000));
      if (r.nextBoolean()) {
        changes.put("n", r.nextLong());
      }
      tx.update(t, Map.of("k", key), changes);
      Map<String, Object> row = new LinkedHashMap<>(model.remove(key));
      row.putAll(changes);
      model.put((Integer) row.get("k"), row);
    }
  }

  static void insert(
      java.util.function.Consumer<Map<String, Object>> insert,
      Map<Integer, Map<String, Object>> model,
      int key,
      SplittableRandom r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("k", key);
    row.put("v", r.nextBoolean() ? null : "v" + r.nextInt(1000));
    row.put("n", r.nextBoolean() ? null : r.nextLong());
    insert.accept(row);
    model.put(key, row);
  }
}
