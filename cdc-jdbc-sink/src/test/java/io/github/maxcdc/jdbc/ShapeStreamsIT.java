package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.jdbc.testing.Pipeline;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property: the random transactions of {@link RandomStreamsIT} (inserts, updates some changing the
 * key, runs of deletes; several transactions often sharing one commit second), applied with random
 * batch sizes, split sizes and rows per statement, with a restart half way, in either format:
 *
 * <ul>
 *   <li>to a history table: one row per change, each equal to the model's (image, kind, commit
 *       time), in stream order;
 *   <li>to an SCD2 table: at every commit instant, the versions valid then are exactly the source's
 *       rows after the instant's last transaction (no overlap, no gap while a row exists); no
 *       version is of no length; the current versions are the mirror of the stream.
 * </ul>
 */
class ShapeStreamsIT {
  static final TestDatabase DB = TestDatabase.shared();
  static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
  static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** A clock the test sets before each transaction: the fake server reads it once per GTID. */
  static final class SetClock extends Clock {
    volatile Instant now = START.toInstant(ZoneOffset.UTC);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void historyHoldsEveryChangeOnce() throws Exception {
    run(TargetMode.HISTORY);
  }

  @Test
  void scd2HoldsOneVersionPerInstant() throws Exception {
    run(TargetMode.SCD2);
  }

  private static void run(TargetMode mode) {
    // -DshapeStreams.seed=N replays one failure
    String replay = System.getProperty("shapeStreams.seed");
    if (replay != null) {
      try {
        check(mode, Long.parseLong(replay));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return;
    }
    qt().withExamples(8)
        .withShrinkCycles(3)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              try {
                check(mode, seed);
              } catch (Exception e) {
                throw new AssertionError(mode + " seed " + seed, e);
              }
            });
  }

  static void check(TargetMode mode, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StreamFormat format = random.nextBoolean() ? StreamFormat.JSON : StreamFormat.AVRO;
    boolean farFuture = random.nextBoolean();
    String what = mode + " seed " + seed + " (" + format + (farFuture ? ", far future" : "") + ")";
    DB.recreateDatabase("shape");
    TreeMap<Integer, Map<String, Object>> model = new TreeMap<>();
    List<Map<String, Object>> history = new ArrayList<>(); // expected history rows, in order
    TreeMap<LocalDateTime, Map<Integer, Map<String, Object>>> states = new TreeMap<>();
    SetClock clock = new SetClock();
    long total = 0;
    try (FakeMaxScale server = FakeMaxScale.builder().clock(clock).build()) {
      ScriptedTable t = server.createTable("src", "t", RandomStreamsIT.TABLE);
      LocalDateTime[] time = {START};
      RandomStreamsIT.insert(t::insert, model, new TreeMap<>(), 0, random);
      history.add(row(model.get(0), "insert", time[0]));
      states.put(time[0], copy(model));
      for (int run = 0; run < 2; run++) {
        long[] changes = {run == 0 ? 1 : 0};
        for (int i = 0, transactions = 5 + random.nextInt(20); i < transactions; i++) {
          // a third of the transactions share the second of the one before
          time[0] = time[0].plusSeconds(random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3));
          clock.now = time[0].toInstant(ZoneOffset.UTC);
          server.transaction(
              tx -> {
                for (int op = 0, ops = 1 + random.nextInt(6); op < ops; op++) {
                  changes[0] += step(tx, t, model, history, time[0], random);
                }
              });
          states.put(time[0], copy(model)); // the last transaction of an instant wins
        }
        total += changes[0];
        JdbcSink sink =
            JdbcSink.builder()
                .jdbcUrl(DB.jdbcUrl("shape"), "root", "")
                .mapping(TableMapping.of("src.t", "shape.t"))
                .targetMode(mode)
                .scd2Columns(
                    farFuture
                        ? Scd2Columns.DEFAULT.withOpenEnd(Scd2Columns.FAR_FUTURE)
                        : Scd2Columns.DEFAULT)
                .createTarget("k")
                .maxBatchEvents(1 + random.nextInt(20))
                .maxLatency(Duration.ofMillis(random.nextInt(30)))
                .maxTransactionEvents(1 + random.nextInt(8))
                .rowsPerStatement(1 + random.nextInt(6))
                .build();
        try (Pipeline p = Pipeline.start(server, format, sink, null)) {
          p.awaitCommitted(changes[0], what);
          assertEquals(changes[0], sink.metrics().events(), what);
        }
      }
    }
    if (mode == TargetMode.HISTORY) {
      assertEquals(total, history.size(), what + ": the model counts every change");
      List<Map<String, Object>> actual =
          Rows.of(
              DB,
              "shape.t",
              "CAST(SUBSTRING_INDEX(_gtid, '-', -1) AS UNSIGNED), _event_number",
              "k",
              "v",
              "n",
              "_op",
              "CAST(_commit_time AS CHAR) AS _commit_time");
      assertEquals(history, actual, what);
    } else {
      checkVersions(what, states, farFuture, model);
    }
  }

  private static void checkVersions(
      String what,
      TreeMap<LocalDateTime, Map<Integer, Map<String, Object>>> states,
      boolean farFuture,
      TreeMap<Integer, Map<String, Object>> model)
      throws Exception {
    String open = farFuture ? "'9999-12-31 23:59:59'" : "NULL";
    for (Map.Entry<LocalDateTime, Map<Integer, Map<String, Object>>> state : states.entrySet()) {
      String at = "'" + SQL_TIME.format(state.getKey()) + "'";
      String valid =
          "shape.t WHERE _valid_from <= "
              + at
              + " AND ("
              + (farFuture ? "" : "_valid_to IS NULL OR ")
              + "_valid_to > "
              + at
              + ")";
      assertEquals(
          new ArrayList<>(state.getValue().values()),
          Rows.of(DB, valid, "k", "k", "v", "n"),
          what + ": the versions valid at " + state.getKey());
    }
    assertEquals(
        new ArrayList<>(model.values()),
        Rows.of(DB, "shape.t WHERE _current = 1", "k", "k", "v", "n"),
        what + ": the current versions are the mirror");
    assertEquals(
        0L,
        Rows.count(
            DB,
            "shape.t WHERE _valid_to <= _valid_from OR (_current = 1) <> (_valid_to <=> "
                + open
                + ")"),
        what + ": no version of no length, exactly the current ones are open");
    assertTrue(
        Rows.of(DB, "shape.t GROUP BY k HAVING SUM(_current) > 1", "k", "k").isEmpty(),
        what + ": one current version per key");
  }

  private static Map<Integer, Map<String, Object>> copy(Map<Integer, Map<String, Object>> rows) {
    Map<Integer, Map<String, Object>> out = new TreeMap<>();
    rows.forEach((k, row) -> out.put(k, new LinkedHashMap<>(row)));
    return out;
  }

  /**
   * One or more changes, as {@link RandomStreamsIT#step} makes them, each recorded as the history
   * row it must produce; returns how many.
   */
  static int step(
      io.github.maxcdc.testkit.Transaction tx,
      ScriptedTable t,
      TreeMap<Integer, Map<String, Object>> model,
      List<Map<String, Object>> history,
      LocalDateTime time,
      SplittableRandom r) {
    return RandomStreamsIT.step(
        tx, t, model, new TreeMap<>(), r, (op, image) -> history.add(row(image, op, time)));
  }

  private static Map<String, Object> row(Map<String, Object> image, String op, LocalDateTime t) {
    Map<String, Object> out = new LinkedHashMap<>(image);
    out.put("_op", op);
    out.put("_commit_time", SQL_TIME.format(t));
    return out;
  }
}
