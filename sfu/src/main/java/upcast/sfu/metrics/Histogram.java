package upcast.sfu.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket latency histogram in microseconds, cheap enough for the packet path: one array
 * scan and two {@link LongAdder} increments, no allocation, no lock.
 */
public final class Histogram {
  /**
   * Upper bounds (inclusive, µs) of the buckets; a last bucket takes everything above. Between 100
   * µs and 10 ms, where a fan-out's copies fall, the steps are 1.5× or less, so a quantile
   * interpolated inside a bucket is off by at most a third of its value.
   */
  private static final long[] BOUNDS_MICROS = {
    5, 10, 20, 50, 100, 150, 200, 300, 500, 700, 1_000, 1_500, 2_000, 3_000, 5_000, 7_000, 10_000,
    20_000, 50_000
  };

  private final LongAdder[] buckets = new LongAdder[BOUNDS_MICROS.length + 1];

  /** A copy of the bucket bounds (µs), for a snapshot that leaves this class's own untouched. */
  public static long[] boundsMicros() {
    return BOUNDS_MICROS.clone();
  }

  private final LongAdder sumNanos = new LongAdder();

  Histogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  public void recordNanos(long nanos) {
    recordNanos(nanos, 1);
  }

  /** Records {@code count} observations of the same value (e.g. a batch sent at once). */
  public void recordNanos(long nanos, long count) {
    long micros = nanos / 1000;
    int i = 0;
    while (i < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[i]) {
      i++;
    }
    buckets[i].add(count);
    sumNanos.add(nanos * count);
  }

  /** Counts per bucket (not cumulative), the last being the overflow bucket. */
  public long[] counts() {
    long[] c = new long[buckets.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = buckets[i].sum();
    }
    return c;
  }

  public long sumNanos() {
    return sumNanos.sum();
  }
}
