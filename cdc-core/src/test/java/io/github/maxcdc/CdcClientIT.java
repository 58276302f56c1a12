package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testing.Recorder;
import io.github.maxcdc.testing.Threads;
import io.github.maxcdc.testkit.BuiltInAvroDirectory;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Fault;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.ScriptedTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client over real sockets, against the testkit's fake MaxScale. */
class CdcClientIT {
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");
  static final TableId ALL_TYPES = TableId.parse("cdc_types.all_types");
  static final UUID RECORDED_UUID = UUID.fromString("11ec2300-2e23-11e6-8308-0002a5d5c51b");

  final Recorder recorder = new Recorder();

  CdcClient.Builder client(FakeMaxScale server, StreamFormat format, TableId table) {
    return CdcClient.builder()
        .address(server.host(), server.port())
        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
        .clientId(RECORDED_UUID)
        .format(format)
        .table(table)
        .listener(recorder)
        .lifecycleListener(recorder)
        .stopWhenIdle(Duration.ofMillis(700));
  }

  static List<String> summary(List<ChangeEvent> events) {
    return events.stream().map(e -> e.type().jsonName() + " " + e.position()).toList();
  }

  static void runToEnd(CdcClient client) throws Exception {
    client.start();
    assertTrue(client.awaitTermination(Duration.ofSeconds(20)));
    client.close();
  }

