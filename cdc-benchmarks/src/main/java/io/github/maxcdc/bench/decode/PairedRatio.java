package io.github.maxcdc.bench.decode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A ratio measured in alternating rounds: each round times the baseline and then the measured path,
 * back to back, so that other load on a shared machine slows both alike; the median of the
 * per-round ratios is reported. Complements JMH, whose benchmarks run one after the other.
 *
 * <p>Each round is timed twice: by the wall clock and by the CPU time of the measuring thread. On a
 * machine loaded well beyond its cores, the wall clock of a pass also counts the slices other
 * processes took from it, which land unevenly on the two halves of a round; the CPU-time ratio
 * counts only the work of each path.
 */
final class PairedRatio {
  /** A pass over the input, returning something to keep the work alive. */
  @FunctionalInterface
  interface Pass {
    long run() throws Exception;
  }

  /** Median events/s of the path, of the baseline, and median per-round ratio. */
  record Result(double events, double baseline, double ratio, double cpuRatio) {}

  static long sink; // keeps results observable
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PairedRatio() {}

  static Result measure(int eventsPerPass, Pass path, Pass baseline, int warmup, int rounds)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      sink += path.run() + baseline.run();
    }
    double[] ours = new double[rounds];
    double[] base = new double[rounds];
    double[] ratio = new double[rounds];
    double[] cpuRatio = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += baseline.run();
      long t1 = System.nanoTime();
      long c1 = THREADS.getCurrentThreadCpuTime();
      sink += path.run();
      long t2 = System.nanoTime();
      long c2 = THREADS.getCurrentThreadCpuTime();
      base[i] = eventsPerPass / ((t1 - t0) / 1e9);
      ours[i] = eventsPerPass / ((t2 - t1) / 1e9);
      ratio[i] = ours[i] / base[i];
      cpuRatio[i] = (double) (c1 - c0) / (c2 - c1);
    }
    return new Result(median(ours), median(base), median(ratio), median(cpuRatio));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
