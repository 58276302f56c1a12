package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviours taken from MaxScale's source (avro_client.cc) that the recordings are too small to
 * show.
 */
class StreamingQuirksTest {

  @Test
  void avroHeaderIsResentAfterEach32KiBBurst() throws IOException {
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable t =
          server.createTable(
              "db", "t", TableDefinition.builder().column("v", "VARCHAR(200)").build());
      for (int i = 0; i < 600; i++) {
        t.insert(Map.of("v", "x".repeat(100)));
      }
      try (RawClient client = new RawClient(server)) {
        client.handshake(false);
        client.send("REQUEST-DATA db.t");
        AvroSegments stream = new AvroSegments(client.input());
        List<Integer> headerPositions = new ArrayList<>();
        int blocks = 0;
        int position = 0;
        while (blocks < 600) {
          AvroSegments.Segment s = stream.next();
          if (s.header()) {
            headerPositions.add(blocks);
          } else {
            blocks++;
          }
          position += s.bytes().length;
        }
        client.expectSilence();
        // Each block holds one 114-byte record. MaxScale's stream_binary() stops once it has
        // counted 32 KiB of block data (288 x 114 = 32832) and client_callback() loops, sending
        // the header again since m_last_sent_pos stays 0 in AVRO mode.
        assertEquals(List.of(0, 288, 576), headerPositions, "blocks before each header");
        assertTrue(position > 2 * 32 * 1024);
      }
    }
  }

  @Test
  void aSyncMarkerMismatchEndsTheStreamWithAFatalError(@TempDir Path dir) throws IOException {
    BuiltInAvroDirectory.copy(BuiltInAvroDirectory.SNAPSHOT, dir);
    Path file = dir.resolve("shop_tx.commandes.000001.avro");
    byte[] bytes = Files.readAllBytes(file);
    int secondSync = 793 + 85 + 87 - 16;
    bytes[secondSync] ^= 0x55;
    Files.write(file, bytes);
    try (FakeMaxScale server = FakeMaxScale.builder().avroDirectory(dir).build();
        RawClient client = new RawClient(server)) {
      client.handshake(true);
      client.send("REQUEST-DATA shop_tx.commandes");
      client.readLine();
      String first = client.readLine();
      assertTrue(first.contains("\"sequence\": 3"), first);
      String rest = new String(client.readToEof(), StandardCharsets.UTF_8);
      assertEquals("ERR fatal error: MAXAVRO_ERR_IO\n", rest);
    }
  }
}
