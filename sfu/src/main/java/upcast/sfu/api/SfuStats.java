package upcast.sfu.api;

import java.util.Map;

/**
 * A snapshot of the SFU's counters.
 *
 * @param counters monotonically increasing counters by name, e.g. {@code packets_in}, {@code
 *     packets_out}, {@code dropped_junk}, {@code dropped_unauthenticated}, {@code
 *     dropped_srtp_auth}, {@code dropped_send_full}, {@code keyframe_requests_sent}
 * @param gauges current values by name, e.g. {@code broadcasts}, {@code viewers}, {@code peers}
 */
public record SfuStats(Map<String, Long> counters, Map<String, Long> gauges) {

  public SfuStats {
    counters = Map.copyOf(counters);
    gauges = Map.copyOf(gauges);
  }

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public long gauge(String name) {
    return gauges.getOrDefault(name, 0L);
  }
}
