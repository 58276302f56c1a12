package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ChangeListener#onCaughtUp(Duration)} comes after the last change of a trickle without
 * waiting for the idle interval (an hour here, so only catching up can explain it), and every
 * change is delivered before it.
 */
class CaughtUpIT {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aTrickleIsFollowedByCaughtUpAtOnce(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable table = server.createTable("shop_tx", "commandes", Workshop.COMMANDES);
      server.transaction(tx -> tx.insert(table, Workshop.order("Alice", "1.50", "NOUVELLE")));
      Log log = new Log();
      try (CdcClient client =
          CdcClient.builder()
              .address(server.host(), server.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .format(format)
              .table(TableId.parse("shop_tx.commandes"))
              .idleInterval(Duration.ofHours(1))
              .listener(log)
              .build()) {
        client.start();
        log.awaitCaughtUpAfter(1);
        server.transaction(
            tx -> {
              tx.insert(table, Workshop.order("Bruno", "2.50", "NOUVELLE"));
              tx.insert(table, Workshop.order("Chloé", "3.50", "NOUVELLE"));
            });
        log.awaitCaughtUpAfter(3);
        server.transaction(tx -> tx.insert(table, Workshop.order("David", "4.50", "PAYEE")));
        log.awaitCaughtUpAfter(4);
      }
      assertEquals(0, log.idles(), "the idle interval never passed");
    }
  }

  /** Records changes and catch-ups; waits on them with a deadline. */
  static final class Log implements ChangeListener {
    private final List<String> entries = new ArrayList<>();
    private int changes;
    private int idles;

    @Override
    public synchronized void onChange(ChangeEvent event) {
      changes++;
      entries.add("change " + changes);
      notifyAll();
    }

    @Override
    public synchronized void onCaughtUp(Duration quietFor) {
      entries.add("caught up");
      notifyAll();
    }

    @Override
    public synchronized void onIdle() {
      idles++;
    }

    synchronized int idles() {
      return idles;
    }

    // Waits until `count` changes have come, the last entry being a catch-up.
    synchronized void awaitCaughtUpAfter(int count) throws InterruptedException {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!(changes == count && entries.get(entries.size() - 1).equals("caught up"))) {
        long left = deadline - System.nanoTime();
        assertTrue(
            left > 0 && changes <= count,
            "expected " + count + " changes then a catch-up, got " + entries);
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
