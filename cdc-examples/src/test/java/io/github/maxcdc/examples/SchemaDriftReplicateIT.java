package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.examples.ReplicateCommandIT.Run;
import io.github.maxcdc.jdbc.testing.SqlScripts;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code replicate --source-url} against the recorded stream of a real MaxScale 24.02.3 that did
 * not follow an {@code ALTER TABLE ... RENAME COLUMN} and then went silent for the table, while the
 * source holds what {@code sql/60_schema_changes.sql} made of it.
 */
class SchemaDriftReplicateIT {
  static final String DW = "drift_dw";
  static final TestDatabase DB = TestDatabase.shared();
  static final Map<String, String> ENV =
      Map.of("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD, "DW_PASSWORD", "", "SRC_PASSWORD", "");
  static final String MAXSCALE_COLUMNS =
      "sku INT, name VARCHAR, qty INT, total DECIMAL, big BOOLEAN, origin CHAR";
  static final String SOURCE_COLUMNS =
      "sku int(11), label varchar(20), price decimal(8,2), qty int(11), total decimal(12,2),"
          + " big tinyint(1), origin char(2)";

  @BeforeAll
  static void theSourceAfterTheSchemaChanges() throws Exception {
    DB.execute("DROP DATABASE IF EXISTS catalog");
    SqlScripts.run(DB, "maxcdc-recordings/maxscale-24.02.3-ddl/sql/60_schema_changes.sql");
  }

  @BeforeEach
  void aTargetWithMaxScalesColumns() throws Exception {
    DB.recreateDatabase(DW);
    DB.execute(
        "CREATE TABLE "
            + DW
            + ".items (sku INT PRIMARY KEY, name VARCHAR(20), qty INT, note VARCHAR(30),"
            + " total DECIMAL(12,2), big TINYINT(1), origin CHAR(2))");
  }

  static List<String> args(FakeMaxScale server, boolean withSource, String... extra) {
    CommandArgs.Replicate args =
        CommandArgs.replicate(server, "catalog.items")
            .target(CommandArgs.embeddedUrl(DB, DW), "DW_PASSWORD", "items");
    if (withSource) {
      args.source(CommandArgs.embeddedUrl(DB, "catalog"), "SRC_PASSWORD")
          // MaxScale's column name is not in the source any more: re-reading it would fail
          .with("--lossy-columns", "write", "--schema-check-interval", "500ms");
    }
    return args.with(extra).build();
  }

  static Run run(List<String> args) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(90), () -> ReplicateCommandIT.run(args, ENV), "replicate did not end");
  }

  static FakeMaxScale replay() {
    return FakeMaxScale.builder().replay(Recording.builtIn("h_items_json")).build();
  }

  @Test
  void theDriftEndsReplicateWithStatus1AfterCommittingWhatWasApplied() throws Exception {
    try (FakeMaxScale server = replay()) {
      long start = System.nanoTime();
      Run run = run(args(server, true)); // no --idle-exit: only the drift ends it
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertEquals(1, run.status(), run.stderr());
      assertTrue(seconds < 30, "ended after " + seconds + " s");
      List<String> drifts = run.lines("schema drift: ");
      assertEquals(1, drifts.size(), run.stderr());
      String drift = drifts.get(0);
      assertTrue(drift.contains("MaxScale has lost track of catalog.items"), drift);
      assertTrue(drift.contains(MAXSCALE_COLUMNS), drift);
      assertTrue(drift.contains(SOURCE_COLUMNS), drift);
      assertTrue(drift.contains("does not understand ALTER TABLE ... RENAME COLUMN"), drift);
      List<String> lines = run.stderr().lines().toList();
      String last = lines.get(lines.size() - 1);
      assertTrue(
          last.startsWith(
              "maxcdc replicate: stopped after committing what was applied, because MaxScale has"
                  + " lost track of catalog.items"),
          last);
      assertTrue(
          run.summary().startsWith("summary: 5 inserts, 0 updates, 0 deletes"), run.stderr());
      assertEquals(
          List.of(100, 200, 300, 400, 500),
          Rows.of(DB, DW + ".items", "sku").stream().map(r -> r.get("sku")).toList());
    }
  }

  @Test
  void withWarnTheDriftIsSaidAndReplicateGoesOn() throws Exception {
    try (FakeMaxScale server = replay()) {
      Run run = run(args(server, true, "--on-schema-drift", "warn", "--idle-exit", "5s"));
      assertEquals(0, run.status(), run.stderr());
      List<String> drifts = run.lines("schema drift: ");
      assertEquals(1, drifts.size(), run.stderr());
      assertTrue(drifts.get(0).contains(MAXSCALE_COLUMNS), drifts.get(0));
      assertFalse(run.stderr().contains("stopped after committing"), run.stderr());
      assertTrue(run.summary().startsWith("summary: 5 inserts"), run.stderr());
    }
  }

  @Test
  void withoutASourceConnectionNothingIsComparedAndANoteSaysSoOnce() throws Exception {
    try (FakeMaxScale server = replay()) {
      Run run =
          run(
              args(
                  server,
                  false,
                  "--on-schema-drift",
                  "warn",
                  "--idle-exit",
                  "1s",
                  "--stall-check",
                  "1m"));
      assertEquals(0, run.status(), run.stderr());
      assertEquals(
          1, run.lines("note: without --source-url nothing is compared").size(), run.stderr());
      assertEquals(List.of(), run.lines("schema drift: "));
    }
  }

  @Test
  void anUnknownDriftPolicyIsAUsageError() throws Exception {
    try (FakeMaxScale server = replay()) {
      Run run = run(args(server, true, "--on-schema-drift", "ignore"));
      assertEquals(2, run.status(), run.stderr());
      assertTrue(
          run.stderr().contains("--on-schema-drift: 'ignore' is not one of fail, warn"),
          run.stderr());
    }
  }
}
