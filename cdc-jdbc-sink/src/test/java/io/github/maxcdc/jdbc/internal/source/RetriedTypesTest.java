package io.github.maxcdc.jdbc.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.SinkException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriedTypesTest {
  private static final TableId TABLE = TableId.parse("shop_tx.commandes");
  private static final Backoff TWO_RETRIES =
      Backoff.attempts(2, Duration.ofMillis(1), Duration.ofMillis(1));

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();

  @Test
  void retriesALostConnectionAndCountsEachRetry() throws Exception {
    RetriedTypes types =
        new RetriedTypes(
            failing(2, lostConnection()), "source", TWO_RETRIES, retries::incrementAndGet);

    assertEquals(Map.of("montant", "decimal(8,2)"), types.columnTypes(TABLE));
    assertEquals(3, calls.get());
    assertEquals(2, retries.get());
  }

  @Test
  void givesUpWhenTheBackoffSaysSoNamingSourceAndTable() {
    RetriedTypes types =
        new RetriedTypes(
            failing(3, lostConnection()), "src-db", TWO_RETRIES, retries::incrementAndGet);

    SinkException e = assertThrows(SinkException.class, () -> types.columnTypes(TABLE));
    assertEquals(
        "cannot read the source database src-db for the column types of shop_tx.commandes: "
            + "connection lost",
        e.getMessage().replaceAll(" \\(.*", ""));
    assertEquals(3, calls.get());
    assertEquals(2, retries.get());
  }

  @Test
  void doesNotRetryAnErrorThatIsNotTransient() {
    SQLException denied = new SQLException("SELECT command denied", "42000", 1142);
    RetriedTypes types =
        new RetriedTypes(failing(1, denied), "source", TWO_RETRIES, retries::incrementAndGet);

    SinkException e = assertThrows(SinkException.class, () -> types.columnTypes(TABLE));
    assertTrue(e.getMessage().contains("SELECT command denied"), e.getMessage());
    assertSame(denied, e.getCause());
    assertEquals(1, calls.get());
    assertEquals(0, retries.get());
  }

  private static SQLException lostConnection() {
    return new SQLTransientConnectionException("connection lost", "08S01");
  }

  // fails the first `failures` calls with `error`, then answers
  private io.github.maxcdc.DeclaredTypes failing(int failures, SQLException error) {
    return table -> {
      if (calls.incrementAndGet() <= failures) {
        throw error;
      }
      return Map.of("montant", "decimal(8,2)");
    };
  }
}
