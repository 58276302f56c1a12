package io.github.maxcdc.testkit.internal.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.testkit.internal.avro.RecordEncoder;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * avro-c's block buffer: a block holds whole records only; a record that does not fit starts the
 * next block.
 */
class AvroTableFileTest {
  private static final byte[] SYNC = new byte[16];

  private static RecordEncoder.Encoded record(int payload) {
    return RecordEncoder.encode(
        new RecordEncoder.Header(0, 1, 5, 1, 1_700_000_000L, 0), List.of(new byte[payload]));
  }

  @Test
  void aRecordThatDoesNotFitStartsTheNextBlockWhole() throws Exception {
    RecordEncoder.Encoded a = record(10_000);
    RecordEncoder.Encoded b = record(10_000);
    byte[] blocks = AvroTableFile.blocks(List.of(a, b), false, SYNC);
    BinaryDecoder d = DecoderFactory.get().binaryDecoder(new ByteArrayInputStream(blocks), null);
    List<Long> counts = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    while (!d.isEnd()) {
      counts.add(d.readLong());
      byte[] block = new byte[(int) d.readLong()];
      d.readFixed(block);
      data.add(block);
      d.skipFixed(16);
    }
    assertEquals(List.of(1L, 1L), counts);
    assertArrayEquals(a.bytes(), data.get(0));
    assertArrayEquals(b.bytes(), data.get(1));
  }

  @Test
  void recordsThatFitShareOneBlock() {
    byte[] blocks = AvroTableFile.blocks(List.of(record(10), record(20), record(30)), false, SYNC);
    assertEquals(3 * 2, blocks[0]);
  }
}
