package upcast.sfu.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import upcast.sfu.api.SfuStats;

/**
 * Named counters and gauges of one SFU. Look a counter up once (at construction of the stage that
 * owns it) and keep the {@link LongAdder}: incrementing it on the packet path allocates nothing and
 * takes no lock.
 *
 * <p>Counter families are named {@code <stage>_<event>} ({@code /metrics} shows them as {@code
 * upcast_<stage>_<event>_total}); a family that counts losses ({@code _dropped}, {@code _failed},
 * {@code _rejected}) has one series per {@code reason}. The list is in docs/api.md.
 */
public final class Metrics {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

  /** The latency histogram of that name, created on first use. */
  public Histogram histogram(String name) {
    return histograms.computeIfAbsent(name, n -> new Histogram());
  }

  /** The counter family of that name (snake_case {@code <stage>_<event>}), created on first use. */
  public LongAdder counter(String family) {
    return counters.computeIfAbsent(check(family), n -> new LongAdder());
  }

  /**
   * The {@code reason} series of a counter family, created on first use; see {@link
   * SfuStats#key(String, String)}.
   */
  public LongAdder counter(String family, String reason) {
    return counters.computeIfAbsent(
        SfuStats.key(check(family), check(reason)), n -> new LongAdder());
  }

  private static String check(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a snake_case metric name: " + name);
    }
    return name;
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
