package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@code maxcdc replay} killed at any instant ({@code kill -9}) and run again applies
 * nothing twice and loses nothing: an archive of a random stream ({@link ChangeScript}, with a new
 * column halfway, over many days) is replayed in a JVM of its own, one target transaction per
 * source transaction, killed again and again a random few milliseconds after its checkpoint passes
 * a random point. After every kill the target holds exactly the rows of the stream's first N
 * changes, N the checkpoint's count (the checks of {@link CrashRecoveryIT}, whose target it
 * shares); at the end it holds the rows of the whole stream and the checkpoint counts each change
 * once. System properties: {@code maxcdc.crash.seed}, {@code maxcdc.replay.kills} (default 5),
 * {@code maxcdc.replay.changes} (default 1500).
 */
class ReplayCrashIT {
  static final long SEED = Long.getLong("maxcdc.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.replay.kills", 5);
  static final int CHANGES = Integer.getInteger("maxcdc.replay.changes", 1500);
  static final Path ARCHIVE = Path.of("target", "replay-crash", "archive");
  static final Duration DEADLINE = Duration.ofSeconds(120);

  final TestDatabase db = TestDatabase.shared();

  @Test
  void killedAtAnyInstantAndRunAgainItAppliesEachChangeOnce() throws Exception {
    String run = "seed " + SEED;
    System.out.println(
        "replay crash test: " + run + " (replay with -Dmaxcdc.crash.seed=" + SEED + ")");
    ChangeScript script = new ChangeScript(new SplittableRandom(SEED), 150, CHANGES);
    SplittableRandom timing = new SplittableRandom(SEED ^ 0x7e91a1);
    CrashRecoveryIT crash = new CrashRecoveryIT(); // its target, checkpoint and row checks
    ArchiveFiles.deleteTree(ARCHIVE.getParent());
    try (FakeMaxScale server =
        FakeMaxScale.builder()
            .clock(new SettableClock(Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(2)))
            .build()) {
      ScriptedTable table = server.createTable("crash_src", "items", CrashRecoveryIT.sourceTable());
      while (crash.gtidOfStep.size() < script.steps().size()) {
        crash.feed(server, table, script);
      }
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(
              CommandArgs.source(
                      "archive",
                      server,
                      CrashRecoveryIT.SOURCE,
                      "--dir",
                      ARCHIVE.toString(),
                      "--idle-exit",
                      "1s")
                  .toArray(String[]::new),
              new ByteArrayOutputStream(),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD));
      assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }
    db.recreateDatabase(CrashRecoveryIT.DW);
    db.execute(
        "CREATE TABLE "
            + CrashRecoveryIT.TARGET
            + " (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2), rev INT)");
    int killedMidway = 0;
    for (int round = 0; round < KILLS; round++) {
      Path log = log(round);
      Process child = ChildJvm.startMain(args(), CrashRecoveryIT.env(), log);
      // a random point of the replay: once the checkpoint passes it, a random few ms later
      long point = script.events() * (round + 1) / (KILLS + 1) + timing.nextInt(50);
      awaitApplied(crash, child, point, log);
      Thread.sleep(timing.nextInt(30)); // the random delay: the one sleep of this test
      boolean alive = child.isAlive();
      child.destroyForcibly();
      ChildJvm.Exit exit = ChildJvm.await(child, log, DEADLINE);
      assertTrue(
          exit.status() == 137 || (!alive && exit.status() == 0),
          run + ", round " + round + ":\n" + exit.output());
      crash.awaitChildConnectionGone();
      CrashRecoveryIT.Checkpoint after =
          crash.assertTargetIsThePrefixOfItsCheckpoint(script, run + ", round " + round);
      killedMidway += alive && after.applied() < script.events() ? 1 : 0;
    }
    Path log = log(KILLS);
    ChildJvm.Exit last =
        ChildJvm.await(ChildJvm.startMain(args(), CrashRecoveryIT.env(), log), log, DEADLINE);
    assertEquals(0, last.status(), run + ": the last run ends normally:\n" + last.output());
    crash.assertTargetEquals(script.expectedRows(), run + ", at the end");
    CrashRecoveryIT.Checkpoint end = crash.assertTargetIsThePrefixOfItsCheckpoint(script, run);
    assertEquals(script.events(), end.applied(), run + ": each change applied exactly once");
    System.out.printf(
        Locale.ROOT,
        "replay crash test: %s: %d kills, %d of them mid-replay, %d changes%n",
        run,
        KILLS,
        killedMidway,
        script.events());
  }

  /** Waits until the checkpoint counts {@code point} changes, or the child ended. */
  static void awaitApplied(CrashRecoveryIT crash, Process child, long point, Path log)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (child.isAlive() && crash.checkpoint().applied() < point) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the replay did not reach " + point + ":\n" + ChildJvm.read(log));
      }
      Thread.sleep(2); // polling a condition, with a deadline
    }
  }

  List<String> args() {
    return List.of(
        "replay",
        "--dir",
        ARCHIVE.toString(),
        "--target-url",
        db.jdbcUrl(CrashRecoveryIT.DW),
        "--target-user",
        "root",
        "--target-password-env",
        "CRASH_DW_PASSWORD",
        "--target-table",
        "items",
        "--on-new-columns",
        "add",
        "--max-batch",
        "1");
  }

  static Path log(int round) {
    return Path.of("target", "replay-crash", "logs", round + ".log");
  }
}
