package io.github.maxcdc.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link IsoInstant#format} writes exactly what {@link Instant#toString()} writes. */
class IsoInstantTest {
  // -Dmaxcdc.test.seed=N replays a failure
  private static final long SEED = Long.getLong("maxcdc.test.seed", System.nanoTime());

  @Test
  void theEdgesOfEveryField() {
    long[] seconds = {
      0,
      -1,
      1,
      59,
      60,
      3_599,
      86_399,
      86_400,
      951_782_400,
      1_700_000_000,
      -62_167_219_200L,
      -62_167_219_201L,
      253_402_300_799L,
      253_402_300_800L,
      Instant.MIN.getEpochSecond(),
      Instant.MAX.getEpochSecond()
    };
    int[] nanos = {0, 1, 999, 1_000, 1_000_000, 120_000_000, 123_456_000, 123_456_789, 999_999_999};
    for (long s : seconds) {
      for (int n : nanos) {
        Instant t = Instant.ofEpochSecond(s, n);
        assertEquals(t.toString(), IsoInstant.format(t), s + "s " + n + "ns");
      }
    }
  }

  @Test
  void randomInstants() {
    System.out.println("IsoInstantTest seed " + SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 200_000; i++) {
      long s =
          i % 10 == 0
              ? random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
              : random.nextLong(-62_167_219_300L, 253_402_300_900L);
      int n =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(s, n);
      assertEquals(t.toString(), IsoInstant.format(t), "seed " + SEED);
    }
  }
}
