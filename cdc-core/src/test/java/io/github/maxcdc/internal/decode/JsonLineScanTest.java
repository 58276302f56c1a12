package io.github.maxcdc.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testing.Decoded;
import io.github.maxcdc.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JSON decoder scans each chunk for line ends once and parses the lines found: a chunk of
 * thousands of lines (more than its first table of line ends holds) gives every event, equal to the
 * recording's, in order.
 */
class JsonLineScanTest {
  static final TableId COMMANDES = TableId.parse("shop_tx.commandes");

  @Test
  void manyLinesInOneChunkGiveTheRecordingsEventsInOrder() throws Exception {
    byte[] recording = Fixtures.stream("a_commandes_json");
    Decoded once = Decoded.json(recording, COMMANDES, n -> n);
    String text = new String(recording, StandardCharsets.UTF_8);
    int schemaEnd = text.indexOf("\n{\"domain\"") + 1; // handshake replies and schema line
    byte[] rows = text.substring(schemaEnd).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    big.write(recording, 0, text.substring(0, schemaEnd).getBytes(StandardCharsets.UTF_8).length);
    int copies = 200;
    for (int i = 0; i < copies; i++) {
      big.writeBytes(rows);
    }

    Decoded many = Decoded.json(big.toByteArray(), COMMANDES, n -> n);

    int n = once.events.size();
    assertEquals(copies * n, many.events.size());
    for (int i = 0; i < many.events.size(); i++) {
      assertEquals(once.events.get(i % n), many.events.get(i), "event " + i);
    }
    assertEquals(once.schemas, many.schemas);
  }
}
