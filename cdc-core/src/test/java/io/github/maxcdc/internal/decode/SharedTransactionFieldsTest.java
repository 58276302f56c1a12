package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.testing.Decoded;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows of one transaction share one GTID object and one commit time, in both formats; rows of
 * other transactions get their own, equal to what the stream says.
 */
class SharedTransactionFieldsTest {
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");

  @Test
  void json() throws Exception {
    check(Decoded.json("a_commandes_json", COMMANDES).events);
  }

  @Test
  void avro() throws Exception {
    check(Decoded.avro("b_commandes_avro", COMMANDES, 1).events);
  }

  @Test
  void cacheGivesTheSameObjectOnlyForTheSameNumbers() {
    GtidCache cache = new GtidCache();
    Gtid first = cache.of(0, 1, 7);
    assertSame(first, cache.of(0, 1, 7));
    assertEquals(Gtid.of(0, 1, 8), cache.of(0, 1, 8));
    assertEquals(Gtid.of(0, 2, 8), cache.of(0, 2, 8));
    assertEquals(Gtid.of(1, 2, 8), cache.of(1, 2, 8));
    assertNotSame(first, cache.of(0, 1, 7));
  }

  private static void check(List<ChangeEvent> events) {
    int shared = 0;
    for (int i = 1; i < events.size(); i++) {
      ChangeEvent a = events.get(i - 1);
      ChangeEvent b = events.get(i);
      if (a.gtid().equals(b.gtid())) {
        assertSame(a.gtid(), b.gtid(), "event " + i);
        shared++;
      }
      if (a.timestamp().equals(b.timestamp())) {
        assertSame(a.timestamp(), b.timestamp(), "event " + i);
      }
    }
    assertTrue(shared > 0, "the recording has a transaction of several rows");
  }
}
