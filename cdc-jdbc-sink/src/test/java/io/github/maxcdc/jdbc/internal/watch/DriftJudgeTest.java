package io.github.maxcdc.jdbc.internal.watch;

import static io.github.maxcdc.jdbc.internal.watch.Schemas.insert;
import static io.github.maxcdc.jdbc.internal.watch.Schemas.maxscale;
import static io.github.maxcdc.jdbc.internal.watch.Schemas.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.SchemaDrift;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a difference between MaxScale and the source is MaxScale having lost track of the table, and
 * when it is a schema version on its way. Times are simulated: the local clock in seconds from the
 * start, the source's clock {@link #SOURCE_EPOCH} seconds ahead.
 */
class DriftJudgeTest {
  static final long SOURCE_EPOCH = 1_800_000_000L;
  static final Duration INTERVAL = Duration.ofSeconds(60);
  static final Duration STALL = Duration.ofSeconds(300);

  static final TableSchema V1 = maxscale(1, "sku INT", "name VARCHAR", "qty INT");
  static final List<TargetColumn> SAME = source("sku int(11)", "name varchar(20)", "qty int(11)");
  static final TableSchema V2 = maxscale(2, "sku INT", "name VARCHAR", "price DECIMAL", "qty INT");
  static final List<TargetColumn> ALTERED =
      source("sku int(11)", "name varchar(20)", "price decimal(8,2)", "qty int(11)");

  final DriftJudge judge = new DriftJudge(Schemas.ITEMS, INTERVAL, STALL, nanos(0));
  long sequence;

  static long nanos(double second) {
    return 1_000_000_000_000L + (long) (second * 1e9);
  }

  /** What the source says at local second {@code at}; times are source epoch seconds offsets. */
  static SourceState at(double at, List<TargetColumn> columns, Long altered, Long written) {
    return new SourceState(
        columns,
        altered == null ? null : SOURCE_EPOCH + altered,
        written == null ? null : SOURCE_EPOCH + written,
        (long) ((SOURCE_EPOCH + at) * 1e6),
        nanos(at));
  }

  void deliver(TableSchema schema, double at, long committedAt) {
    judge.delivering(insert(schema, ++sequence, SOURCE_EPOCH + committedAt), nanos(at));
    judge.callEnded(nanos(at));
  }

  @Test
  void theRecordedRenameIsReportedOneIntervalAfterMaxScaleStartedAVersionWithoutChanges() {
    TableSchema v2 = maxscale(2, "sku INT", "name VARCHAR", "qty INT", "note VARCHAR");
    judge.announced(maxscale(1, "sku INT", "name VARCHAR", "qty SMALLINT", "note VARCHAR"));
    deliver(maxscale(1, "sku INT", "name VARCHAR", "qty SMALLINT", "note VARCHAR"), 0, -100);
    judge.announced(v2);
    deliver(v2, 0, -100);
    judge.announced(Schemas.itemsVersion5()); // versions 3 to 5 came without rows
    List<TargetColumn> end = Schemas.itemsAtTheEnd();
    assertEquals(Optional.empty(), judge.check(at(1, end, -50L, -50L)));
    assertEquals(Optional.empty(), judge.check(at(60, end, -50L, -50L)));
    SchemaDrift drift = judge.check(at(61, end, -50L, -50L)).orElseThrow();
    assertEquals(SchemaDrift.Kind.SCHEMA_MISMATCH, drift.kind());
    assertEquals(5, drift.maxScaleVersion());
    assertEquals(SchemaDifference.describe(Schemas.itemsVersion5()), drift.maxScaleColumns());
    assertEquals(SchemaDifference.describe(end), drift.sourceColumns());
    assertTrue(
        drift.finding().startsWith("column 2 is name in MaxScale, label in the source;"),
        drift.finding());
    assertTrue(drift.finding().contains("sent none of its changes"), drift.finding());
    assertTrue(drift.likelyCause().contains("RENAME COLUMN (here name to label)"));
    assertTrue(drift.message().contains("lost track of catalog.items"), drift.message());
    assertEquals(Optional.empty(), judge.check(at(200, end, -50L, -50L)), "said once");
    assertEquals(Optional.empty(), judge.check(at(900, end, -50L, 800L)), "no stall either");
  }

