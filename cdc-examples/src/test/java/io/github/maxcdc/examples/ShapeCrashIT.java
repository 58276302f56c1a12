package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.examples.ChangeScript.Step;
import io.github.maxcdc.jdbc.TargetMode;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link CrashRecoveryIT} for the history and SCD2 shapes: {@code maxcdc replicate --target-mode
 * history|scd2 --create-target id}, in a JVM of its own, fed the random {@link ChangeScript} (a
 * column added half way), is killed with SIGKILL after a random 50 to 1500 ms while the stream
 * grows, then runs to the end. Appending a change twice, or losing one, shows in a history table at
 * once, so:
 *
 * <ul>
 *   <li>history: after every kill the table holds exactly one row per change of the stream's first
 *       N changes (by GTID and event number), N being the checkpoint's count;
 *   <li>SCD2: after every kill the current versions are the rows of the first N changes, one per
 *       key, and no version is of no length;
 *   <li>at the end the checkpoint counts every change once, and the same holds for all of them.
 * </ul>
 *
 * Kept lean (JSON only, few kills) beside the mirror's crash test. System properties: {@code
 * maxcdc.shape.crash.seed} (printed; replays the script and the timings), {@code
 * maxcdc.shape.crash.kills} (default 4 per mode), {@code maxcdc.shape.crash.changes} (default 800).
 */
class ShapeCrashIT {
  static final long SEED = Long.getLong("maxcdc.shape.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.shape.crash.kills", 4);
  static final int CHANGES = Integer.getInteger("maxcdc.shape.crash.changes", 800);
  static final String SOURCE = CrashRecoveryIT.SOURCE;
  static final String DW = "shape_crash_dw";
  static final String TARGET = DW + ".items";
  static final String CDC_SECRET = "shape-cdc-secret";
  static final String TARGET_SECRET = "shape-target-secret";

  final TestDatabase db = TestDatabase.shared();
  final List<String> gtidOfStep = new ArrayList<>();

