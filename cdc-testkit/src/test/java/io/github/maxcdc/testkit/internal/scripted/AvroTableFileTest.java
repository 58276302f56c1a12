package io.github.maxcdc.testkit.internal.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.testkit.internal.avro.RecordEncoder;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * avro-c's block buffer: a record that does not fit leaves its leading fields in the flushed block.
 */
class AvroTableFileTest {
  private static final byte[] SYNC = new byte[16];

  private static RecordEncoder.Encoded record(int payload) {
    return RecordEncoder.encode(
        new RecordEncoder.Header(0, 1, 5, 1, 1_700_000_000L, 0), List.of(new byte[payload]));
  }

  @Test
  void aRecordThatDoesNotFitLeavesItsFittingPrefixInThePreviousBlock() throws Exception {
    RecordEncoder.Encoded a = record(10_000);
    RecordEncoder.Encoded b = record(10_000);
    byte[] blocks = AvroTableFile.blocks(List.of(a, b), false, SYNC);
    BinaryDecoder d = DecoderFactory.get().binaryDecoder(new ByteArrayInputStream(blocks), null);
    List<Long> counts = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    while (!d.isEnd()) {
      counts.add(d.readLong());
      long size = d.readLong();
      sizes.add(size);
      d.skipFixed((int) size + 16);
    }
    assertEquals(List.of(1L, 1L), counts);
    int room = AvroTableFile.BLOCK_SIZE - a.bytes().length;
    // The fixed fields, the union index and the bytes length fit; the 10000 bytes do not.
    int prefix = b.prefixFitting(room);
    assertEquals(b.bytes().length - 10_000, prefix);
    assertEquals(List.of((long) a.bytes().length + prefix, (long) b.bytes().length), sizes);
    byte[] firstData = Arrays.copyOfRange(blocks, 4, 4 + a.bytes().length + prefix);
    assertArrayEquals(
        Arrays.copyOf(b.bytes(), prefix),
        Arrays.copyOfRange(firstData, a.bytes().length, firstData.length));
  }

  @Test
  void recordsThatFitShareOneBlock() {
    byte[] blocks = AvroTableFile.blocks(List.of(record(10), record(20), record(30)), false, SYNC);
    assertEquals(3 * 2, blocks[0]);
  }
}