  @Test
  void theFirstChangeOfEachVersionAsksForACheck() {
    judge.announced(V1);
    assertTrue(judge.delivering(insert(V1, 1, SOURCE_EPOCH), nanos(1)));
    judge.callEnded(nanos(1));
    assertFalse(judge.delivering(insert(V1, 2, SOURCE_EPOCH), nanos(2)));
    judge.callEnded(nanos(2));
    judge.announced(V2);
    assertTrue(judge.delivering(insert(V2, 3, SOURCE_EPOCH), nanos(3)));
  }

  @Test
  void anAlteredTableNobodyWroteSinceIsAVersionOnItsWay() {
    judge.announced(V1);
    deliver(V1, 0, 0);
    for (int second = 10; second < 3600; second += 60) {
      assertEquals(Optional.empty(), judge.check(at(second, ALTERED, 5L, 5L)), "at " + second);
    }
  }

  @Test
  void writesAfterTheAlterThatDoNotArriveAreReportedAfterAnInterval() {
    judge.announced(V1);
    deliver(V1, 0, 0);
    assertEquals(Optional.empty(), judge.check(at(10, ALTERED, 5L, 6L)));
    assertEquals(Optional.empty(), judge.check(at(69, ALTERED, 5L, 6L)));
    SchemaDrift drift = judge.check(at(70, ALTERED, 5L, 6L)).orElseThrow();
    assertTrue(drift.finding().contains("after its last ALTER TABLE"), drift.finding());
    assertTrue(drift.finding().contains("no change has arrived for 70.0 s"), drift.finding());
    assertTrue(drift.likelyCause().startsWith("MaxScale's avrorouter parses each ALTER TABLE"));
  }

  @Test
  void aStreamStillDeliveringOldChangesIsCatchingUp() {
    judge.announced(V1);
    deliver(V1, 0, -3000);
    for (int second = 10; second < 600; second += 60) {
      assertEquals(Optional.empty(), judge.check(at(second, ALTERED, 5L, 6L)), "at " + second);
      deliver(V1, second + 1, -3000 + second);
    }
    assertEquals(Optional.empty(), judge.check(at(610, ALTERED, 5L, 6L)));
    assertTrue(judge.check(at(670, ALTERED, 5L, 6L)).isPresent(), "once it stops");
  }

  @Test
  void aNewVersionMatchingTheSourceEndsTheSuspicion() {
    judge.announced(V1);
    deliver(V1, 0, 0);
    assertEquals(Optional.empty(), judge.check(at(10, ALTERED, 5L, 6L)));
    judge.announced(V2);
    deliver(V2, 11, 6);
    assertEquals(Optional.empty(), judge.check(at(70, ALTERED, 5L, 6L)));
    assertEquals(Optional.empty(), judge.check(at(200, ALTERED, 5L, 6L)));
  }

  @Test
  void changesCommittedAfterTheAlterUnderTheOldSchemaAreReportedAtOnce() {
    judge.announced(V1);
    deliver(V1, 8, 7); // committed 2 s after the ALTER, still without price
    SchemaDrift drift = judge.check(at(10, ALTERED, 5L, 7L)).orElseThrow();
    assertTrue(drift.finding().contains("arrive under MaxScale's schema"), drift.finding());
  }

  @Test
  void changesOfTheSecondOfTheAlterAreNotToldApartFromIt() {
    judge.announced(V1);
    deliver(V1, 8, 5);
    assertEquals(Optional.empty(), judge.check(at(10, ALTERED, 5L, 5L)));
  }

  @Test
  void aListenerStillWorkingOrAConnectionDownIsNotSilence() {
    DriftJudge judge = new DriftJudge(Schemas.ITEMS, INTERVAL, Duration.ZERO, nanos(0));
    judge.announced(V1);
    judge.delivering(insert(V1, 1, SOURCE_EPOCH), nanos(0));
    for (int second = 10; second < 600; second += 60) { // the sink waits for its target
      assertEquals(Optional.empty(), judge.check(at(second, ALTERED, 5L, 6L)), "at " + second);
    }
    judge.callEnded(nanos(600));
    judge.connection(false, nanos(600));
    for (int second = 610; second < 1200; second += 60) {
      assertEquals(Optional.empty(), judge.check(at(second, ALTERED, 5L, 6L)), "at " + second);
    }
    judge.connection(true, nanos(1200));
    assertEquals(Optional.empty(), judge.check(at(1210, ALTERED, 5L, 6L)));
    assertTrue(judge.check(at(1270, ALTERED, 5L, 6L)).isPresent(), "silent once connected");
  }

