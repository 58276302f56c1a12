package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link CrashRecoveryIT} for a table without any key, whose rows the sink matches on their whole
 * before image: {@code maxcdc replicate} in a JVM of its own, fed a random stream full of identical
 * rows ({@link IdenticalRowsScript}), is killed with SIGKILL after a random 50 to 1500 ms, again
 * and again while the stream grows, then runs to the end. Replaying a change of such a table is not
 * idempotent (an insert applied twice is a row too many, a delete applied twice a row too few), so
 * the target's multiset of rows shows any change applied twice or lost:
 *
 * <ul>
 *   <li>after every kill the target holds exactly the multiset of rows of the stream's first N
 *       changes, N being the checkpoint's count, and the checkpoint's position is that of change N;
 *   <li>at the end it holds the source's multiset, and the checkpoint counts every change once.
 * </ul>
 *
 * System properties: {@code maxcdc.nokey.crash.seed} (printed; replays the script and the timings),
 * {@code maxcdc.nokey.crash.kills} (default 6, per format), {@code maxcdc.nokey.crash.changes}
 * (default 1500).
 */
class NoKeyCrashIT {
  static final long SEED = Long.getLong("maxcdc.nokey.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.nokey.crash.kills", 6);
  static final int CHANGES = Integer.getInteger("maxcdc.nokey.crash.changes", 1500);
  static final String SOURCE = "nokey_src.lines";
  static final String DW = "nokey_crash_dw";
  static final String TARGET = DW + ".lines";
  static final String CDC_SECRET = "nokey-cdc-secret";
  static final String TARGET_SECRET = "nokey-target-secret";
  static final Duration DEADLINE = Duration.ofSeconds(60);

