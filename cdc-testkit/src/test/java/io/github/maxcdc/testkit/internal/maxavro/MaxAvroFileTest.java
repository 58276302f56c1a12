package io.github.maxcdc.testkit.internal.maxavro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.internal.avro.DecodedRecord;
import io.github.maxcdc.testkit.internal.avro.JsonRowFormatter;
import io.github.maxcdc.testkit.internal.store.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The MaxScale reader emulation over the recorded avrorouter files. */
class MaxAvroFileTest {
  private static final String DIR = "/maxcdc-recordings/maxscale-24.02.3/";

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = MaxAvroFileTest.class.getResourceAsStream(DIR + path)) {
      return in.readAllBytes();
    }
  }

  private static MaxAvroFile open(MemoryStore store, String name) throws IOException {
    return MaxAvroFile.open(store.open(name).orElseThrow(), name).orElseThrow();
  }

  @Test
  void readsRecordsAsMaxScaleRendersThem() throws IOException {
    MemoryStore store = new MemoryStore();
    store.append("t.avro", resource("avrodir_snapshot/shop_tx.commandes.000001.avro"));
    MaxAvroFile file = open(store, "t.avro");
    String bin = new String(resource("a_commandes_json.bin"), StandardCharsets.UTF_8);
    StringBuilder rows = new StringBuilder();
    do {
      DecodedRecord r;
      while ((r = file.readJson()) != null) {
        rows.append(new String(JsonRowFormatter.line(r), StandardCharsets.UTF_8));
      }
    } while (file.nextBlock());
    assertTrue(bin.endsWith(rows.toString()));
    assertEquals(18, file.recordsRead());
    assertEquals(793, file.binaryHeader().length);
  }

  @Test
  void aFileWithoutABlockCannotBeOpenedUntilItHasOne() throws IOException {
    byte[] full = resource("avrodir_snapshot/shop_tx.commandes.000001.avro");
    MemoryStore store = new MemoryStore();
    store.append("t.avro", Arrays.copyOf(full, 793));
    assertTrue(MaxAvroFile.open(store.open("t.avro").orElseThrow(), "t.avro").isEmpty());
    store.append("t.avro", Arrays.copyOfRange(full, 793, full.length));
    MaxAvroFile file = open(store, "t.avro");
    assertTrue(file.readBinary() != null);
  }

  @Test
  void growthIsPickedUpAtTheNextRead() throws IOException {
    byte[] full = resource("avrodir_snapshot/shop_tx.commandes.000001.avro");
    int firstBlockEnd = 793 + 85;
    MemoryStore store = new MemoryStore();
    store.append("t.avro", Arrays.copyOf(full, firstBlockEnd));
    MaxAvroFile file = open(store, "t.avro");
    assertTrue(file.readBinary() != null);
    assertNull(file.readBinary());
    store.append("t.avro", Arrays.copyOfRange(full, firstBlockEnd, full.length));
    assertEquals(87, file.readBinary().length);
    assertFalse(file.hasError());
  }

  @Test
  void deflateBlocksAreSentWithTheirDecompressedLength() throws IOException {
    MemoryStore store = new MemoryStore();
    store.append("t.avro", resource("avrodir_deflate_snapshot/shop_tx.commandes.000001.avro"));
    MaxAvroFile file = open(store, "t.avro");
    int[] expected = {85, 87, 86, 54, 148, 87};
    for (int i = 0; i < expected.length; i++) {
      byte[] block = file.readBinary();
      assertEquals(expected[i], block == null ? -1 : block.length, "block " + i);
    }
    assertNull(
        file.readBinary(),
        "the 9-record block (580 bytes inflated) would run past the end of the file");
  }
}
