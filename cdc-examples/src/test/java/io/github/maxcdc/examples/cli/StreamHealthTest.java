package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.LifecycleListener;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamHealthTest {
  static final TableId TABLE = TableId.parse("shop.orders");

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-06T05:00:00Z");

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

  final TestClock clock = new TestClock();
  final StreamHealth health = new StreamHealth("shop.orders -> dw.orders", clock);
  final List<String> calls = new ArrayList<>();
  final ChangeListener sink =
      new ChangeListener() {
        @Override
        public void onChange(io.github.maxcdc.event.ChangeEvent event) {
          calls.add("change");
        }

        @Override
        public Optional<StreamPosition> resumeAfter(Optional<StreamPosition> lastDelivered) {
          calls.add("resumeAfter");
          return Optional.of(StreamPosition.parse("0-1-7:1"));
        }

        @Override
        public void onIdle() {
          calls.add("idle");
        }

        @Override
        public void onCaughtUp(Duration quietFor) {
          calls.add("caughtUp " + quietFor.toMillis());
        }
      };
  final ChangeListener listener = health.changeListener(sink);
  final LifecycleListener lifecycle =
      health.lifecycleListener(
          new LifecycleListener() {
            @Override
            public void onDisconnected(TableId table, Throwable cause) {
              calls.add("disconnected");
            }
          });

  @Test
  void everyCallReachesTheSink() throws Exception {
    listener.onChange(null);
    assertEquals(
        Optional.of(StreamPosition.parse("0-1-7:1")), listener.resumeAfter(Optional.empty()));
    listener.onIdle();
    listener.onCaughtUp(Duration.ofMillis(10));
    lifecycle.onDisconnected(TABLE, null);
    assertEquals(List.of("change", "resumeAfter", "idle", "caughtUp 10", "disconnected"), calls);
  }

  @Test
  void aChangeEndsCaughtUpUntilTheNextCaughtUpCall() throws Exception {
    assertFalse(health.facts().caughtUp());
    listener.onCaughtUp(Duration.ZERO);
    assertTrue(health.facts().caughtUp());
    assertEquals(clock.now, health.facts().caughtUpAt());
    listener.onChange(null);
    assertFalse(health.facts().caughtUp());
    clock.now = clock.now.plusSeconds(1);
    listener.onCaughtUp(Duration.ZERO);
    assertEquals(clock.now, health.facts().caughtUpAt());
  }

  @Test
  void aLostConnectionCountsAsCaughtUpUntilItWasLost() throws Exception {
    listener.onCaughtUp(Duration.ZERO);
    clock.now = clock.now.plusSeconds(3600); // an hour without a change
    lifecycle.onDisconnected(TABLE, new java.io.IOException("reset"));
    assertFalse(health.facts().caughtUp());
    assertEquals(clock.now, health.facts().caughtUpAt(), "the lag counts from the loss");
  }

  @Test
  void idleCountsAsCaughtUpOnlyForASourceThatCannotTell() throws Exception {
    listener.onIdle(); // a KafkaCDC source: idle is all it knows
    assertTrue(health.facts().caughtUp());

    StreamHealth cdc = new StreamHealth("x", clock);
    ChangeListener l = cdc.changeListener(sink);
    l.onCaughtUp(Duration.ZERO);
    l.onChange(null); // then a stall in the middle of the next record: idle, not caught up
    l.onIdle();
    assertFalse(cdc.facts().caughtUp());
  }

  @Test
  void beforeItIsOpenedAStreamIsStartingOrCopyingItsSnapshot() {
    assertEquals(StreamHealth.State.STARTING, health.facts().state());
    assertNull(health.facts().since());
    health.snapshotStarted();
    health
        .snapshotListener()
        .onProgress(
            new io.github.maxcdc.jdbc.SnapshotProgress(
                TABLE, 120, 100, 1000, Duration.ofSeconds(1)));
    assertEquals(StreamHealth.State.SNAPSHOT, health.facts().state());
    assertEquals(120, health.snapshotCopied());
    assertEquals(1000, health.snapshotEstimated());
    health.snapshotEnded();
    assertEquals(StreamHealth.State.STARTING, health.facts().state());
  }
}