  @AfterEach
  void noThreadLeft() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!Threads.alive("maxcdc-").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(), Threads.alive("maxcdc-"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a_commandes_json",
        "f1_commandes_json_after_alter",
        "g_live_commandes_json_during_alter"
      })
  void replayedJsonRecordingsGiveTheirEvents(String name) throws Exception {
    CdcClient client;
    try (FakeMaxScale server = FakeMaxScale.builder().replay(Recording.builtIn(name)).build()) {
      client = client(server, StreamFormat.JSON, COMMANDES).build();
      runToEnd(client);
    }
    assertEquals(Decoded.json(name, COMMANDES).events, recorder.events);
    assertEquals(
        io.github.maxcdc.testing.Fixtures.stream(name).length, client.snapshot().counter("bytes"));
  }

  @Test
  void replayedAvroRecordingWithoutTypeLookupIsDeliveredUnrepairedWithAWarning() throws Exception {
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("b_commandes_avro")).build()) {
      runToEnd(client(server, StreamFormat.AVRO, COMMANDES).build());
    }
    assertEquals(14, recorder.events.size());
    ChangeEvent chloe = recorder.events.get(2);
    assertFalse(chloe.schema().realTypesKnown());
    assertTrue(chloe.schema().column("montant").orElseThrow().has(Caveat.REAL_TYPE_UNKNOWN));
    assertEquals(300.99000000000001, chloe.after().get("montant"));
    assertTrue(
        recorder.lifecycle.stream()
            .anyMatch(l -> l.startsWith("warning: column types of shop_tx.commandes")),
        recorder.lifecycle.toString());
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void avroDirectoryServesBothFormatsWithTheSameEvents(StreamFormat format, @TempDir Path dir)
      throws Exception {
    Path avrodir = BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, dir);
    try (FakeMaxScale server = FakeMaxScale.builder().avroDirectory(avrodir).build()) {
      runToEnd(client(server, format, COMMANDES).build());
    }
    assertEquals(
        summary(Decoded.json("f1_commandes_json_after_alter", COMMANDES).events),
        summary(recorder.events));
    ChangeEvent chloe = recorder.events.get(2);
    assertTrue(chloe.schema().realTypesKnown(), "AVRO types looked up over JSON");
    assertEquals(new BigDecimal("300.99"), chloe.after().getBigDecimal("montant"));
    assertEquals(Fidelity.REPAIRED, chloe.after().fidelity("montant"));
    assertTrue(
        recorder.lifecycle.containsAll(List.of("schema 1", "schema 2")),
        recorder.lifecycle.toString());
  }

  @Test
  void allTypesOverAvroEqualJson(@TempDir Path dir) throws Exception {
    Path avrodir = BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, dir);
    List<ChangeEvent> json;
    try (FakeMaxScale server = FakeMaxScale.builder().avroDirectory(avrodir).build()) {
      runToEnd(client(server, StreamFormat.JSON, ALL_TYPES).build());
      json = new ArrayList<>(recorder.events);
      recorder.events.clear();
      runToEnd(client(server, StreamFormat.AVRO, ALL_TYPES).build());
    }
    assertEquals(json.size(), recorder.events.size());
    for (int i = 0; i < json.size(); i++) {
      assertEquals(json.get(i).position(), recorder.events.get(i).position());
      assertEquals(
          json.get(i).after() == null ? null : json.get(i).after().getBigDecimal("c_decimal"),
          recorder.events.get(i).after() == null
              ? null
              : recorder.events.get(i).after().getBigDecimal("c_decimal"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "d01_auth_wrong_password, io.github.maxcdc.AuthenticationException",
    "d11_request_before_register, io.github.maxcdc.RegistrationException",
    "d04_unknown_table, io.github.maxcdc.NoSuchTableException",
    "d09_request_data_no_argument, io.github.maxcdc.ServerErrorException",
    "d08_malformed_command, io.github.maxcdc.ServerErrorException",
    "d14_close_command, io.github.maxcdc.ConnectionClosedException"
  })
  void recordedErrorRepliesBecomeTypedExceptions(
      String name, Class<? extends CdcException> expected) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().replay(Recording.builtIn(name)).build()) {
      CdcClient client =
          client(server, StreamFormat.JSON, COMMANDES).reconnect(Backoff.never()).build();
      client.start();
      CdcException e =
          assertThrows(CdcException.class, () -> client.awaitTermination(Duration.ofSeconds(20)));
      assertInstanceOf(expected, e, e.toString());
      client.close();
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void workshopScenarioLive(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      var table = server.createTable("shop_tx", "commandes", Workshop.COMMANDES);
      table.insert(Workshop.order("Client Z", "10.00", "NOUVELLE"));
      CdcClient client =
          client(server, format, COMMANDES).stopWhenIdle(Duration.ofSeconds(30)).build();
      client.start();
      awaitEvents(1);
      table.insert(Workshop.order("Client A", "120.50", "NOUVELLE"));
      table.update(java.util.Map.of("client", "Client A"), java.util.Map.of("statut", "PAYEE"));
      table.delete(java.util.Map.of("client", "Client A"));
      awaitEvents(4);
      table.addColumn("canal", "VARCHAR(20)", "web");
      table.insert(Workshop.order("Client B", "5.25", "NOUVELLE"));
      awaitEvents(5);
      client.close();
      assertTrue(client.awaitTermination(Duration.ofSeconds(5)));
    }
    assertEquals(
        List.of("insert", "insert", "update", "delete", "insert"),
        recorder.events.stream().map(e -> e.type().jsonName()).toList());
    ChangeEvent paid = recorder.events.get(2);
    assertEquals("NOUVELLE", paid.before().getString("statut"));
    assertEquals("PAYEE", paid.after().getString("statut"));
    assertEquals(new BigDecimal("120.5"), paid.after().getBigDecimal("montant"));
    assertEquals(2, recorder.events.get(4).schemaVersion());
    assertEquals("web", recorder.events.get(4).after().getString("canal"));
    assertTrue(recorder.lifecycle.contains("schema 2"), recorder.lifecycle.toString());
  }

  void awaitEvents(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (recorder.events.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(recorder.events.size() >= n, "expected " + n + " events, got " + recorder.summary());
  }

  @Test
  void aTableWithoutRowsYetIsATransientNoSuchTable() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.createTable("shop_tx", "retours", Workshop.RETOURS);
      CdcClient client =
          client(server, StreamFormat.JSON, TableId.parse("shop_tx.retours"))
              .reconnect(Backoff.never())
              .build();
      client.start();
      NoSuchTableException e =
          assertThrows(
              NoSuchTableException.class, () -> client.awaitTermination(Duration.ofSeconds(20)));
      assertTrue(e.isTransient());
      assertTrue(e.getMessage().contains("first row"), e.getMessage());
      client.close();
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aTableWithoutRowsYetIsAskedForAgainWithAWarningUntilItsFirstRow(StreamFormat format)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable retours = server.createTable("shop_tx", "retours", Workshop.RETOURS);
      try (CdcClient client =
          client(server, format, TableId.parse("shop_tx.retours"))
              .reconnect(Backoff.forever(Duration.ofMillis(50), Duration.ofMillis(200)))
              .stopWhenIdle(Duration.ofSeconds(60))
              .build()) {
        client.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (recorder.lifecycle.stream().noneMatch(l -> l.contains("no change file"))) {
          assertTrue(System.nanoTime() < deadline, "no warning: " + recorder.lifecycle);
          Thread.sleep(10);
        }

        retours.insert(Map.of("commande_id", 7, "motif", "cassé"));
        awaitEvents(1);

        assertEquals("cassé", recorder.events.get(0).after().getString("motif"));
        assertTrue(
            recorder.lifecycle.stream()
                .anyMatch(
                    l -> l.contains("shop_tx.retours has") && l.endsWith("asking again in 0.2 s")),
            recorder.lifecycle.toString());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"JSON, 300", "JSON, 1500", "AVRO, 300", "AVRO, 1200"})
  void aConnectionClosedMidStreamFailsWithoutAPartialEvent(StreamFormat format, long bytes)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workshop.phase1(server);
      server.enqueueFault(Fault.closeAfterBytes(bytes));
      CdcClient client = client(server, format, COMMANDES).reconnect(Backoff.never()).build();
      client.start();
      ConnectionClosedException e =
          assertThrows(
              ConnectionClosedException.class,
              () -> client.awaitTermination(Duration.ofSeconds(20)));
      client.close();
      assertTrue(e.isTransient());
      List<String> all = summary(Workshop.phase1Events(server, format));
      assertEquals(all.subList(0, recorder.events.size()), summary(recorder.events));
      assertTrue(recorder.events.size() < all.size());
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void garbageIsADecodeError(StreamFormat format) throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workshop.phase1(server);
      server.enqueueFault(
          Fault.garbageAfterBytes(
              1100,
              "\u0001garbage\n\u00ff{]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
      CdcClient client = client(server, format, COMMANDES).build();
      client.start();
      CdcException e =
          assertThrows(CdcException.class, () -> client.awaitTermination(Duration.ofSeconds(20)));
      assertInstanceOf(ProtocolException.class, e, e.toString());
      client.close();
    }
  }

  @Test
  void aServerThatKeepsRefusingIsNamedWithHowLongItHasFailed() throws Exception {
    int port;
    try (java.net.ServerSocket closed =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort(); // nothing listens there once closed
    }
    try (CdcClient client =
        CdcClient.builder()
            .address("127.0.0.1", port)
            .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
            .table(COMMANDES)
            .listener(recorder)
            .lifecycleListener(recorder)
            .reconnect(Backoff.forever(Duration.ofMillis(10), Duration.ofMillis(20)))
            .build()) {
      client.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (recorder.lifecycle.stream().noneMatch(l -> l.startsWith("warning: no connection"))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      String warning =
          recorder.lifecycle.stream()
              .filter(l -> l.startsWith("warning: no connection"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no warning in " + recorder.lifecycle));
      assertTrue(warning.contains("127.0.0.1:" + port), warning);
      assertTrue(warning.matches(".* for [0-9.]+ s \\(3 attempts.*"), warning);
      assertTrue(warning.contains("geometry"), warning);
      assertEquals(CdcClient.State.RUNNING, client.state(), "still retrying");
    }
  }

  @Test
  void refusedAuthentication() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.enqueueFault(Fault.refuseAuthentication());
      CdcClient client = client(server, StreamFormat.JSON, COMMANDES).build();
      client.start();
      AuthenticationException e =
          assertThrows(
              AuthenticationException.class, () -> client.awaitTermination(Duration.ofSeconds(20)));
      assertEquals("ERROR: Authentication failed", e.serverText());
      assertFalse(e.isTransient());
      client.close();
    }
  }

  @Test
  void aStallIsIdleNotFailure() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workshop.phase1(server);
      server.enqueueFault(Fault.stallAfterBytes(1200, Duration.ofMillis(1500)));
      int[] idles = new int[1];
      CdcClient client =
          client(server, StreamFormat.JSON, COMMANDES)
              .stopWhenIdle(Duration.ofSeconds(3))
              .listener(
                  new ChangeListener() {
                    @Override
                    public void onChange(ChangeEvent event) {
                      recorder.onChange(event);
                    }

                    @Override
                    public void onIdle() {
                      idles[0]++;
                    }
                  })
              .build();
      runToEnd(client);
      assertEquals(
          summary(Workshop.phase1Events(server, StreamFormat.JSON)), summary(recorder.events));
      assertTrue(idles[0] >= 2, "idle during the stall and at the end: " + idles[0]);
    }
  }

  @ParameterizedTest
  @CsvSource({"JSON, 0", "AVRO, 0", "JSON, 6", "AVRO, 6", "JSON, 7", "AVRO, 10"})
  void resumeAfterAStoredPositionDeliversTheRestExactly(StreamFormat format, int index)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workshop.phase1(server);
      List<ChangeEvent> all = Workshop.phase1Events(server, format);
      StreamPosition stored =
          all.get(index).position(); // 6 and 7: inside the multi-row transaction
      runToEnd(client(server, format, COMMANDES).startAt(StartPosition.after(stored)).build());
      assertEquals(summary(all.subList(index + 1, all.size())), summary(recorder.events));
    }
  }

  static final Backoff FAST = Backoff.forever(Duration.ofMillis(20), Duration.ofMillis(200));

  @ParameterizedTest
  @CsvSource({"JSON, 1000", "JSON, 1500", "JSON, 2500", "AVRO, 800", "AVRO, 1100", "AVRO, 1600"})
  void aConnectionDroppedAnywhereIsResumedExactly(StreamFormat format, long bytes)
      throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workshop.phase1(server);
      List<String> all = summary(Workshop.phase1Events(server, format));
      // the next three connections die after that many bytes: inside records and transactions
      // (a type lookup of the AVRO stream may take one of them: it then falls back, with a warning)
      for (int i = 1; i <= 3; i++) {
        server.enqueueFault(Fault.closeAfterBytes(bytes * i));
      }
      try (CdcClient client =
          client(server, format, COMMANDES)
              .stopWhenIdle(Duration.ofSeconds(30))
              .reconnect(FAST)
              .build()) {
        client.start();
        awaitEvents(all.size());
        assertEquals(all, summary(recorder.events), "every change once, in order");
        assertTrue(client.reconnects() > 0);
      }
      assertTrue(
          recorder.lifecycle.stream().anyMatch(l -> l.startsWith("disconnected ConnectionClosed")),
          recorder.lifecycle.toString());
      assertTrue(
          recorder.lifecycle.stream().anyMatch(l -> l.startsWith("reconnect 1 ConnectionClosed")),
          recorder.lifecycle.toString());
      assertTrue(
          recorder.lifecycle.stream().anyMatch(l -> l.startsWith("resumed after ")),
          recorder.lifecycle.toString());
    }
  }

  @Test
  void aStalledConnectionIsReplacedAfterTheStallTimeout() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      Workshop.phase1(server);
      List<String> all = summary(Workshop.phase1Events(server, StreamFormat.JSON));
      server.enqueueFault(Fault.stallForeverAfterBytes(1500));
      try (CdcClient client =
          client(server, StreamFormat.JSON, COMMANDES)
              .stallTimeout(Duration.ofMillis(500))
              .stopWhenIdle(Duration.ofSeconds(30))
              .reconnect(FAST)
              .build()) {
        client.start();
        awaitEvents(all.size());
        assertEquals(all, summary(recorder.events));
        assertEquals(1, client.reconnects());
      }
    }
  }

  @Test
  void aTableWithoutRowsIsAskedForAgainUntilItsFirstRow() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      var retours = server.createTable("shop_tx", "retours", Workshop.RETOURS);
      try (CdcClient client =
          client(server, StreamFormat.JSON, TableId.parse("shop_tx.retours"))
              .stopWhenIdle(Duration.ofSeconds(30))
              .reconnect(FAST)
              .build()) {
        client.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.reconnects() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertTrue(client.reconnects() >= 2, "asked again at least twice: " + client.reconnects());
        retours.insert(java.util.Map.of("commande_id", 1, "motif", "colis abîmé"));
        awaitEvents(1);
      }
      assertEquals("colis abîmé", recorder.events.get(0).after().getString("motif"));
      assertTrue(
          recorder.lifecycle.stream()
              .anyMatch(l -> l.contains("has no change file on the server yet")),
          recorder.lifecycle.toString());
    }
  }

  @Test
  void authenticationFailuresAreNeverRetried() throws Exception {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      server.setFaultForAllConnections(Fault.refuseAuthentication());
      try (CdcClient client =
          client(server, StreamFormat.JSON, COMMANDES).reconnect(FAST).build()) {
        client.start();
        assertThrows(
            AuthenticationException.class, () -> client.awaitTermination(Duration.ofSeconds(20)));
        assertEquals(1, server.connectionCount());
      }
    }
  }
}
