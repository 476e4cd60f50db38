package upcast.signaling.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.sfu.api.Sfu;
import upcast.sfu.api.SfuStats;

/**
 * {@code GET /metrics}: the SFU's and the chat's counters ({@code upcast_<stage>_<event>_total},
 * with a {@code reason} label where the family has reasons), gauges ({@code upcast_<name>}) and
 * latency histograms in the Prometheus text exposition format 0.0.4: one {@code # TYPE} line per
 * family, families and series sorted so scrapes diff cleanly.
 */
final class MetricsEndpoint {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Sfu sfu;
  private final Supplier<Map<String, Long>> signalingCounters;

  /**
   * @param signalingCounters counters kept outside the SFU (the chat's), rendered like the SFU's
   */
  MetricsEndpoint(Sfu sfu, Supplier<Map<String, Long>> signalingCounters) {
    this.sfu = sfu;
    this.signalingCounters = signalingCounters;
  }

  void serve(Response response, Callback callback) {
    Http.send(
        response,
        callback,
        200,
        CONTENT_TYPE,
        render(sfu.stats(), signalingCounters.get()).getBytes(StandardCharsets.UTF_8));
  }

  static String render(SfuStats stats, Map<String, Long> signalingCounters) {
    StringBuilder sb = new StringBuilder(4096);
    // Sorted by the names as printed: "a" before "a_b" as keys, yet "upcast_a_b_total" sorts before
    // "upcast_a_total". Family name -> labels ("" or {reason="…"}) -> value.
    Map<String, Map<String, Long>> counters = new TreeMap<>();
    Map<String, Long> all = new TreeMap<>(stats.counters());
    all.putAll(signalingCounters);
    for (Map.Entry<String, Long> e : all.entrySet()) {
      String key = e.getKey();
      int brace = key.indexOf('{');
      String family = "upcast_" + name(brace < 0 ? key : key.substring(0, brace)) + "_total";
      String labels = brace < 0 ? "" : labels(key.substring(brace));
      counters.computeIfAbsent(family, f -> new TreeMap<>()).put(labels, e.getValue());
    }
    for (Map.Entry<String, Map<String, Long>> family : counters.entrySet()) {
      String name = family.getKey();
      sb.append("# TYPE ").append(name).append(" counter\n");
      family
          .getValue()
          .forEach(
              (labels, v) -> sb.append(name).append(labels).append(' ').append(v).append('\n'));
    }
    Map<String, Long> gauges = new TreeMap<>();
    stats.gauges().forEach((k, v) -> gauges.put("upcast_" + name(k), v));
    gauges.forEach((name, v) -> sample(sb, name, "gauge", v));
    Map<String, SfuStats.Latency> histograms = new TreeMap<>();
    stats.latencies().forEach((k, h) -> histograms.put("upcast_" + name(k) + "_seconds", h));
    histograms.forEach((name, h) -> appendHistogram(sb, name, h));
    appendProcess(sb);
    return sb.toString();
  }

  /** A Prometheus histogram: cumulative buckets with {@code le} in seconds, then sum and count. */
  private static void appendHistogram(StringBuilder sb, String name, SfuStats.Latency h) {
    sb.append("# TYPE ").append(name).append(" histogram\n");
    long cumulative = 0;
    long[] counts = h.counts();
    for (int i = 0; i < counts.length; i++) {
      cumulative += counts[i];
      String le =
          i < h.boundsMicros().length
              ? BigDecimal.valueOf(h.boundsMicros()[i], 6).stripTrailingZeros().toPlainString()
              : "+Inf";
      sb.append(name).append("_bucket{le=\"").append(le).append("\"} ").append(cumulative);
      sb.append('\n');
    }
    sb.append(name).append("_sum ").append(h.sumNanos() / 1e9).append('\n');
    sb.append(name).append("_count ").append(cumulative).append('\n');
  }

  /** CPU time and memory of this process, so load tests can compute cost per packet. */
  private static void appendProcess(StringBuilder sb) {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      sb.append("# TYPE process_cpu_seconds_total counter\n");
      sb.append("process_cpu_seconds_total ").append(os.getProcessCpuTime() / 1e9).append('\n');
    }
    // What the heap held right after each heap pool's last collection: after a full collection,
    // the live set, whatever was allocated since (the used figure below counts that too).
    long afterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      afterGc += u == null ? 0 : u.getUsed();
    }
    sb.append("# TYPE jvm_memory_heap_after_gc_bytes gauge\n");
    sb.append("jvm_memory_heap_after_gc_bytes ").append(afterGc).append('\n');
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    sb.append("# TYPE jvm_memory_heap_used_bytes gauge\n");
    sb.append("jvm_memory_heap_used_bytes ")
        .append(memory.getHeapMemoryUsage().getUsed())
        .append('\n');
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          sb.append("# TYPE process_resident_memory_bytes gauge\n");
          sb.append("process_resident_memory_bytes ").append(kib * 1024).append('\n');
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: no RSS figure.
    }
  }

  private static void sample(StringBuilder sb, String name, String type, long value) {
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    sb.append(name).append(' ').append(value).append('\n');
  }

  /**
   * The label set of a counter key's {@code {reason="…"}} part, its value escaped as the format
   * requires (backslash, double quote, line feed).
   */
  private static String labels(String raw) {
    int open = raw.indexOf('"');
    int close = raw.lastIndexOf('"');
    int eq = raw.indexOf('=');
    String label = eq > 1 ? name(raw.substring(1, eq)) : "reason";
    String value = open < close ? raw.substring(open + 1, close) : "";
    value = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return "{" + label + "=\"" + value + "\"}";
  }

  /** A metric name is {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; anything else becomes '_'. */
  static String name(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }
}
