package io.billhook.bench;

import java.util.Arrays;

/** A growable list of nanosecond samples, thread-safe, with percentiles in milliseconds. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized int size() {
    return size;
  }

  /** The {@code p}-th percentile (nearest rank), in milliseconds; NaN when empty. */
  synchronized double percentileMs(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }
}
