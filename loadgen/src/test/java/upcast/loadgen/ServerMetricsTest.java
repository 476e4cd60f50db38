package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quantiles and means of the server's Prometheus histograms between two scrapes. */
class ServerMetricsTest {
  private static final String H = "upcast_send_latency_seconds";

  /** A scrape with cumulative buckets (le in seconds → count), then sum and count. */
  private static ServerMetrics scrape(double sum, double... leAndCumulative) {
    Map<String, Double> v = new HashMap<>();
    for (int i = 0; i < leAndCumulative.length; i += 2) {
      v.put(H + "_bucket{le=\"" + leAndCumulative[i] + "\"}", leAndCumulative[i + 1]);
    }
    double count = leAndCumulative[leAndCumulative.length - 1];
    v.put(H + "_bucket{le=\"+Inf\"}", count);
    v.put(H + "_sum", sum);
    v.put(H + "_count", count);
    return new ServerMetrics(v);
  }

  @Test
  void interpolatesInsideTheBucketLikePrometheus() {
    ServerMetrics before = scrape(0, 0.0001, 0, 0.0005, 0, 0.001, 0);
    // 100 observations: 20 up to 100 µs, 60 in (100, 500] µs, 20 in (500, 1000] µs.
    ServerMetrics after = scrape(0.03, 0.0001, 20, 0.0005, 80, 0.001, 100);
    // The median is rank 50: 30 of the 60 in (100, 500] → 100 + 400 × 30/60 = 300 µs.
    assertEquals(300, ServerMetrics.quantileMicros(before, after, H, 0.5));
    // p99 is rank 99: 19 of the 20 in (500, 1000] → 500 + 500 × 19/20 = 975 µs.
    assertEquals(975, ServerMetrics.quantileMicros(before, after, H, 0.99));
    // The first bucket starts at 0.
    assertEquals(50, ServerMetrics.quantileMicros(before, after, H, 0.1));
    assertEquals(300.0, ServerMetrics.meanMicros(before, after, H), 1e-9);
  }

  @Test
  void countsOnlyWhatHappenedBetweenTheScrapes() {
    ServerMetrics before = scrape(1.0, 0.0001, 50, 0.0005, 50, 0.001, 50);
    ServerMetrics after = scrape(1.05, 0.0001, 50, 0.0005, 50, 0.001, 150);
    assertEquals(750, ServerMetrics.quantileMicros(before, after, H, 0.5));
    assertEquals(500.0, ServerMetrics.meanMicros(before, after, H), 1e-6);
  }

  @Test
  void saysNothingWithoutObservations() {
    ServerMetrics same = scrape(0.2, 0.0001, 5, 0.0005, 5, 0.001, 5);
    assertEquals(-1, ServerMetrics.quantileMicros(same, same, H, 0.5));
    assertEquals(-1.0, ServerMetrics.meanMicros(same, same, H));
  }
}
