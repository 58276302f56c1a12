package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A listener that does not return stops the reading of the socket: the client reads at most a chunk
 * ahead of the event being delivered, the rest of the stream waits in the server (TCP
 * back-pressure), and nothing in the client grows with the stream. When the listener returns, every
 * event arrives.
 */
class BackPressureIT {
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");
  static final int ROWS = 60_000;

  /** What the client may read ahead of the blocked listener: a few read chunks, not the stream. */
  static final long READ_AHEAD_LIMIT = 1024 * 1024;

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aBlockedListenerStopsTheReadingAndLosesNothing(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable table = server.createTable("shop_tx", "commandes", Workshop.COMMANDES);
      for (int i = 0; i < ROWS; i += 1000) {
        int first = i;
        server.transaction(
            tx -> {
              for (int j = first; j < first + 1000; j++) {
                tx.insert(table, Workshop.order("Client " + j, j + ".50", "NOUVELLE"));
              }
            });
      }
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch firstEvent = new CountDownLatch(1);
      AtomicLong delivered = new AtomicLong();
      try (CdcClient client =
          CdcClient.builder()
              .address(server.host(), server.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .format(format)
              .table(COMMANDES)
              .listener(
                  event -> {
                    delivered.incrementAndGet();
                    firstEvent.countDown();
                    release.await();
                  })
              .stopWhenIdle(Duration.ofMillis(700))
              .build()) {
        client.start();
        assertTrue(firstEvent.await(20, TimeUnit.SECONDS), "the first event arrives");
        long readWhileBlocked = steadyBytes(client);
        long streamSize;
        release.countDown();
        assertTrue(client.awaitTermination(Duration.ofSeconds(60)), "the stream drains");
        streamSize = client.snapshot().counter("bytes");
        System.out.printf(
            "back-pressure %s: %d bytes read while the listener was blocked, of %d in all%n",
            format, readWhileBlocked, streamSize);
        assertEquals(ROWS, delivered.get(), "every event once the listener returns");
        assertTrue(
            streamSize > 4 * READ_AHEAD_LIMIT,
            "the stream (" + streamSize + " bytes) is much larger than the read-ahead limit");
        assertTrue(
            readWhileBlocked <= READ_AHEAD_LIMIT,
            "read "
                + readWhileBlocked
                + " bytes while the listener was blocked: the client must not read ahead");
      }
    }
  }

  /** The bytes the client has read, once that figure has stopped moving for half a second. */
  static long steadyBytes(CdcClient client) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = client.snapshot().counter("bytes");
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(500)) {
        return now;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the client kept reading while its listener was blocked: " + last);
  }
}
