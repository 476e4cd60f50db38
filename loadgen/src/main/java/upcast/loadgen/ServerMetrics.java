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

  /** A counter family's total over its {@code reason} series. */
  double sum(String family) {
    double sum = 0;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (e.getKey().equals(family) || e.getKey().startsWith(family + "{")) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /**
   * The q-quantile (µs) of a histogram's increase between two scrapes, interpolated linearly inside
   * the bucket it falls in, as Prometheus's {@code histogram_quantile} does; -1 when nothing was
   * recorded. (Until 2026-12-06 this returned the bucket's upper bound.)
   */
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
    double rank = q * total;
    double lower = 0;
    double below = 0;
    for (Map.Entry<Double, Double> e : buckets.entrySet()) {
      double cumulative = e.getValue();
      if (total > 0 && cumulative >= rank) {
        double inBucket = cumulative - below;
        double fraction = inBucket > 0 ? (rank - below) / inBucket : 1;
        return Math.round((lower + (e.getKey() - lower) * fraction) * 1e6);
      }
      lower = e.getKey();
      below = cumulative;
    }
    return -1;
  }

  /** The mean (µs) of a histogram's observations between two scrapes; -1 when there were none. */
  static double meanMicros(ServerMetrics before, ServerMetrics after, String histogram) {
    double count = after.get(histogram + "_count") - before.get(histogram + "_count");
    double sum = after.get(histogram + "_sum") - before.get(histogram + "_sum");
    return count > 0 ? sum / count * 1e6 : -1;
  }
}
