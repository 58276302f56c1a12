package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Fault;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TransactionsBehind#count} against a scripted fake MaxScale: exact counts from positions
 * before, inside and at the end of transactions, a lower bound when the stream does not rest before
 * the timeout, and each failure as its own exception.
 */
class TransactionsBehindIT {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");

  /** GTIDs of the scripted workload. */
  record Workload(ScriptedTable commandes, Gtid table, Gtid a, Gtid b, Gtid c, Gtid d) {}

  // A: one insert; B: three inserts; C: one update (update_before 1, update_after 2); D: one insert
  static Workload script(FakeMaxScale server) {
    ScriptedTable t = server.createTable("shop_tx", "commandes", Workshop.COMMANDES);
    Gtid table = last(server);
    t.insert(Workshop.order("Alice", "1.00", "NOUVELLE"));
    Gtid a = last(server);
    server.transaction(
        tx -> {
          tx.insert(t, Workshop.order("Bruno", "2.00", "NOUVELLE"));
          tx.insert(t, Workshop.order("Chloé", "3.00", "NOUVELLE"));
          tx.insert(t, Workshop.order("David", "4.00", "NOUVELLE"));
        });
    Gtid b = last(server);
    t.update(Map.of("id", 1), Map.of("statut", "PAYEE"));
    Gtid c = last(server);
    t.insert(Workshop.order("Emma", "5.00", "NOUVELLE"));
    return new Workload(t, table, a, b, c, last(server));
  }

  static Gtid last(FakeMaxScale server) {
    return Gtid.parse(server.lastGtid().orElseThrow());
  }

  static CdcClient.Builder source(FakeMaxScale server, StreamFormat format) {
    return CdcClient.builder()
        .address(server.host(), server.port())
        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
        .format(format)
        .table(COMMANDES);
  }

  static TransactionsBehind.Count count(FakeMaxScale server, StreamFormat format, Gtid g, int event)
      throws Exception {
    return TransactionsBehind.count(source(server, format), new StreamPosition(g, event), TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void countsTheTransactionsAfterPositionsBeforeInsideAndAtTheEndOfTransactions(StreamFormat format)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload w = script(server);

      // before the table's first change: every transaction
      assertEquals(new TransactionsBehind.Count(4, true), count(server, format, w.table(), 1));
      // at the end of A, of B, of C (the update's last record), of D
      assertEquals(new TransactionsBehind.Count(3, true), count(server, format, w.a(), 1));
      assertEquals(new TransactionsBehind.Count(2, true), count(server, format, w.b(), 3));
      assertEquals(new TransactionsBehind.Count(1, true), count(server, format, w.c(), 2));
      assertEquals(new TransactionsBehind.Count(0, true), count(server, format, w.d(), 1));
      // inside B and inside C (between update_before and update_after): they count too
      assertEquals(new TransactionsBehind.Count(3, true), count(server, format, w.b(), 1));
      assertEquals(new TransactionsBehind.Count(3, true), count(server, format, w.b(), 2));
      assertEquals(new TransactionsBehind.Count(2, true), count(server, format, w.c(), 1));
    }
  }

  @Test
  void theCountMovesWithNewTransactions() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload w = script(server);
      assertEquals("0", count(server, StreamFormat.JSON, w.d(), 1).toString());

      ScriptedTable t =
          server.createTable(
              "shop_tx", "other", TableDefinition.builder().column("id", "INT").build());
      t.insert(Map.of("id", 1)); // another table's transaction is not this table's
      server.transaction(
          tx -> {
            tx.update(w.commandes(), Map.of("id", 2), Map.of("statut", "PAYEE"));
            tx.insert(t, Map.of("id", 2));
          });

      assertEquals("1", count(server, StreamFormat.JSON, w.d(), 1).toString());
    }
  }

  @Test
  void aStreamThatDoesNotRestBeforeTheTimeoutGivesALowerBound() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable(
              "shop_tx",
              "commandes",
              TableDefinition.builder().column("id", "INT").column("note", "TEXT").build());
      Gtid before = last(server);
      for (int i = 1; i <= 5; i++) {
        t.insert(Map.of("id", i, "note", "x".repeat(10_000)));
      }
      // the schema line (under 2,000 bytes) and the first row (about 10,100) arrive, then the
      // server stops inside the second row: the client is never caught up
      server.enqueueFault(Fault.stallForeverAfterBytes(15_000));

      TransactionsBehind.Count count =
          TransactionsBehind.count(
              source(server, StreamFormat.JSON),
              new StreamPosition(before, 1),
              Duration.ofMillis(500));

      assertEquals(new TransactionsBehind.Count(1, false), count);
      assertEquals(">=1", count.toString());
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailure() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload w = script(server);
      CdcClient.Builder source =
          source(server, StreamFormat.JSON).credentials(FakeMaxScale.DEFAULT_USER, "wrong");

      assertThrows(
          AuthenticationException.class,
          () -> TransactionsBehind.count(source, new StreamPosition(w.a(), 1), TIMEOUT));
    }
  }

  @Test
  void anUnknownTableIsNoSuchTable() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workload w = script(server);
      CdcClient.Builder source =
          source(server, StreamFormat.JSON).table(TableId.parse("shop_tx.nothing"));

      NoSuchTableException e =
          assertThrows(
              NoSuchTableException.class,
              () -> TransactionsBehind.count(source, new StreamPosition(w.a(), 1), TIMEOUT));
      assertEquals(TableId.parse("shop_tx.nothing"), e.table());
    }
  }

  @Test
  void anUnreachableServerIsACdcException() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    CdcClient.Builder source =
        CdcClient.builder()
            .address("127.0.0.1", port)
            .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
            .table(COMMANDES);

    CdcException e =
        assertThrows(
            CdcException.class,
            () ->
                TransactionsBehind.count(
                    source, new StreamPosition(Gtid.parse("0-1-1"), 1), TIMEOUT));
    assertFalse(e instanceof AuthenticationException, e.toString());
    assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
  }

  @Test
  void countsAreValidated() {
    assertEquals("12", new TransactionsBehind.Count(12, true).toString());
    assertEquals(">=12", new TransactionsBehind.Count(12, false).toString());
    assertThrows(IllegalArgumentException.class, () -> new TransactionsBehind.Count(-1, true));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TransactionsBehind.count(
                CdcClient.builder(), new StreamPosition(Gtid.parse("0-1-1"), 1), Duration.ZERO));
  }
}
