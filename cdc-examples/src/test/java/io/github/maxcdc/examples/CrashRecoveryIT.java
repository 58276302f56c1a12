package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.examples.ChangeScript.Step;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that {@code maxcdc replicate} killed at any instant ({@code kill -9}) loses nothing and
 * applies nothing twice. It runs in a JVM of its own, fed by a fake MaxScale with a few thousand
 * random changes ({@link ChangeScript}), and is killed after a random 50 to 1500 ms, again and
 * again, while the stream grows (one change at a time, and in bursts shortly before some kills) and
 * after; then it runs to the end.
 *
 * <ul>
 *   <li>After every kill the target holds exactly the rows of the stream's first N changes, where N
 *       is the checkpoint's count, and the checkpoint's position is that of change N: rows and
 *       checkpoint never disagree. (Replication by row images is idempotent, so the final rows
 *       alone could not tell a change applied twice; this check and the count can.)
 *   <li>At the end the target equals, row by row, the rows the script leads to, and the checkpoint
 *       counts every change of the stream exactly once.
 * </ul>
 *
 * <p>The random run time starts, for two rounds in three, when the child says it is streaming (so
 * that most kills hit a working replicator, not a starting JVM), otherwise when it is started.
 * System properties: {@code maxcdc.crash.seed} (the seed is printed: replays the script and the
 * timings), {@code maxcdc.crash.kills} (default 25, per format), {@code maxcdc.crash.changes}
 * (default 3000).
 */
class CrashRecoveryIT {
  static final long SEED = Long.getLong("maxcdc.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.crash.kills", 25);
  static final int CHANGES = Integer.getInteger("maxcdc.crash.changes", 3000);
  static final int KEYS = 150;
  static final String SOURCE = "crash_src.items";
  static final String DW = "crash_dw";
  static final String TARGET = DW + ".items";
  static final String CDC_SECRET = "crash-cdc-secret";
  static final String TARGET_SECRET = "crash-target-secret";
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final Duration BURST_LEAD = Duration.ofMillis(100);

  /** Where a kill landed, as far as the target can tell. */
  enum Moment {
    /** Everything written to the stream was applied before this run: nothing to do. */
    NOTHING_TO_APPLY,
    /** No commit of this run yet and no target transaction open: start-up, connecting, reading. */
    BEFORE_FIRST_COMMIT,
    /** A target transaction had written rows and not committed: it was rolled back. */
    MID_TRANSACTION,
    /** A commit happened within the few milliseconds between the probe and the kill. */
    AROUND_A_COMMIT,
    /** After a commit of this run, no target transaction open. */
    BETWEEN_COMMITS
  }

  /** The checkpoint row: its position ({@code gtid:event_number}) and count of changes. */
  record Checkpoint(String position, long applied) {}

