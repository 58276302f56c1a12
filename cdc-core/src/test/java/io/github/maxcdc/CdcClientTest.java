package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testing.RecordedChanges;
import io.github.maxcdc.testing.RecordedSource;
import io.github.maxcdc.testing.Recorder;
import io.github.maxcdc.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client's lifecycle, listeners and start positions, over a recorded source. */
class CdcClientTest {
  final Recorder recorder = new Recorder();

  static RecordedSource source(StreamFormat format) {
    return format == StreamFormat.JSON
        ? new RecordedSource("a_commandes_json", format, 1, false)
        : new RecordedSource("b_commandes_avro", format, 1, false);
  }

  CdcClient.Builder builder(StreamFormat format) {
    return CdcClient.builder()
        .source(source(format))
        .table("shop_tx", "commandes")
        .listener(recorder)
        .lifecycleListener(recorder)
        .stopWhenIdle(Duration.ofMillis(300));
  }

  @AfterEach
  void noReaderThreadLeft() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!Threads.alive("maxcdc-").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(), Threads.alive("maxcdc-"));
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void streamsInOrderOnItsOwnThreadThenStopsWhenIdle(StreamFormat format) throws Exception {
    try (CdcClient client = builder(format).build()) {
      assertEquals(CdcClient.State.NEW, client.state());
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(10)));
      assertEquals(CdcClient.State.TERMINATED, client.state());
      assertEquals(RecordedChanges.PHASE1, recorder.summary());
      assertEquals(14, client.delivered());
      io.github.maxcdc.metrics.MetricsSnapshot metrics = client.snapshot();
      assertEquals(14, metrics.counter("events"));
      assertEquals(0, metrics.counter("reconnects"));
      assertEquals(java.time.Instant.ofEpochSecond(1700000108), metrics.lastSourceTimestamp());
      assertEquals(StreamPosition.parse("0-1-10:2"), client.lastPosition().orElseThrow());
      assertTrue(
          recorder.threads.stream().allMatch(t -> t.startsWith("maxcdc-shop_tx.commandes-")));
      assertEquals(
          List.of("connected shop_tx.commandes", "schema 1", "disconnected ", "closed "),
          recorder.lifecycle);
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void resumesExactlyAfterAStoredPosition(StreamFormat format) throws Exception {
    try (CdcClient client =
        builder(format).startAt(StartPosition.after(StreamPosition.parse("0-1-9:6"))).build()) {
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(10)));
    }
    assertEquals(RecordedChanges.PHASE1.subList(11, 14), recorder.summary());
    assertTrue(recorder.lifecycle.contains("reached 0-1-9:8"), recorder.lifecycle.toString());
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void startsAtAGtidInclusively(StreamFormat format) throws Exception {
    try (CdcClient client =
        builder(format).startAt(StartPosition.atGtid(Gtid.parse("0-1-7"))).build()) {
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(10)));
    }
    assertEquals(RecordedChanges.PHASE1.subList(4, 14), recorder.summary());
  }

  @Test
  void aGtidOfAnotherServerStartsAtTheNextChangeOfItsDomainAndSaysSo() throws Exception {
    try (CdcClient client =
        builder(StreamFormat.AVRO).startAt(StartPosition.atGtid(Gtid.parse("0-2-5"))).build()) {
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(10)));
    }
    assertEquals(RecordedChanges.PHASE1.subList(2, 14), recorder.summary());
    assertTrue(
        recorder.lifecycle.stream()
            .anyMatch(l -> l.startsWith("warning: ") && l.contains("server id 2")),
        recorder.lifecycle.toString());
  }

  @Test
  void aStartThatNeverComesIsReportedWithThePositionsSeen() throws Exception {
    try (CdcClient client =
        builder(StreamFormat.JSON).startAt(StartPosition.atGtid(Gtid.parse("0-1-999"))).build()) {
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(10)));
    }
    assertEquals(List.of(), recorder.summary());
    String notFound =
        recorder.lifecycle.stream()
            .filter(l -> l.startsWith("not found: "))
            .findFirst()
            .orElseThrow();
    assertTrue(notFound.contains("14 changes skipped so far, from 0-1-3 to 0-1-10"), notFound);
    assertTrue(notFound.contains("server ids [1]"), notFound);
  }

  @Test
  void aDomainThatNeverAppearsIsNamed() throws Exception {
    try (CdcClient client =
        builder(StreamFormat.JSON).startAt(StartPosition.atGtid(Gtid.parse("7-1-1"))).build()) {
      client.start();
      assertTrue(client.awaitTermination(Duration.ofSeconds(10)));
    }
    assertTrue(
        recorder.lifecycle.stream()
            .anyMatch(l -> l.contains("no change of domain 7 has been seen")),
        recorder.lifecycle.toString());
  }

  @Test
  void aListenerFailureStopsTheStreamAndTheEventIsNotConsumed() throws Exception {
    CdcClient client =
        builder(StreamFormat.JSON)
            .listener(
                event -> {
                  if (event.position().equals(StreamPosition.parse("0-1-5:1"))) {
                    throw new IllegalStateException("target down");
                  }
                  recorder.onChange(event);
                })
            .build();
    client.start();
    ListenerException e =
        assertThrows(
            ListenerException.class, () -> client.awaitTermination(Duration.ofSeconds(10)));
    assertEquals(StreamPosition.parse("0-1-5:1"), e.position());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(StreamPosition.parse("0-1-4:1"), client.lastPosition().orElseThrow());
    assertEquals(2, recorder.events.size());
    assertTrue(
        recorder.lifecycle.contains("closed ListenerException"), recorder.lifecycle.toString());
    client.close();
  }

  @Test
  void closeFromTheListenerEndsTheStream() throws Exception {
    CdcClient[] self = new CdcClient[1];
    self[0] =
        builder(StreamFormat.JSON)
            .listener(
                event -> {
                  recorder.onChange(event);
                  if (recorder.events.size() == 3) {
                    self[0].close();
                  }
                })
            .build();
    self[0].start();
    assertTrue(self[0].awaitTermination(Duration.ofSeconds(10)));
    assertTrue(recorder.events.size() >= 3 && recorder.events.size() < 14);
  }

  @Test
  void closeFromAnotherThreadReturnsPromptlyWhileTheStreamIsIdle() throws Exception {
    CountDownLatch lastEvent = new CountDownLatch(14);
    CdcClient client =
        CdcClient.builder()
            .source(source(StreamFormat.JSON))
            .table("shop_tx", "commandes")
            .listener(event -> lastEvent.countDown())
            .build();
    client.start();
    assertTrue(lastEvent.await(10, TimeUnit.SECONDS));
    client.close(); // a blocked read is unblocked: close returns with the reader ended
    assertEquals(CdcClient.State.TERMINATED, client.state());
    assertTrue(client.awaitTermination(Duration.ZERO));
    client.close(); // idempotent
  }

  @Test
  void aServerThatClosesIsAFailure() throws Exception {
    CdcClient client =
        CdcClient.builder()
            .source(new RecordedSource("a_commandes_json", StreamFormat.JSON, 1, true))
            .reconnect(Backoff.never())
            .table("shop_tx", "commandes")
            .listener(recorder)
            .build();
    client.start();
    ConnectionClosedException e =
        assertThrows(
            ConnectionClosedException.class, () -> client.awaitTermination(Duration.ofSeconds(10)));
    assertFalse(e.midRecord());
    assertEquals(14, recorder.events.size());
    client.close();
  }

  @Test
  void aClientClosedBeforeStartNeverRuns() throws Exception {
    CdcClient client = builder(StreamFormat.JSON).build();
    client.close();
    assertTrue(client.awaitTermination(Duration.ZERO.plusMillis(1)));
    assertThrows(IllegalStateException.class, client::start);
  }

  @Test
  void theBuilderValidatesAndNamesWhatIsWrong() {
    CdcClient.Builder b = CdcClient.builder();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.address("h", 0))
            .getMessage()
            .contains("port"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO))
            .getMessage()
            .contains("connectTimeout"));
    assertTrue(assertThrows(IllegalStateException.class, b::build).getMessage().contains("table"));
    b.table("shop_tx", "commandes");
    assertTrue(
        assertThrows(IllegalStateException.class, b::build).getMessage().contains("listener"));
    b.listener(e -> {});
    assertTrue(
        assertThrows(IllegalStateException.class, b::build).getMessage().contains("address"));
    b.address("maxscale-host", 4001);
    assertTrue(
        assertThrows(IllegalStateException.class, b::build).getMessage().contains("credentials"));
    assertThrows(IllegalArgumentException.class, () -> b.table("shop tx", "commandes"));
  }

  @Test
  void secretsAreNeverPrinted() {
    CdcClient.Builder b =
        CdcClient.builder()
            .address("maxscale-host", 4001)
            .credentials("cdcuser", "s3cr3t-pw")
            .table("shop_tx", "commandes")
            .listener(e -> {});
    CdcClient client = b.build();
    for (String text : List.of(b.toString(), client.toString())) {
      assertFalse(text.contains("s3cr3t"), text);
      assertFalse(text.contains("6364637573"), text); // hex of "cdcus..."
    }
    client.close();
  }
}
