package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.maxcdc.examples.cli.HealthReport.StreamStatus;
import io.github.maxcdc.examples.cli.StreamHealth.Facts;
import io.github.maxcdc.examples.cli.StreamHealth.State;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HealthReportTest {
  static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
  static final Duration MAX = Duration.ofMinutes(5);
  static final StreamPosition LAST = StreamPosition.parse("0-1-42:3");

  static Facts facts(State state, boolean caughtUp, Instant caughtUpAt, Instant lastCommit) {
    return new Facts(
        state, caughtUp, caughtUpAt, lastCommit, NOW.minusSeconds(7200), LAST, null, 0, 0);
  }

  static StreamStatus evaluate(Facts facts) {
    return HealthReport.evaluate("a.t -> b.t", facts, NOW, MAX);
  }

  @Test
  void anIdleStreamThatHasCaughtUpIsHealthyHoweverOldItsLastChange() {
    StreamStatus s =
        evaluate(facts(State.RUNNING, true, NOW.minusSeconds(3600), NOW.minus(Duration.ofDays(3))));
    assertTrue(s.healthy(), s.toString());
    assertEquals(0.0, s.lagSeconds());
    assertEquals("running", s.state());
    assertEquals("0-1-42:3", s.lastPosition());
    assertNull(s.reason());
  }

  @Test
  void aBacklogLagsByTheCommitTimeOfTheLastChangeApplied() {
    StreamStatus s = evaluate(facts(State.RUNNING, false, null, NOW.minusSeconds(600)));
    assertFalse(s.healthy());
    assertEquals(600.0, s.lagSeconds());
    assertEquals("lag 600.0 s is over the maximum of 300.0 s", s.reason());
  }

  @Test
  void changesAfterALongIdleLagFromTheMomentTheStreamWasLastCaughtUp() {
    // the last change applied is a day old, but the stream was caught up 2 s ago
    StreamStatus s =
        evaluate(facts(State.RUNNING, false, NOW.minusSeconds(2), NOW.minus(Duration.ofDays(1))));
    assertTrue(s.healthy(), s.toString());
    assertEquals(2.0, s.lagSeconds());
  }

  @Test
  void aReconnectIsHealthyUntilItHasTakenLongerThanTheMaximum() {
    Instant lostAt = NOW.minusSeconds(299);
    assertTrue(evaluate(facts(State.RECONNECTING, false, lostAt, null)).healthy());
    StreamStatus late =
        HealthReport.evaluate(
            "a.t -> b.t", facts(State.RECONNECTING, false, lostAt, null), NOW.plusSeconds(2), MAX);
    assertFalse(late.healthy());
    assertEquals("reconnecting", late.state());
    assertEquals(301.0, late.lagSeconds());
  }

  @Test
  void aStreamThatNeverCaughtUpLagsFromWhenItWasOpened() {
    Facts f = new Facts(State.CONNECTING, false, null, null, NOW.minusSeconds(3), null, null, 0, 0);
    StreamStatus s = evaluate(f);
    assertEquals(3.0, s.lagSeconds());
    assertTrue(s.healthy());
    assertNull(s.lastPosition());
  }

  @Test
  void startingStoppedAndFailedStreamsAreUnhealthyAtOnceTheSnapshotIsNot() {
    assertEquals("starting", evaluate(facts(State.STARTING, false, null, null)).reason());
    assertEquals("stopped", evaluate(facts(State.STOPPED, true, NOW, NOW)).reason());
    Facts failed = new Facts(State.FAILED, false, NOW, NOW, NOW, LAST, "connection refused", 0, 0);
    assertEquals("failed: connection refused", evaluate(failed).reason());
    assertTrue(evaluate(facts(State.SNAPSHOT, false, null, null)).healthy());
  }

  @Test
  void theRunIsUpWhenItHasStreamsAndEveryOneIsHealthy() {
    StreamStatus healthy = evaluate(facts(State.RUNNING, true, NOW, NOW));
    StreamStatus lagging = evaluate(facts(State.RUNNING, false, null, NOW.minusSeconds(600)));
    assertEquals(200, HealthReport.body(List.of(healthy, healthy), MAX).httpStatus());
    assertEquals(503, HealthReport.body(List.of(healthy, lagging), MAX).httpStatus());
    assertEquals(503, HealthReport.body(List.of(), MAX).httpStatus(), "no stream yet");
  }

  @Test
  void theBodyIsJsonWhateverTheDefaultLocale() throws Exception {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // a decimal comma
    try {
      Duration max = Duration.ofMillis(1500);
      Facts facts = facts(State.RUNNING, false, null, NOW.minusMillis(612_345));
      StreamStatus lagging = HealthReport.evaluate("a.t -> b.t", facts, NOW, max);
      JsonNode body = new ObjectMapper().readTree(HealthReport.body(List.of(lagging), max).json());
      assertEquals("DOWN", body.get("status").asText());
      assertEquals(1.5, body.get("maxLagSeconds").doubleValue());
      JsonNode stream = body.get("streams").get(0);
      assertEquals("a.t -> b.t", stream.get("stream").asText());
      assertEquals("running", stream.get("state").asText());
      assertFalse(stream.get("healthy").booleanValue());
      assertEquals(612.345, stream.get("lagSeconds").doubleValue());
      assertFalse(stream.get("caughtUp").booleanValue());
      assertEquals("0-1-42:3", stream.get("lastPosition").asText());
      assertEquals("lag 612.3 s is over the maximum of 1.5 s", stream.get("reason").asText());
    } finally {
      Locale.setDefault(before);
    }
  }
}
