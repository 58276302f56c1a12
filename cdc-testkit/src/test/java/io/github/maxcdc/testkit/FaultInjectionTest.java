package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults planned per connection or for all of them, and dropped connections. */
class FaultInjectionTest {
  private static final byte[] STREAM =
      AvroSegments.stripHandshake(Recording.builtInServerBytes("a_commandes_json"));

  private final SettableClock clock = new SettableClock();
  private FakeMaxScale server;

  @BeforeEach
  void start() {
    server = FakeMaxScale.builder().clock(clock).build();
    new RecordedWorkload(server, clock).phase1();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawClient requestJson() throws IOException {
    RawClient client = new RawClient(server);
    client.handshake(true);
    client.send("REQUEST-DATA shop_tx.commandes");
    return client;
  }

  @Test
  void closeAfterBytesCutsTheStreamInsideARecord() throws IOException {
    server.enqueueFault(Fault.closeAfterBytes(1000));
    try (RawClient client = requestJson()) {
      assertArrayEquals(Arrays.copyOf(STREAM, 1000), client.readToEof());
    }
  }

  @Test
  void closeAfterZeroBytesClosesBeforeAnyData() throws IOException {
    server.enqueueFault(Fault.closeAfterBytes(0));
    try (RawClient client = requestJson()) {
      client.expectEof();
    }
  }

  @Test
  void closeAfterRowsStopsAfterCompleteJsonLines() throws IOException {
    server.enqueueFault(Fault.closeAfterRows(3));
    try (RawClient client = requestJson()) {
      String text = new String(client.readToEof(), StandardCharsets.UTF_8);
      assertEquals(4, text.split("\n").length, text);
      assertTrue(text.endsWith("\"date_creation\": \"2023-11-14 22:15:03\"}\n"), text);
    }
  }

  @Test
  void closeAfterRowsInAvroModeStopsAfterTheBlockReachingTheCount() throws IOException {
    server.enqueueFault(Fault.closeAfterRows(2));
    try (RawClient client = new RawClient(server)) {
      client.handshake(false);
      client.send("REQUEST-DATA shop_tx.commandes");
      var segments = AvroSegments.parse(client.readToEof());
      assertEquals(3, segments.size(), segments.toString());
      assertTrue(segments.get(0).header());
    }
  }

  @Test
  void stallDelaysTheRestOfTheStream() throws IOException {
    server.enqueueFault(Fault.stallAfterBytes(50, Duration.ofMillis(1500)));
    try (RawClient client = requestJson()) {
      client.read(50);
      // The silence check returns once the session stalls: the stall only has to outlast it.
      client.expectSilence();
      client.read(STREAM.length - 50);
      assertArrayEquals(Recording.builtInServerBytes("a_commandes_json"), client.received());
    }
  }

  @Test
  void stallForeverHoldsUntilTheConnectionIsDropped() throws IOException {
    server.enqueueFault(Fault.stallForeverAfterBytes(10));
    try (RawClient client = requestJson()) {
      client.read(10);
      client.expectSilence();
      server.dropAllConnections();
      client.expectEof();
    }
  }

  @Test
  void aClientHangingUpEndsAStalledConnection() throws IOException {
    server.enqueueFault(Fault.stallForeverAfterBytes(10));
    try (RawClient client = requestJson()) {
      client.read(10);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.openConnectionCount() > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    assertEquals(0, server.openConnectionCount());
  }

  @Test
  void garbageIsInsertedThenTheStreamResumes() throws IOException {
    byte[] garbage = {(byte) 0xFF, 0, 'x'};
    server.enqueueFault(Fault.garbageAfterBytes(20, garbage));
    try (RawClient client = requestJson()) {
      byte[] got = client.read(STREAM.length + garbage.length);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.write(STREAM, 0, 20);
      expected.writeBytes(garbage);
      expected.write(STREAM, 20, STREAM.length - 20);
      assertArrayEquals(expected.toByteArray(), got);
    }
  }

  @Test
  void refusedAuthenticationLooksLikeAWrongPassword() throws IOException {
    server.enqueueFault(Fault.refuseAuthentication());
    try (RawClient client = new RawClient(server)) {
      client.sendExpect(RawClient.AUTH, "ERROR: Authentication failed\n\n");
      client.expectEof();
    }
  }

  @Test
  void queuedFaultsApplyToTheNextConnectionsInOrder() throws IOException {
    server.enqueueFault(Fault.refuseAuthentication());
    server.enqueueFault(Fault.closeAfterBytes(5));
    try (RawClient first = new RawClient(server)) {
      first.sendExpect(RawClient.AUTH, "ERROR: Authentication failed\n\n");
    }
    try (RawClient second = requestJson()) {
      assertArrayEquals(Arrays.copyOf(STREAM, 5), second.readToEof());
    }
    try (RawClient third = requestJson()) {
      third.read(STREAM.length);
      third.expectSilence();
    }
  }

  @Test
  void aFaultForAllConnectionsAppliesUntilCleared() throws IOException {
    server.setFaultForAllConnections(Fault.closeAfterBytes(7));
    for (int i = 0; i < 2; i++) {
      try (RawClient client = requestJson()) {
        assertArrayEquals(Arrays.copyOf(STREAM, 7), client.readToEof());
      }
    }
    server.setFaultForAllConnections(Fault.none());
    try (RawClient client = requestJson()) {
      client.read(STREAM.length);
    }
    assertEquals(3, server.connectionCount());
  }

  @Test
  void droppedConnectionsEndAndNewOnesAreAccepted() throws IOException {
    try (RawClient live = requestJson()) {
      live.read(STREAM.length);
      assertTrue(server.awaitConnectionCount(1, Duration.ofSeconds(5)));
      server.dropAllConnections();
      live.expectEof();
    }
    try (RawClient again = requestJson()) {
      again.read(STREAM.length);
    }
    assertEquals(2, server.connectionCount());
  }

  @Test
  void faultsWorkWhenReplaying() throws IOException {
    try (FakeMaxScale replay =
        FakeMaxScale.builder().replay(Recording.builtIn("a_commandes_json")).build()) {
      replay.enqueueFault(Fault.closeAfterBytes(100));
      try (RawClient client = new RawClient(replay)) {
        client.handshake(true);
        client.send("REQUEST-DATA shop_tx.commandes");
        assertArrayEquals(Arrays.copyOf(STREAM, 100), client.readToEof());
      }
      assertThrows(
          IllegalArgumentException.class, () -> replay.enqueueFault(Fault.closeAfterRows(1)));
    }
  }

  @Test
  void faultArgumentsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> Fault.closeAfterBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> Fault.closeAfterRows(0));
    assertThrows(IllegalArgumentException.class, () -> Fault.stallAfterBytes(0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Fault.garbageAfterBytes(0, new byte[0]));
    assertEquals("Fault[STALL_AFTER_BYTES 3, forever]", Fault.stallForeverAfterBytes(3).toString());
  }
}