  final TestDatabase db = TestDatabase.shared();
  final List<String> gtidOfStep = new ArrayList<>();

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void killedAtAnyInstantItLosesNothingAndAppliesNothingTwice(StreamFormat format)
      throws Exception {
    long started = System.nanoTime();
    String run = "seed " + SEED + ", " + format;
    System.out.println("crash test: " + run + " (replay with -Dmaxcdc.crash.seed=" + SEED + ")");
    ChangeScript script = new ChangeScript(new SplittableRandom(SEED), KEYS, CHANGES);
    SplittableRandom timing = new SplittableRandom(SEED ^ format.ordinal());
    db.recreateDatabase(DW);
    db.execute(
        "CREATE TABLE "
            + TARGET
            + " (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2), rev INT)");
    gtidOfStep.clear();
    Map<Moment, Integer> moments = new EnumMap<>(Moment.class);
    int killedWhileWritten = 0;
    int killedWithBacklog = 0;
    try (FakeMaxScale server = FakeMaxScale.builder().user("cdcuser", CDC_SECRET).build()) {
      ScriptedTable table = server.createTable("crash_src", "items", sourceTable());
      List<Step> steps = script.steps();
      while (gtidOfStep.size() < steps.size() * 2 / 5) { // a backlog before the first start
        feed(server, table, script);
      }
      int feedingRounds = Math.max(1, KILLS * 4 / 5); // the last fifth kills a still stream
      int forKills = steps.size() * 19 / 20; // the rest is for the last run
      List<String> args = args(server, format);
      for (int round = 0; round < KILLS; round++) {
        int quota =
            round < feedingRounds ? (forKills - gtidOfStep.size()) / (feedingRounds - round) : 0;
        long before = checkpoint().applied();
        Path log = log(format, round);
        Process child = ChildJvm.startMain(args, env(), log);
        boolean fromStreaming = timing.nextInt(3) != 0;
        long runNanos = Duration.ofMillis(50 + timing.nextInt(1451)).toNanos();
        long start = fromStreaming ? awaitStreaming(child, log, run) : System.nanoTime();
        // the stream grows while the child reads it: half of the round's changes one by one, the
        // other half at once shortly before the kill, so that it often finds the child busy
        long burstAt = start + Math.max(0, runNanos - timing.nextLong(BURST_LEAD.toNanos()));
        int dribble = quota / 2;
        for (int i = 1; i <= dribble; i++) {
          sleepUntil(start + (burstAt - start) * i / (dribble + 1));
          feed(server, table, script);
        }
        sleepUntil(burstAt);
        for (int i = dribble; i < quota; i++) {
          feed(server, table, script);
        }
        sleepUntil(start + runNanos); // the random run time: the one sleep of this test
        if (!child.isAlive()) {
          throw new AssertionError(
              run + ": the child ended on its own in round " + round + ":\n" + ChildJvm.read(log));
        }
        long probed = checkpoint().applied();
        boolean open = openWriteTransactions() > 0;
        child.destroyForcibly();
        ChildJvm.Exit exit = ChildJvm.await(child, log, DEADLINE);
        assertEquals(137, exit.status(), run + ": killed by SIGKILL in round " + round);
        awaitChildConnectionGone();
        Checkpoint after = assertTargetIsThePrefixOfItsCheckpoint(script, run + ", round " + round);
        long written = script.eventsOf(gtidOfStep.size());
        moments.merge(moment(before, probed, open, after.applied(), written), 1, Integer::sum);
        killedWhileWritten += quota > 0 ? 1 : 0;
        killedWithBacklog += after.applied() < written ? 1 : 0;
      }
      while (gtidOfStep.size() < steps.size()) {
        feed(server, table, script);
      }
      List<String> last = CommandArgs.plus(args, "--idle-exit", "2s");
      ChildJvm.Exit exit = ChildJvm.runMain(last, env(), log(format, KILLS), DEADLINE);
      assertEquals(0, exit.status(), run + ": the last run ends normally:\n" + exit.output());
    }
    assertTargetEquals(script.expectedRows(), run + ", at the end");
    try (JdbcSink sink = sink()) {
      assertEquals(
          script.events(),
          sink.appliedEvents(),
          run + ": the checkpoint counts every change of the stream exactly once");
    }
    assertTargetIsThePrefixOfItsCheckpoint(script, run + ", at the end");
    assertNoSecretPrinted(format, run);
    System.out.printf(
        Locale.ROOT,
        "crash test: %s: %d kills (%d while the stream was written, %d with changes left to apply;"
            + " %s), %d events in %d steps, %d rows at the end, %.1f s%n",
        run,
        KILLS,
        killedWhileWritten,
        killedWithBacklog,
        moments,
        script.events(),
        script.steps().size(),
        script.expectedRows().size(),
        (System.nanoTime() - started) / 1e9);
  }

  static TableDefinition sourceTable() {
    return TableDefinition.builder()
        .column("id", "INT")
        .primaryKey("id")
        .column("name", "VARCHAR(40)")
        .column("amount", "DECIMAL(10,2)")
        .column("rev", "INT")
        .build();
  }

  // Writes the next step of the script to the fake MaxScale and notes its GTID.
  void feed(FakeMaxScale server, ScriptedTable table, ChangeScript script) {
    ChangeScript.apply(server, table, script.steps().get(gtidOfStep.size()));
    gtidOfStep.add(server.lastGtid().orElseThrow());
  }

  static Moment moment(long before, long probed, boolean open, long after, long written) {
    if (after != probed) {
      return Moment.AROUND_A_COMMIT;
    }
    if (open) {
      return Moment.MID_TRANSACTION;
    }
    if (after != before) {
      return Moment.BETWEEN_COMMITS;
    }
    return before == written ? Moment.NOTHING_TO_APPLY : Moment.BEFORE_FIRST_COMMIT;
  }

  Checkpoint assertTargetIsThePrefixOfItsCheckpoint(ChangeScript script, String where)
      throws Exception {
    Checkpoint checkpoint = checkpoint();
    long n = checkpoint.applied();
    long written = script.eventsOf(gtidOfStep.size());
    if (n > written) {
      throw new AssertionError(
          where
              + ": the checkpoint counts "
              + n
              + " changes, the stream has "
              + written
              + ": some were applied more than once");
    }
    if (n > 0) {
      assertEquals(
          gtidOfStep.get(script.stepOf(n)) + ":" + script.eventNumberOf(n),
          checkpoint.position(),
          where + ": the checkpoint's position is that of the change it counts last");
    }
    assertTargetEquals(script.rowsAfter(n), where + ", checkpoint after " + n + " changes");
    return checkpoint;
  }

  List<String> args(FakeMaxScale server, StreamFormat format) {
    return CommandArgs.replicate(server, SOURCE)
        .cdcUser("cdcuser", "CRASH_CDC_PASSWORD")
        .format(format)
        .target(db.jdbcUrl(DW), "CRASH_DW_PASSWORD", "items")
        .with("--on-new-columns", "add")
        // one target transaction per source transaction: many commits, a child busy for longer
        .with("--max-batch", "1", "--max-latency", "10ms", "--progress-interval", "1s")
        .build();
  }

