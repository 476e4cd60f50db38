package upcast.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** One scrape of the server's {@code /metrics} (Prometheus text), as name → value. */
record ServerMetrics(Map<String, Double> values) {

  static ServerMetrics scrape(HttpClient http, URI base) throws IOException, InterruptedException {
    String text =
        http.send(
                HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> values = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return new ServerMetrics(values);
  }

  double get(String name) {
    return values.getOrDefault(name, 0.0);
  }

  /** The q-quantile's bucket bound (µs) of a histogram's increase between two scrapes. */
  static long quantileMicros(
      ServerMetrics before, ServerMetrics after, String histogram, double q) {
    Map<Double, Double> buckets = new java.util.TreeMap<>();
    for (String key : after.values.keySet()) {
      if (key.startsWith(histogram + "_bucket{le=\"") && !key.contains("+Inf")) {
        double le = Double.parseDouble(key.substring(key.indexOf('"') + 1, key.lastIndexOf('"')));
        buckets.put(le, after.get(key) - before.get(key));
      }
    }
    double total = after.get(histogram + "_count") - before.get(histogram + "_count");
    for (Map.Entry<Double, Double> e : buckets.entrySet()) {
      if (total > 0 && e.getValue() >= q * total) {
        return Math.round(e.getKey() * 1e6);
      }
    }
    return -1;
  }
}
