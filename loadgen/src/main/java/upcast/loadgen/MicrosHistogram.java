package upcast.loadgen;

/** A single-threaded log-bucket histogram of microseconds for the load tool's own measurements. */
final class MicrosHistogram {
  private final long[] counts = new long[64];
  private long total;

  void record(long micros) {
    int bucket = micros <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(micros);
    counts[Math.min(63, bucket)]++;
    total++;
  }

  void addAll(MicrosHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  /** What was recorded since {@code earlier}, a sum taken from the same histograms before. */
  MicrosHistogram since(MicrosHistogram earlier) {
    MicrosHistogram d = new MicrosHistogram();
    for (int i = 0; i < counts.length; i++) {
      d.counts[i] = counts[i] - earlier.counts[i];
    }
    d.total = total - earlier.total;
    return d;
  }

  long count() {
    return total;
  }

  /** Upper bound (µs, a power of two) of the bucket holding the q-quantile. */
  long quantile(double q) {
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (total > 0 && seen >= q * total) {
        return 1L << i;
      }
    }
    return 0;
  }
}
