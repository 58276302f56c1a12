package io.github.maxcdc.internal.decode.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The eight-bytes-at-a-time newline search against a byte loop, on seeded random buffers dense and
 * sparse in newlines and in bytes that differ from a newline by one bit. Replay with {@code
 * -Dnewlines.seed=N}.
 */
class NewlinesTest {
  private static final long SEED = Long.getLong("newlines.seed", System.nanoTime());
  private static final byte[] NEAR = {'\n', 0x0B, 0x08, 0x0E, 0x02, (byte) 0x8A, 0x4A, 0, -1, '{'};

  @Test
  void findsTheFirstNewlineAsAByteLoopDoes() {
    System.out.println("NewlinesTest seed " + SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int n = 0; n < 100_000; n++) {
      byte[] buf = new byte[random.nextInt(40)];
      int density = 1 + random.nextInt(30);
      for (int i = 0; i < buf.length; i++) {
        buf[i] =
            random.nextInt(density) == 0
                ? NEAR[random.nextInt(NEAR.length)]
                : (byte) random.nextInt(256);
      }
      int from = buf.length == 0 ? 0 : random.nextInt(buf.length + 1);
      int to = from + random.nextInt(buf.length - from + 1);
      assertEquals(byteLoop(buf, from, to), Newlines.next(buf, from, to), "seed " + SEED);
    }
  }

  private static int byteLoop(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
