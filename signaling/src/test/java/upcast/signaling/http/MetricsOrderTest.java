package upcast.signaling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import upcast.sfu.api.SfuStats;

/** docs/api.md "Metrics": families sorted by their printed names, counters before gauges. */
class MetricsOrderTest {

  private static List<String> families(String text, String type) {
    return Arrays.stream(text.split("\n"))
        .filter(l -> l.startsWith("# TYPE upcast_") && l.endsWith(" " + type))
        .map(l -> l.split(" ")[2])
        .toList();
  }

  @Test
  void familiesAreSortedByTheirPrintedNames() {
    // "a" sorts before "a_b", but "upcast_a_b_total" before "upcast_a_total".
    SfuStats stats =
        new SfuStats(
            Map.of("a", 1L, "a_b", 2L, "b.c", 3L, "b_b", 4L),
            Map.of("peers", 1L, "peers_x", 2L, "p.z", 3L));
    String text = MetricsEndpoint.render(stats, Map.of("a_a", 5L));
    List<String> counters = families(text, "counter");
    assertEquals(counters.stream().sorted().toList(), counters, text);
    assertEquals(5, counters.size(), text);
    List<String> gauges = families(text, "gauge");
    assertEquals(gauges.stream().sorted().toList(), gauges, text);
    assertEquals(3, gauges.size(), text);
  }
}
