package io.github.maxcdc.bench.e2e;

import java.util.Arrays;

/** Durations in nanoseconds, for percentiles. Thread-safe. */
final class Histogram {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  /** Adds every value of {@code other}. */
  void addAll(Histogram other) {
    long[] copy;
    int n;
    synchronized (other) {
      copy = other.values;
      n = other.size;
    }
    for (int i = 0; i < n; i++) {
      add(copy[i]);
    }
  }

  synchronized int count() {
    return size;
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      throw new IllegalStateException("no value recorded");
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100 * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, index))] / 1e6;
  }
}
