package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients already streaming a table receive rows committed later and the schema change, in both
 * formats (recordings {@code g_live_*}).
 */
class LiveScriptedTest {

  @Test
  void liveJsonAndAvroClientsFollowTheAlterAndTheNewRows() throws IOException {
    SettableClock clock = new SettableClock();
    try (FakeMaxScale server = FakeMaxScale.builder().clock(clock).build();
        RawClient json = new RawClient(server);
        RawClient avro = new RawClient(server)) {
      RecordedWorkload workload = new RecordedWorkload(server, clock).phase1().types();
      avro.handshake(false);
      avro.send("REQUEST-DATA shop_tx.commandes");
      AvroSegments avroStream = new AvroSegments(avro.input());
      List<AvroSegments.Segment> got = new ArrayList<>(readBlocks(avroStream, 8));
      json.handshake(true);
      json.send("REQUEST-DATA shop_tx.commandes");
      byte[] expected = Recording.builtInServerBytes("g_live_commandes_json_during_alter");
      int firstPart = Recording.builtInServerBytes("a_commandes_json").length - 7;
      json.read(firstPart);

      workload.phase2();

      json.read(expected.length - 7 - firstPart);
      json.expectSilence();
      assertArrayEquals(expected, json.received());
      got.addAll(readBlocks(avroStream, 4));
      List<AvroSegments.Segment> recorded =
          AvroSegments.parse(
              AvroSegments.stripHandshake(
                  Recording.builtInServerBytes("g_live_commandes_avro_during_alter")));
      assertEquals(
          AvroSegments.withoutRepeatedHeaders(recorded), AvroSegments.withoutRepeatedHeaders(got));
      assertEquals(
          AvroRecords.text(AvroRecords.decode(recorded)),
          AvroRecords.text(AvroRecords.decode(got)));
      // Every commit re-sends the current header (the ALTER and four DML statements, at least one
      // wake-up each, possibly merged with the previous one's blocks).
      long headers = got.stream().filter(AvroSegments.Segment::header).count();
      assertEquals(true, headers >= 3, "headers: " + got);
    }
  }

  private static List<AvroSegments.Segment> readBlocks(AvroSegments stream, int blocks)
      throws IOException {
    List<AvroSegments.Segment> out = new ArrayList<>();
    int seen = 0;
    while (seen < blocks) {
      AvroSegments.Segment s = stream.next();
      out.add(s);
      seen += s.header() ? 0 : 1;
    }
    return out;
  }
}
