package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.spi.ChangeSource;
import io.github.maxcdc.spi.SourceItem;
import io.github.maxcdc.spi.SourceRequest;
import io.github.maxcdc.spi.SourceStream;
import io.github.maxcdc.testing.RecordedSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The caught-up signal: a source that can tell it has nothing more gets its listener called at once
 * and once more after the quiet interval; a source that cannot tell keeps the idle interval alone.
 * The idle interval is far longer than every wait here, so the idle path cannot stand in for it.
 */
class CaughtUpTest {
  static final Duration NEVER_IDLE = Duration.ofMinutes(30);
  static final TableId TABLE = new TableId("src", "t");

  /** Serves exactly the rows the test releases; caught up when all were read. */
  static final class Gated implements ChangeSource {
    final TableSchema schema =
        new TableSchema(
            TABLE,
            1,
            null,
            List.of(new Column("k", 0, ColumnType.INT, "int", false, WireType.INT, Set.of())),
            true);
    final LinkedBlockingQueue<SourceItem> released = new LinkedBlockingQueue<>();
    volatile boolean partial; // part of a record has arrived, not the whole of it

    Gated() {
      released.add(new SourceItem.Schema(schema));
    }

    void row(long sequence, int eventNumber) {
      released.add(
          new SourceItem.RawRow(
              schema,
              Gtid.of(0, 1, sequence),
              eventNumber,
              1_700_000_000L,
              SourceItem.RowKind.INSERT,
              new Object[] {eventNumber}));
    }

    @Override
    public SourceStream open(SourceRequest request) {
      return new SourceStream() {
        @Override
        public SourceItem next(Duration timeout) throws IOException {
          try {
            return released.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted", false, e);
          }
        }

        @Override
        public boolean caughtUp() {
          return released.isEmpty() && !partial;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public String describe() {
      return "gated";
    }
  }

  /** Notes every call as text. */
  static final class Calls implements ChangeListener {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(ChangeEvent event) {
      calls.add("change " + event.position());
    }

    @Override
    public void onCaughtUp(Duration quietFor) {
      calls.add("caught up " + quietFor.toMillis() + " ms");
    }

    @Override
    public void onIdle() {
      calls.add("idle");
    }
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "waited 30 s for " + what);
      Thread.sleep(5);
    }
  }

  static CdcClient.Builder client(ChangeSource source, Calls calls) {
    return CdcClient.builder().source(source).table(TABLE).listener(calls);
  }

  @Test
  void aCaughtUpStreamIsToldAtOnceThenOnceMoreAfterTheQuietInterval() throws Exception {
    Gated source = new Gated();
    source.row(5, 1);
    source.row(5, 2);
    Calls calls = new Calls();
    try (CdcClient client =
        client(source, calls)
            .idleInterval(NEVER_IDLE)
            .quietInterval(Duration.ofMillis(200))
            .build()) {
      client.start();
      await(() -> calls.calls.size() >= 4, "the quiet call");
      source.row(6, 1);
      await(() -> calls.calls.size() >= 7, "the second quiet call");
      assertEquals(
          List.of(
              "change 0-1-5:1",
              "change 0-1-5:2",
              "caught up 0 ms",
              "caught up 200 ms",
              "change 0-1-6:1",
              "caught up 0 ms",
              "caught up 200 ms"),
          calls.calls);
    }
  }

  @Test
  void aRecordWithinTheQuietIntervalPostponesTheQuietCall() throws Exception {
    Gated source = new Gated();
    source.row(5, 1);
    Calls calls = new Calls();
    try (CdcClient client =
        client(source, calls)
            .idleInterval(NEVER_IDLE)
            .quietInterval(Duration.ofSeconds(2))
            .build()) {
      client.start();
      await(() -> calls.calls.contains("caught up 0 ms"), "the catch-up");
      source.row(5, 2); // well within the 2 s
      await(() -> calls.calls.contains("caught up 2000 ms"), "the quiet call");
      assertEquals(
          List.of(
              "change 0-1-5:1",
              "caught up 0 ms",
              "change 0-1-5:2",
              "caught up 0 ms",
              "caught up 2000 ms"),
          calls.calls);
    }
  }

  @Test
  void partOfARecordArrivingWithinTheQuietIntervalHoldsTheQuietCallBack() throws Exception {
    Gated source = new Gated();
    source.row(5, 1);
    Calls calls = new Calls();
    try (CdcClient client =
        client(source, calls)
            .idleInterval(NEVER_IDLE)
            .quietInterval(Duration.ofMillis(100))
            .build()) {
      client.start();
      await(() -> calls.calls.contains("caught up 0 ms"), "the catch-up");
      source.partial = true; // the first bytes of the next row, within the 100 ms
      long heldFrom = System.nanoTime();
      await(() -> System.nanoTime() - heldFrom > 400_000_000L, "four quiet intervals");
      assertEquals(List.of("change 0-1-5:1", "caught up 0 ms"), calls.calls);
      source.partial = false;
      source.row(5, 2); // the rest of the row: the source pauses after it
      await(() -> calls.calls.contains("caught up 100 ms"), "the quiet call");
      assertEquals(
          List.of(
              "change 0-1-5:1",
              "caught up 0 ms",
              "change 0-1-5:2",
              "caught up 0 ms",
              "caught up 100 ms"),
          calls.calls);
    }
  }

  @Test
  void aSourceThatCannotTellKeepsTheIdleIntervalAlone() throws Exception {
    Calls calls = new Calls();
    try (CdcClient client =
        CdcClient.builder()
            .source(new RecordedSource("a_commandes_json", StreamFormat.JSON, 1, false))
            .table("shop_tx", "commandes")
            .listener(calls)
            .idleInterval(Duration.ofMillis(100))
            .quietInterval(Duration.ofMillis(1))
            .build()) {
      client.start();
      await(() -> calls.calls.contains("idle"), "the idle call");
      assertEquals(14, calls.calls.stream().filter(c -> c.startsWith("change ")).count());
      assertTrue(
          calls.calls.stream().noneMatch(c -> c.startsWith("caught up")), calls.calls.toString());
    }
  }

  @Test
  void theQuietIntervalMustBePositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CdcClient.builder().quietInterval(Duration.ZERO));
    assertTrue(e.getMessage().contains("quietInterval"), e.getMessage());
  }
}
