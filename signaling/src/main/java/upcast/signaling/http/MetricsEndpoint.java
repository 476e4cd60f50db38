package upcast.signaling.http;

import java.nio.charset.StandardCharsets;
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
    Http.send(
        response,
        callback,
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
