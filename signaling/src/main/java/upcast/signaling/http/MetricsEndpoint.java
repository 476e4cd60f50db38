package upcast.signaling.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.sfu.api.Sfu;
import upcast.sfu.api.SfuStats;

/** {@code GET /metrics}: the SFU's counters and gauges in Prometheus text format 0.0.4. */
final class MetricsEndpoint {
  private final Sfu sfu;

  MetricsEndpoint(Sfu sfu) {
    this.sfu = sfu;
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

  void serve(Response response, Callback callback) {
    SfuStats stats = sfu.stats();
    StringBuilder sb = new StringBuilder(4096);
    for (Map.Entry<String, Long> e : stats.counters().entrySet()) {
      String name = "upcast_" + e.getKey() + "_total";
      sb.append("# TYPE ").append(name).append(" counter\n");
      sb.append(name).append(' ').append(e.getValue()).append('\n');
    }
    for (Map.Entry<String, Long> e : stats.gauges().entrySet()) {
      String name = "upcast_" + e.getKey();
      sb.append("# TYPE ").append(name).append(" gauge\n");
      sb.append(name).append(' ').append(e.getValue()).append('\n');
    }
    for (Map.Entry<String, SfuStats.Latency> e : stats.latencies().entrySet()) {
      appendHistogram(sb, "upcast_" + e.getKey() + "_seconds", e.getValue());
    }
    appendProcess(sb);
    Http.send(
        response,
        callback,
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