  @ParameterizedTest
  @EnumSource(
      value = TargetMode.class,
      names = {"HISTORY", "SCD2"})
  void killedAtAnyInstantItAppendsEveryChangeOnce(TargetMode mode) throws Exception {
    long started = System.nanoTime();
    String run = "seed " + SEED + ", " + mode;
    System.out.println(
        "shape crash test: " + run + " (replay with -Dmaxcdc.shape.crash.seed=" + SEED + ")");
    ChangeScript script =
        new ChangeScript(new SplittableRandom(SEED), CrashRecoveryIT.KEYS, CHANGES);
    SplittableRandom timing = new SplittableRandom(SEED ^ mode.ordinal());
    db.recreateDatabase(DW);
    gtidOfStep.clear();
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      ScriptedTable table = server.createTable("crash_src", "items", CrashRecoveryIT.sourceTable());
      List<Step> steps = script.steps();
      while (gtidOfStep.size() < steps.size() / 3) { // a backlog before the first start
        feed(server, table, script);
      }
      int forKills = steps.size() * 9 / 10;
      List<String> args = args(server, mode);
      for (int round = 0; round < KILLS; round++) {
        int quota = (forKills - gtidOfStep.size()) / (KILLS - round);
        Path log = log(mode, round);
        Process child = ChildJvm.startMain(args, env(), log);
        long runNanos = java.time.Duration.ofMillis(50 + timing.nextInt(1451)).toNanos();
        long start =
            timing.nextInt(3) != 0
                ? ChildJvm.awaitStreaming(child, log, SOURCE, CrashRecoveryIT.DEADLINE, run)
                : System.nanoTime();
        for (int i = 1; i <= quota; i++) {
          sleepUntil(start + runNanos * i / (quota + 1));
          feed(server, table, script);
        }
        sleepUntil(start + runNanos);
        if (!child.isAlive()) {
          throw new AssertionError(
              run + ": the child ended on its own in round " + round + ":\n" + ChildJvm.read(log));
        }
        child.destroyForcibly();
        ChildJvm.Exit exit = ChildJvm.await(child, log, CrashRecoveryIT.DEADLINE);
        assertEquals(137, exit.status(), run + ": killed by SIGKILL in round " + round);
        CrashRecoveryIT.awaitConnectionsGone(db, DW, CrashRecoveryIT.DEADLINE);
        assertTargetHoldsItsCheckpoint(mode, script, run + ", round " + round);
      }
      while (gtidOfStep.size() < steps.size()) {
        feed(server, table, script);
      }
      List<String> last = CommandArgs.plus(args, "--idle-exit", "2s");
      ChildJvm.Exit exit =
          ChildJvm.runMain(last, env(), log(mode, KILLS), CrashRecoveryIT.DEADLINE);
      assertEquals(0, exit.status(), run + ": the last run ends normally:\n" + exit.output());
    }
    assertEquals(
        script.events(),
        assertTargetHoldsItsCheckpoint(mode, script, run + ", at the end"),
        run + ": the checkpoint counts every change of the stream exactly once");
    System.out.printf(
        Locale.ROOT,
        "shape crash test: %s: %d kills, %d changes, %.1f s%n",
        run,
        KILLS,
        script.events(),
        (System.nanoTime() - started) / 1e9);
  }

  void feed(FakeMaxScale server, ScriptedTable table, ChangeScript script) {
    ChangeScript.apply(server, table, script.steps().get(gtidOfStep.size()));
    gtidOfStep.add(server.lastGtid().orElseThrow());
  }

  /** Checks the target against the checkpoint; returns the checkpoint's count of changes. */
  long assertTargetHoldsItsCheckpoint(TargetMode mode, ChangeScript script, String where)
      throws Exception {
    CrashRecoveryIT.Checkpoint checkpoint = checkpoint();
    long n = checkpoint.applied();
    long written = script.eventsOf(gtidOfStep.size());
    if (n > written) {
      throw new AssertionError(
          where + ": the checkpoint counts " + n + " changes, the stream has " + written);
    }
    if (n > 0) {
      assertEquals(
          gtidOfStep.get(script.stepOf(n)) + ":" + script.eventNumberOf(n),
          checkpoint.position(),
          where + ": the checkpoint's position is that of the change it counts last");
    }
    if (n == 0 && !exists()) {
      return n;
    }
    if (mode == TargetMode.HISTORY) {
      TreeSet<String> expected = new TreeSet<>();
      for (long i = 1; i <= n; i++) {
        expected.add(gtidOfStep.get(script.stepOf(i)) + ":" + script.firstEventNumberOf(i));
      }
      List<Map<String, Object>> rows =
          Rows.of(db, TARGET, "1", "CONCAT(_gtid, ':', _event_number) AS c");
      TreeSet<String> actual = new TreeSet<>();
      rows.forEach(r -> actual.add(String.valueOf(r.get("c"))));
      assertEquals(n, rows.size(), where + ": one row per change counted by the checkpoint");
      assertEquals(expected, actual, where + ": the rows are the first " + n + " changes");
    } else {
      List<List<Object>> current = new ArrayList<>();
      // the created table's DECIMAL is wider than the source's: compare the values
      for (Map<String, Object> row :
          Rows.of(
              db,
              TARGET + " WHERE _current = 1",
              "id",
              "*",
              "CAST(amount AS DECIMAL(10,2)) AS amount")) {
        current.add(
            Arrays.asList(
                row.get("id"),
                row.get("name"),
                row.get("amount"),
                row.get("rev"),
                row.get(ChangeScript.NEW_COLUMN)));
      }
      assertEquals(
          script.rowsAfter(n), current, where + ": the current versions after " + n + " changes");
      assertEquals(
          0L,
          Rows.count(db, TARGET + " WHERE _valid_to <= _valid_from"),
          where + ": no version of no length");
    }
    return n;
  }

  boolean exists() throws Exception {
    return Rows.count(
            db,
            "information_schema.TABLES WHERE TABLE_SCHEMA = '" + DW + "' AND TABLE_NAME = 'items'")
        > 0;
  }

  CrashRecoveryIT.Checkpoint checkpoint() throws Exception {
    try (var c = db.connect(DW);
        var s = c.createStatement();
        var rs =
            s.executeQuery("SELECT gtid, event_number, applied_events FROM maxcdc_checkpoint")) {
      return rs.next()
          ? new CrashRecoveryIT.Checkpoint(rs.getString(1) + ":" + rs.getInt(2), rs.getLong(3))
          : new CrashRecoveryIT.Checkpoint(null, 0);
    } catch (java.sql.SQLException e) {
      if (e.getErrorCode() == 1146) { // no checkpoint table before the first start
        return new CrashRecoveryIT.Checkpoint(null, 0);
      }
      throw e;
    }
  }

  List<String> args(FakeMaxScale server, TargetMode mode) {
    return CommandArgs.replicate(server, SOURCE)
        .cdcUser("cdcuser", "SHAPE_CDC_PASSWORD")
        .format(StreamFormat.JSON)
        .target(db.jdbcUrl(DW), "SHAPE_DW_PASSWORD", "items")
        .with("--target-mode", mode.name().toLowerCase(Locale.ROOT), "--create-target", "id")
        .with("--on-new-columns", "add")
        .with("--max-batch", "4", "--max-latency", "10ms", "--progress-interval", "1s")
        .build();
  }

  static Map<String, String> env() {
    return Map.of("SHAPE_CDC_PASSWORD", CDC_SECRET, "SHAPE_DW_PASSWORD", TARGET_SECRET);
  }

  static Path log(TargetMode mode, int round) {
    return Path.of("target", "shape-crash", mode.name().toLowerCase(Locale.ROOT), round + ".log");
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }
}
