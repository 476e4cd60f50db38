package upcast.sfu.api;

import java.util.Map;

/**
 * A snapshot of the SFU's counters.
 *
 * @param counters monotonically increasing counters by {@link #key key}: a family name such as
 *     {@code transport_packets_received}, or a family and its reason such as {@code
 *     transport_packets_dropped{reason="junk"}} (the families are listed in docs/api.md)
 * @param gauges current values by name, e.g. {@code broadcasts}, {@code viewers}, {@code peers}
 */
public record SfuStats(
    Map<String, Long> counters, Map<String, Long> gauges, Map<String, Latency> latencies) {

  public SfuStats {
    counters = Map.copyOf(counters);
    gauges = Map.copyOf(gauges);
    latencies = Map.copyOf(latencies);
  }

  public SfuStats(Map<String, Long> counters, Map<String, Long> gauges) {
    this(counters, gauges, Map.of());
  }

  /**
   * A latency histogram: {@code send_latency}, per datagram sent (each viewer's copy of a publisher
   * packet), from reading the datagram it answers off the socket to handing the copy to the kernel;
   * {@code forwarding_latency}, per publisher packet, until the last viewer's copy was handed to
   * the kernel (the whole fan-out).
   *
   * @param boundsMicros inclusive upper bound of each bucket but the last (overflow)
   * @param counts observations per bucket (not cumulative), one more than bounds
   * @param sumNanos sum of all observations
   */
  @SuppressWarnings("ArrayRecordComponent") // a JSON snapshot; each one gets its own arrays
  public record Latency(long[] boundsMicros, long[] counts, long sumNanos) {
    public long count() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /** The upper bound (µs) of the bucket holding the q-quantile; -1 for the overflow bucket. */
    public long quantileMicros(double q) {
      long total = count();
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (total > 0 && seen >= q * total) {
          return i < boundsMicros.length ? boundsMicros[i] : -1;
        }
      }
      return 0;
    }
  }

  /**
   * The key of one reason's series of a counter family: {@code family{reason="reason"}}, the
   * Prometheus sample without its {@code upcast_} prefix and {@code _total} suffix.
   */
  public static String key(String family, String reason) {
    return family + "{reason=\"" + reason + "\"}";
  }

  /** A counter without reasons, by family name; 0 if there is none. */
  public long counter(String family) {
    return counters.getOrDefault(family, 0L);
  }

  /** One reason's series of a counter family; 0 if there is none. */
  public long counter(String family, String reason) {
    return counters.getOrDefault(key(family, reason), 0L);
  }

  public long gauge(String name) {
    return gauges.getOrDefault(name, 0L);
  }
}