  @Test
  void theStallTimeoutCountsFromTheEndOfAListenerCallThatOutlastedTheWrite() {
    judge.announced(V1);
    judge.delivering(insert(V1, 1, SOURCE_EPOCH), nanos(0));
    assertEquals(Optional.empty(), judge.check(at(500, SAME, -100L, 10L)));
    judge.callEnded(nanos(600)); // the sink waited 10 minutes for its target
    assertEquals(Optional.empty(), judge.check(at(610, SAME, -100L, 10L)));
    assertEquals(Optional.empty(), judge.check(at(899, SAME, -100L, 10L)));
    assertTrue(judge.check(at(901, SAME, -100L, 10L)).isPresent());
  }

  @Test
  void theAlterOfATableNobodyWritesIsNoStall() {
    judge.announced(V1);
    deliver(V1, 0, 0);
    assertEquals(Optional.empty(), judge.check(at(3000, ALTERED, 5L, 5L)));
  }

  @Test
  void writesAfterTheLastChangeThatDoNotArriveAreAStall() {
    judge.announced(V1);
    deliver(V1, 0, 0);
    assertEquals(Optional.empty(), judge.check(at(60, SAME, -100L, 30L)));
    assertEquals(Optional.empty(), judge.check(at(329, SAME, -100L, 300L)));
    SchemaDrift drift = judge.check(at(331, SAME, -100L, 320L)).orElseThrow();
    assertEquals(SchemaDrift.Kind.STALLED, drift.kind());
    assertEquals(1, drift.maxScaleVersion());
    assertTrue(drift.finding().contains("no change of it for 5 min 31 s"), drift.finding());
    assertTrue(drift.finding().contains("and last at"), drift.finding());
    assertTrue(drift.likelyCause().contains("stopped converting the table"), drift.likelyCause());
    assertEquals(Optional.empty(), judge.check(at(400, SAME, -100L, 390L)), "said once");
    deliver(V1, 401, 390);
    assertEquals(Optional.empty(), judge.check(at(402, SAME, -100L, 400L)));
    assertEquals(Optional.empty(), judge.check(at(800, SAME, -100L, 700L)));
    assertTrue(judge.check(at(1000, SAME, -100L, 700L)).isPresent(), "again after changes");
  }

  @Test
  void aQuietTableIsNotAStall() {
    judge.announced(V1);
    deliver(V1, 100, 100);
    assertEquals(Optional.empty(), judge.check(at(3000, SAME, -100L, 100L)));
    assertEquals(Optional.empty(), judge.check(at(3000, SAME, -100L, null)));
  }

  @Test
  void aStallWhileDisconnectedSaysSo() {
    judge.announced(V1);
    deliver(V1, 0, 0);
    judge.connection(false, nanos(20));
    assertEquals(Optional.empty(), judge.check(at(30, SAME, -100L, 25L)));
    SchemaDrift drift = judge.check(at(340, SAME, -100L, 25L)).orElseThrow();
    assertTrue(
        drift.likelyCause().startsWith("the client has not been connected to MaxScale for 5 min"),
        drift.likelyCause());
  }

  @Test
  void theStallCheckCanBeOff() {
    DriftJudge off = new DriftJudge(Schemas.ITEMS, INTERVAL, Duration.ZERO, nanos(0));
    off.announced(V1);
    assertEquals(Optional.empty(), off.check(at(30, SAME, -100L, 25L)));
    assertEquals(Optional.empty(), off.check(at(3000, SAME, -100L, 25L)));
  }

  @Test
  void writesWithoutAnyChangeSinceTheStartAreAStall() {
    assertEquals(Optional.empty(), judge.check(at(10, SAME, -100L, 5L)));
    assertEquals(Optional.empty(), judge.check(at(20, SAME, -100L, 15L)));
    SchemaDrift drift = judge.check(at(320, SAME, -100L, 300L)).orElseThrow();
    assertEquals(0, drift.maxScaleVersion());
    assertTrue(drift.finding().contains("none since watching started"), drift.finding());
    assertTrue(drift.message().contains("(no schema announced): none"), drift.message());
  }
}