  static Map<String, String> env() {
    return Map.of("CRASH_CDC_PASSWORD", CDC_SECRET, "CRASH_DW_PASSWORD", TARGET_SECRET);
  }

  static Path log(StreamFormat format, int round) {
    return Path.of(
        "target", "crash-recovery", format.name().toLowerCase(Locale.ROOT), round + ".log");
  }

  JdbcSink sink() {
    return JdbcSink.builder()
        .jdbcUrl(db.jdbcUrl(DW), "root", TARGET_SECRET)
        .mapping(TableMapping.of(SOURCE, TARGET))
        .build();
  }

  /** Waits until the child logs that it streams; returns when it saw it. */
  static long awaitStreaming(Process child, Path log, String run) throws Exception {
    return ChildJvm.awaitStreaming(child, log, SOURCE, DEADLINE, run);
  }

  /** The stream's checkpoint: none before the first commit. */
  Checkpoint checkpoint() throws SQLException {
    try (Connection c = db.connect(DW);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT gtid, event_number, applied_events FROM maxcdc_checkpoint")) {
      return rs.next()
          ? new Checkpoint(rs.getString(1) + ":" + rs.getInt(2), rs.getLong(3))
          : new Checkpoint(null, 0);
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) { // no checkpoint table yet
        return new Checkpoint(null, 0);
      }
      throw e;
    }
  }

  /**
   * Target transactions that have written rows and not committed. InnoDB refreshes this table only
   * when it has not been read for 100 ms: read it once per round, never in a loop.
   */
  long openWriteTransactions() throws SQLException {
    try (Connection c = db.connect("");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_rows_modified > 0")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Waits until the server is done with the killed child's connection: it may still run a COMMIT
   * the child sent before it died, and it rolls back what is left before it drops the connection
   * from the process list (which, unlike innodb_trx, is never stale).
   */
  void awaitChildConnectionGone() throws Exception {
    awaitConnectionsGone(db, DW, DEADLINE);
  }

  /** Waits until no connection but this one uses {@code database} (see above). */
  static void awaitConnectionsGone(TestDatabase db, String database, Duration deadline)
      throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    String sql =
        "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '"
            + database
            + "' AND id <> CONNECTION_ID()";
    try (Connection c = db.connect("");
        Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery(sql)) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() > end) {
          throw new AssertionError(
              "the server kept the killed child's connection:\n"
                  + dump(c, "SHOW FULL PROCESSLIST"));
        }
        Thread.sleep(5); // polling a condition, with a deadline
      }
    }
  }

  static String dump(Connection c, String sql) throws SQLException {
    StringBuilder out = new StringBuilder(sql).append('\n');
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.append(rs.getMetaData().getColumnLabel(i))
              .append('=')
              .append(rs.getString(i))
              .append(' ');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  void assertTargetEquals(List<List<Object>> expected, String where) throws Exception {
    List<List<Object>> actual = new ArrayList<>();
    for (Map<String, Object> row : Rows.of(db, TARGET, "id")) {
      // the new column exists in the target once the sink has seen its schema version
      actual.add(
          java.util.Arrays.asList(
              row.get("id"),
              row.get("name"),
              row.get("amount"),
              row.get("rev"),
              row.get(ChangeScript.NEW_COLUMN)));
    }
    if (!actual.equals(expected)) {
      throw new AssertionError(
          where + ": the target differs from the script:\n" + diff(expected, actual));
    }
  }

  static String diff(List<List<Object>> expected, List<List<Object>> actual) {
    Map<Object, List<Object>> want = new TreeMap<>();
    expected.forEach(r -> want.put(r.get(0), r));
    Map<Object, List<Object>> have = new TreeMap<>();
    actual.forEach(r -> have.put(r.get(0), r));
    TreeSet<Object> keys = new TreeSet<>(want.keySet());
    keys.addAll(have.keySet());
    StringBuilder out = new StringBuilder();
    int differ = 0;
    for (Object key : keys) {
      if (!Objects.equals(want.get(key), have.get(key)) && differ++ < 20) {
        out.append("id ")
            .append(key)
            .append(": expected ")
            .append(want.get(key))
            .append(", target has ")
            .append(have.get(key))
            .append('\n');
      }
    }
    return out.append(differ).append(" of ").append(keys.size()).append(" ids differ").toString();
  }

  static void assertNoSecretPrinted(StreamFormat format, String run) throws Exception {
    for (int round = 0; round <= KILLS; round++) {
      String output = ChildJvm.read(log(format, round));
      assertFalse(output.contains(CDC_SECRET), run + ": round " + round + " printed a password");
      assertFalse(output.contains(TARGET_SECRET), run + ": round " + round + " printed a password");
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }
}