  final TestDatabase db = TestDatabase.shared();
  final List<String> gtidOfTransaction = new ArrayList<>();

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void killedAtAnyInstantItKeepsTheMultisetOfRowsExact(StreamFormat format) throws Exception {
    long started = System.nanoTime();
    String run = "seed " + SEED + ", " + format;
    System.out.println(
        "no-key crash test: " + run + " (replay with -Dmaxcdc.nokey.crash.seed=" + SEED + ")");
    IdenticalRowsScript script = new IdenticalRowsScript(new SplittableRandom(SEED), CHANGES);
    SplittableRandom timing = new SplittableRandom(SEED ^ format.ordinal());
    db.recreateDatabase(DW);
    db.execute(IdenticalRowsScript.ddl(TARGET));
    gtidOfTransaction.clear();
    int transactions = script.transactions().size();
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      ScriptedTable table = server.createTable("nokey_src", "lines", IdenticalRowsScript.TABLE);
      while (gtidOfTransaction.size() < transactions / 3) { // a backlog before the first start
        feed(server, table, script);
      }
      int forKills = transactions * 9 / 10; // the rest is for the last run
      List<String> args = args(server, format);
      for (int round = 0; round < KILLS; round++) {
        int quota = (forKills - gtidOfTransaction.size()) / (KILLS - round);
        Path log = log(format, round);
        Process child = ChildJvm.startMain(args, env(), log);
        long runNanos = Duration.ofMillis(50 + timing.nextInt(1451)).toNanos();
        long start = timing.nextInt(3) != 0 ? awaitStreaming(child, log, run) : System.nanoTime();
        // the stream grows while the child reads it: one by one, then a burst before the kill
        int dribble = quota / 2;
        for (int i = 1; i <= dribble; i++) {
          sleepUntil(start + runNanos / 2 * i / (dribble + 1));
          feed(server, table, script);
        }
        sleepUntil(start + runNanos - runNanos / 10);
        for (int i = dribble; i < quota; i++) {
          feed(server, table, script);
        }
        sleepUntil(start + runNanos); // the random run time
        if (!child.isAlive()) {
          throw new AssertionError(
              run + ": the child ended on its own in round " + round + ":\n" + ChildJvm.read(log));
        }
        child.destroyForcibly();
        ChildJvm.Exit exit = ChildJvm.await(child, log, DEADLINE);
        assertEquals(137, exit.status(), run + ": killed by SIGKILL in round " + round);
        CrashRecoveryIT.awaitConnectionsGone(db, DW, DEADLINE);
        assertTargetIsThePrefixOfItsCheckpoint(script, run + ", round " + round);
      }
      while (gtidOfTransaction.size() < transactions) {
        feed(server, table, script);
      }
      List<String> last = CommandArgs.plus(args, "--idle-exit", "2s");
      ChildJvm.Exit exit = ChildJvm.runMain(last, env(), log(format, KILLS), DEADLINE);
      assertEquals(0, exit.status(), run + ": the last run ends normally:\n" + exit.output());
    }
    assertEquals(
        script.events(),
        assertTargetIsThePrefixOfItsCheckpoint(script, run + ", at the end"),
        run + ": the checkpoint counts every change of the stream exactly once");
    assertEquals(script.rowsAfter(script.events()), target(), run + ": the source's rows");
    System.out.printf(
        Locale.ROOT,
        "no-key crash test: %s: %d kills, %d changes in %d transactions, %d rows at the end,"
            + " %.1f s%n",
        run,
        KILLS,
        script.events(),
        transactions,
        script.rowsAfter(script.events()).size(),
        (System.nanoTime() - started) / 1e9);
  }

  // Writes the next transaction of the script to the fake MaxScale and notes its GTID.
  void feed(FakeMaxScale server, ScriptedTable table, IdenticalRowsScript script) {
    script.apply(server, table, gtidOfTransaction.size());
    gtidOfTransaction.add(server.lastGtid().orElseThrow());
  }

  /** Checks the target against the checkpoint; returns the checkpoint's count of changes. */
  long assertTargetIsThePrefixOfItsCheckpoint(IdenticalRowsScript script, String where)
      throws Exception {
    String position = null;
    long n = 0;
    try (Connection c = db.connect(DW);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT gtid, event_number, applied_events FROM maxcdc_checkpoint")) {
      if (rs.next()) {
        position = rs.getString(1) + ":" + rs.getInt(2);
        n = rs.getLong(3);
      }
    } catch (SQLException e) {
      if (e.getErrorCode() != 1146) { // no checkpoint table before the first start
        throw e;
      }
    }
    long written = script.eventsOf(gtidOfTransaction.size());
    if (n > written) {
      throw new AssertionError(
          where + ": the checkpoint counts " + n + " changes, the stream has " + written);
    }
    if (n > 0) {
      assertEquals(
          gtidOfTransaction.get(script.transactionOf(n)) + ":" + script.eventNumberOf(n),
          position,
          where + ": the checkpoint's position is that of the change it counts last");
    }
    assertEquals(
        script.rowsAfter(n), target(), where + ": the rows of the first " + n + " changes");
    return n;
  }

  List<List<Object>> target() throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : Rows.of(db, TARGET, "1", "a", "b", "c")) {
      rows.add(new ArrayList<>(r.values()));
    }
    return IdenticalRowsScript.sorted(rows);
  }

  List<String> args(FakeMaxScale server, StreamFormat format) {
    return CommandArgs.replicate(server, SOURCE)
        .cdcUser("cdcuser", "NOKEY_CDC_PASSWORD")
        .format(format)
        .target(db.jdbcUrl(DW), "NOKEY_DW_PASSWORD", "lines")
        // a few source transactions per target transaction: commits often, changes in between
        .with("--max-batch", "8", "--max-latency", "10ms", "--progress-interval", "1s")
        .build();
  }

  static Map<String, String> env() {
    return Map.of("NOKEY_CDC_PASSWORD", CDC_SECRET, "NOKEY_DW_PASSWORD", TARGET_SECRET);
  }

  static Path log(StreamFormat format, int round) {
    return Path.of("target", "nokey-crash", format.name().toLowerCase(Locale.ROOT), round + ".log");
  }

  /** Waits until the child logs that it streams; returns when it saw it. */
  static long awaitStreaming(Process child, Path log, String run) throws Exception {
    return ChildJvm.awaitStreaming(child, log, SOURCE, DEADLINE, run);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }
}
