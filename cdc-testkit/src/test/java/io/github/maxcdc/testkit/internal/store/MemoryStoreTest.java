package io.github.maxcdc.testkit.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file made of appended chunks reads as their concatenation, from any offset, at any length. */
class MemoryStoreTest {
  static final long SEED = Long.getLong("maxcdc.store.seed", System.nanoTime());

  @Test
  void readsAcrossChunksAsOneFile(@TempDir Path dir) throws IOException {
    System.out.println(
        "MemoryStoreTest seed " + SEED + " (replay: -Dmaxcdc.store.seed=" + SEED + ")");
    SplittableRandom random = new SplittableRandom(SEED);
    MemoryStore store = new MemoryStore();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (int append = 0; append < 30; append++) {
      List<byte[]> chunks = new ArrayList<>();
      for (int c = random.nextInt(4); c >= 0; c--) {
        byte[] chunk = new byte[random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(100)];
        random.nextBytes(chunk);
        chunks.add(chunk);
        whole.writeBytes(chunk);
      }
      store.append("f.avro", chunks);
    }
    byte[] expected = whole.toByteArray();
    ByteSource source = store.open("f.avro").orElseThrow();
    for (int position = 0; position <= expected.length; position++) {
      int len = random.nextInt(300);
      byte[] dst = new byte[len + 2];
      int n = source.read(position, dst, 1, len);
      assertEquals(Math.min(len, expected.length - position), n, "read at " + position);
      assertArrayEquals(
          Arrays.copyOfRange(expected, position, position + n),
          Arrays.copyOfRange(dst, 1, 1 + n),
          "bytes at " + position);
    }
    assertEquals(0, source.read(expected.length + 5, new byte[4], 0, 4), "past the end");
    store.exportTo(dir);
    assertArrayEquals(expected, Files.readAllBytes(dir.resolve("f.avro")));
  }

  @Test
  void anAppendedArrayIsCopied() throws IOException {
    MemoryStore store = new MemoryStore();
    byte[] bytes = {1, 2, 3};
    store.append("f", bytes);
    bytes[0] = 9;
    byte[] read = new byte[3];
    store.open("f").orElseThrow().read(0, read, 0, 3);
    assertArrayEquals(new byte[] {1, 2, 3}, read);
  }
}
