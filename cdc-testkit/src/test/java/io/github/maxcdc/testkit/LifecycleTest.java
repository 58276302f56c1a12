package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, close, threads and builder validation. */
class LifecycleTest {

  private static List<Thread> threadsOf(int port) {
    String prefix = "fake-maxscale-" + port + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .toList();
  }

  @Test
  void closeEndsEveryThreadAndConnection(@TempDir Path dir) throws IOException {
    BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, dir);
    FakeMaxScale server = FakeMaxScale.builder().avroDirectory(dir).build();
    int port = server.port();
    server.enqueueFault(Fault.stallForeverAfterBytes(5));
    try (RawClient stalled = new RawClient(server);
        RawClient idle = new RawClient(server);
        RawClient streaming = new RawClient(server)) {
      stalled.handshake(true);
      stalled.send("REQUEST-DATA shop_tx.commandes");
      stalled.read(5);
      idle.sendExpect(RawClient.AUTH, "OK\n\n");
      streaming.handshake(true);
      streaming.send("REQUEST-DATA shop_tx.retours");
      streaming.readLine();
      streaming.readLine();
      assertTrue(server.awaitConnectionCount(3, Duration.ofSeconds(5)));
      List<Thread> threads = threadsOf(port);
      assertEquals(
          8, threads.size(), threads.toString()); // acceptor, poller, 3 x (reader, session)
      assertTrue(threads.stream().allMatch(Thread::isDaemon));

      server.close();

      assertTrue(threadsOf(port).isEmpty(), () -> "left behind: " + threadsOf(port));
      stalled.expectEof();
      idle.expectEof();
      streaming.expectEof();
      assertThrows(ConnectException.class, () -> new Socket(server.host(), port).close());
      server.close(); // idempotent
    }
  }

  @Test
  void listensOnAnEphemeralLoopbackPort() {
    try (FakeMaxScale a = FakeMaxScale.builder().build();
        FakeMaxScale b = FakeMaxScale.builder().build()) {
      assertEquals("127.0.0.1", a.host());
      assertTrue(a.port() > 0 && a.port() != b.port());
      assertEquals(0, a.connectionCount());
      assertEquals(0, a.openConnectionCount());
      assertTrue(a.toString().contains(Integer.toString(a.port())));
    }
  }

  @Test
  void builderValidatesEachArgument(@TempDir Path dir) {
    FakeMaxScale.Builder b = FakeMaxScale.builder();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.user("a:b", "x"))
            .getMessage()
            .contains("name"));
    assertThrows(NullPointerException.class, () -> b.user("a", null));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.serverId(-1))
            .getMessage()
            .contains("serverId"));
    assertThrows(IllegalArgumentException.class, () -> b.gtidDomain(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> b.firstGtidSequence(0));
    assertThrows(IllegalArgumentException.class, () -> b.port(70000));
    assertThrows(IllegalArgumentException.class, () -> b.pollInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.avroDirectory(dir.resolve("missing")));
    b.avroDirectory(dir);
    assertThrows(
        IllegalStateException.class, () -> b.replay(Recording.builtIn("a_commandes_json")));
    b.timeZone(ZoneId.of("Europe/Paris"));
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void scriptedOperationsNeedAScriptedServer() {
    try (FakeMaxScale replay =
        FakeMaxScale.builder().replay(Recording.builtIn("d14_close_command")).build()) {
      assertThrows(IllegalStateException.class, () -> replay.createDatabase("x"));
      assertThrows(IllegalStateException.class, () -> replay.lastGtid());
      assertThrows(IllegalStateException.class, () -> replay.transaction(tx -> {}));
    }
  }

  @Test
  void theClockIsReadOncePerGtid() {
    int[] reads = new int[1];
    Clock counting =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneId.of("UTC");
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            reads[0]++;
            return java.time.Instant.ofEpochSecond(1_700_000_000L + reads[0]);
          }
        };
    try (FakeMaxScale server = FakeMaxScale.builder().clock(counting).build()) {
      server.createDatabase("db");
      ScriptedTable t =
          server.createTable("db", "t", TableDefinition.builder().column("id", "INT").build());
      t.insert(Map.of("id", 1));
      t.addColumn("c", "INT");
      assertEquals(4, reads[0]);
      assertEquals("0-1-4", server.lastGtid().orElseThrow());
    }
  }
}
