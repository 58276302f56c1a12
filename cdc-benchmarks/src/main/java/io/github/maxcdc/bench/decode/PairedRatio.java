package io.github.maxcdc.bench.decode;

import java.util.Arrays;

/**
 * A ratio measured in alternating rounds: each round times the baseline and then the measured path,
 * back to back, so that other load on a shared machine slows both alike; the median of the
 * per-round ratios is reported. Complements JMH, whose benchmarks run one after the other.
 */
final class PairedRatio {
  /** A pass over the input, returning something to keep the work alive. */
  @FunctionalInterface
  interface Pass {
    long run() throws Exception;
  }

  /** Median events/s of the path, of the baseline, and median per-round ratio. */
  record Result(double events, double baseline, double ratio) {}

  static long sink; // keeps results observable

  private PairedRatio() {}

  static Result measure(int eventsPerPass, Pass path, Pass baseline, int warmup, int rounds)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      sink += path.run() + baseline.run();
    }
    double[] ours = new double[rounds];
    double[] base = new double[rounds];
    double[] ratio = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      sink += baseline.run();
      long t1 = System.nanoTime();
      sink += path.run();
      long t2 = System.nanoTime();
      base[i] = eventsPerPass / ((t1 - t0) / 1e9);
      ours[i] = eventsPerPass / ((t2 - t1) / 1e9);
      ratio[i] = ours[i] / base[i];
    }
    return new Result(median(ours), median(base), median(ratio));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
