package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code maxcdc replicate} with a source connection, in a JVM of its own, SIGKILLed at random
 * instants while it streams a table, adds the column the source gained and fills it for the rows
 * the target already holds, then run to the end: the target ends equal to the source, every old
 * row's new column filled from the source (the stream never carries those values), and no fill is
 * left pending. System properties: {@code maxcdc.backfill.crash.seed}, {@code
 * maxcdc.backfill.crash.kills} (default 5).
 */
class BackfillCrashIT {
  static final long SEED = Long.getLong("maxcdc.backfill.crash.seed", System.nanoTime());
  static final int KILLS = Integer.getInteger("maxcdc.backfill.crash.kills", 5);
  static final int ROWS = 20_000;
  static final String SRC = "evo_src";
  static final String DW = "evo_dw";
  static final Duration DEADLINE = Duration.ofSeconds(90);
  static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "EVO_DB_PASSWORD", "");

  final TestDatabase db = TestDatabase.shared();

  @Test
  void killedDuringTheStreamAndTheFillTheTargetEndsEqualToTheSource() throws Exception {
    String run = "seed " + SEED;
    System.out.println("backfill crash test: " + run);
    SplittableRandom timing = new SplittableRandom(SEED);
    db.recreateDatabase(SRC);
    db.recreateDatabase(DW);
    db.execute(
        "CREATE TABLE " + SRC + ".things (id INT PRIMARY KEY, v INT)",
        "INSERT INTO " + SRC + ".things SELECT seq, seq * 2 FROM " + SRC + ".seq_1_to_" + ROWS);
    int killedMidFill = 0;
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable things =
          server.createTable(
              SRC,
              "things",
              TableDefinition.builder()
                  .column("id", "INT")
                  .column("v", "INT")
                  .primaryKey("id")
                  .build());
      for (int from = 1; from <= ROWS; from += 500) {
        int first = from;
        server.transaction(
            tx -> {
              for (int id = first; id < first + 500 && id <= ROWS; id++) {
                tx.insert(things, Map.of("id", id, "v", id * 2));
              }
            });
      }
      // the ALTER comes after the rows MaxScale already streamed, as on a real source (the schema
      // watch tells a late change from a lost table by commit times, to the second)
      Thread.sleep(1100);
      db.execute(
          // the column the stream announces; the source's values differ from its default, so
          // only a fill from the source gives them to the rows written before
          "ALTER TABLE " + SRC + ".things ADD COLUMN w INT NOT NULL DEFAULT 7",
          "UPDATE " + SRC + ".things SET w = id * 3",
          "INSERT INTO "
              + SRC
              + ".things VALUES ("
              + (ROWS + 1)
              + ", 1, 1), ("
              + (ROWS + 2)
              + ", 2, 2)");
      things.addColumn("w", "INT", 7);
      for (int id = ROWS + 1; id <= ROWS + 2; id++) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("v", id - ROWS);
        row.put("w", id - ROWS);
        things.insert(row);
      }
      List<String> args =
          CommandArgs.replicate(server, SRC + ".things")
              .target(db.jdbcUrl(DW), "EVO_DB_PASSWORD", "things")
              .with("--create-target", "id", "--on-new-columns", "add")
              .source(db.jdbcUrl(SRC), "EVO_DB_PASSWORD")
              .with("--max-batch", "200")
              .build();
      for (int round = 0; round < KILLS; round++) {
        Path log = Path.of("target", "backfill-crash", round + ".log");
        Process child = ChildJvm.startMain(args, ENV, log);
        ChildJvm.awaitStreaming(child, log, SRC + ".things", DEADLINE, run);
        if (round % 2 == 0 && fillStillToCome()) {
          awaitText(child, log, "filling columns", run); // then kill it within the fill
          Thread.sleep(timing.nextInt(80));
        } else {
          Thread.sleep(100 + timing.nextInt(1500)); // the random run time before the kill
        }
        if (!child.isAlive()) {
          break; // done before the kill: the last run checks it
        }
        child.destroyForcibly();
        assertEquals(137, ChildJvm.await(child, log, DEADLINE).status(), run + " round " + round);
        CrashRecoveryIT.awaitConnectionsGone(db, DW, DEADLINE);
        if (pendingFillWithProgress()) {
          killedMidFill++;
        }
      }
      List<String> last = CommandArgs.plus(args, "--idle-exit", "2s");
      Path log = Path.of("target", "backfill-crash", "last.log");
      ChildJvm.Exit exit = ChildJvm.runMain(last, ENV, log, DEADLINE);
      assertEquals(0, exit.status(), run + ": the last run ends normally:\n" + exit.output());
    }
    List<Map<String, Object>> source = Rows.of(db, SRC + ".things", "id", "id", "v", "w");
    assertEquals(ROWS + 2, source.size());
    assertEquals(source, Rows.of(db, DW + ".things", "id", "id", "v", "w"), run);
    assertEquals(0, Rows.count(db, DW + ".maxcdc_backfill"), run + ": no fill left");
    System.out.printf(
        Locale.ROOT,
        "backfill crash test: %s: %d kills, %d of them during a fill%n",
        run,
        KILLS,
        killedMidFill);
    assertTrue(killedMidFill > 0, run + ": at least one kill fell within the fill");
  }

  static void awaitText(Process child, Path log, String text, String run) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!ChildJvm.read(log).contains(text)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            run + ": the child never logged '" + text + "':\n" + ChildJvm.read(log));
      }
      Thread.sleep(2); // polling a condition, with a deadline
    }
  }

  // whether the target has yet to get column w, or a fill of it is pending
  private boolean fillStillToCome() throws Exception {
    boolean added =
        !Rows.of(
                db,
                "information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + DW
                    + "' AND TABLE_NAME = 'things' AND COLUMN_NAME = 'w'",
                "1",
                "COLUMN_NAME")
            .isEmpty();
    return !added || backfillRows() > 0;
  }

  private long backfillRows() throws Exception {
    return Rows.of(
                db,
                "information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + DW
                    + "' AND TABLE_NAME = 'maxcdc_backfill'",
                "1",
                "TABLE_NAME")
            .isEmpty()
        ? 0
        : Rows.count(db, DW + ".maxcdc_backfill");
  }

  // a fill recorded and not finished: killed within it (or right before its first chunk)
  private boolean pendingFillWithProgress() throws Exception {
    return backfillRows() > 0;
  }
}
