package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RawClient#expectSilence()} fails whenever the server has more to say, without waiting for
 * it: the checks of the other tests can fail.
 */
class SilenceCheckTest {

  @Test
  void aRowCommittedBeforeTheCheckIsNotSilence() throws IOException {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable("db", "t", TableDefinition.builder().column("v", "INT").build());
      t.insert(Map.of("v", 1));
      try (RawClient client = new RawClient(server)) {
        client.handshake(true);
        client.send("REQUEST-DATA db.t");
        client.readLine();
        client.readLine();
        client.expectSilence();
        t.insert(Map.of("v", 2));
        AssertionError e = assertThrows(AssertionError.class, client::expectSilence);
        assertTrue(e.getMessage().contains("\"v\": 2"), e.getMessage());
      }
    }
  }

  @Test
  void aFileCopiedBeforeTheCheckIsNotSilenceWhateverThePollInterval(@TempDir Path dir)
      throws IOException {
    GrowingDirectory growing = GrowingDirectory.commandesVersion1(dir);
    byte[] before = Recording.builtInServerBytes("a_commandes_json");
    try (FakeMaxScale server =
            FakeMaxScale.builder()
                .avroDirectory(growing.served())
                .pollInterval(Duration.ofHours(1))
                .build();
        RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("REQUEST-DATA shop_tx.commandes");
      client.read(before.length - 7);
      client.expectSilence();
      growing.publish("shop_tx.commandes.000002.avsc");
      growing.publish("shop_tx.commandes.000002.avro");
      AssertionError e = assertThrows(AssertionError.class, client::expectSilence);
      assertTrue(e.getMessage().contains("more than expected"), e.getMessage());
    }
  }

  @Test
  void aClosedConnectionIsNotSilence() throws IOException {
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("CLOSE");
      AssertionError e = assertThrows(AssertionError.class, client::expectSilence);
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
  }
}
