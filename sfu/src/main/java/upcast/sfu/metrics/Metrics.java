package upcast.sfu.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import upcast.sfu.api.SfuStats;

/**
 * Named counters and gauges of one SFU. Look a counter up once (at construction of the stage that
 * owns it) and keep the {@link LongAdder}: incrementing it on the packet path allocates nothing and
 * takes no lock.
 */
public final class Metrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

  /** The latency histogram of that name, created on first use. */
  public Histogram histogram(String name) {
    return histograms.computeIfAbsent(name, n -> new Histogram());
  }

  /** The counter of that name, created on first use. Names are snake_case. */
  public LongAdder counter(String name) {
    return counters.computeIfAbsent(name, n -> new LongAdder());
  }

  /** Registers (or replaces) a gauge read at snapshot time. */
  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  public SfuStats snapshot() {
    Map<String, Long> c = new TreeMap<>();
    counters.forEach((k, v) -> c.put(k, v.sum()));
    Map<String, Long> g = new TreeMap<>();
    gauges.forEach((k, v) -> g.put(k, v.getAsLong()));
    Map<String, SfuStats.Latency> h = new TreeMap<>();
    histograms.forEach(
        (k, v) ->
            h.put(k, new SfuStats.Latency(Histogram.boundsMicros(), v.counts(), v.sumNanos())));
    return new SfuStats(c, g, h);
  }
}
