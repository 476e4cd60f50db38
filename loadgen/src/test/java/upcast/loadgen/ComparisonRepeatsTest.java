package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary of repeated Upcast/Janus comparisons ({@code ./bench.sh --repeat N}). */
class ComparisonRepeatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One comparison with one step: Upcast and Janus CPU µs per received packet. */
  @SuppressWarnings("ReferenceEquality") // which of the two nodes, not what they hold
  private static ObjectNode run(double upcastMicros, double janusMicros) {
    ObjectNode upcast = JSON.createObjectNode();
    ObjectNode janus = JSON.createObjectNode();
    for (ObjectNode side : List.of(upcast, janus)) {
      ObjectNode step = side.putArray("steps").addObject();
      step.put("name", "step 1");
      step.put("viewers", 50);
      step.put("serverCpuMicrosPerReceivedPacket", side == upcast ? upcastMicros : janusMicros);
      step.put("speedGaugeMicros", side == upcast ? 100 : 150);
    }
    return Comparison.compare(upcast, janus);
  }

  @Test
  void givesEachRunsRatioTheirMedianAndRange() {
    ObjectNode summary = Comparison.repeats(List.of(run(8, 32), run(5, 40), run(7, 28)));
    var step = summary.path("steps").get(0);
    assertEquals(3, summary.path("runs").asInt());
    assertEquals(3, step.path("packetsPerCpuSecondRatios").size());
    assertEquals(4.0, step.path("packetsPerCpuSecondRatios").get(0).asDouble(), 1e-9);
    assertEquals(4.0, step.path("medianRatio").asDouble(), 1e-9); // 4, 8, 4
    assertEquals(4.0, step.path("minRatio").asDouble(), 1e-9);
    assertEquals(8.0, step.path("maxRatio").asDouble(), 1e-9);
    assertEquals(7.0, step.path("medianUpcastCpuMicrosPerPacket").asDouble(), 1e-9);
    assertEquals(32.0, step.path("medianJanusCpuMicrosPerPacket").asDouble(), 1e-9);
    String table = Comparison.repeatsTable(summary);
    assertTrue(
        table.contains(
            "| step 1 (50) | 4.00×, 8.00×, 4.00× | **4.00×** | 4.00–8.00× | 7 / 32"
                + " | 100 / 150, 100 / 150, 100 / 150 |"),
        table);
    assertTrue(
        Targets.janusTable(summary, "medianRatio")
            .contains("(median of the runs) | step 1 (50): 4.00× | not met |"));
    assertTrue(
        Targets.janusTable(run(4, 40), "packetsPerCpuSecondRatio")
            .contains("same run | step 1 (50): 10.00× | **met** |"));
  }

  @Test
  void leavesOutRunsWithoutARatio() {
    // Janus measured nothing in the second run: its ratio is n/a and must not become the minimum.
    ObjectNode summary = Comparison.repeats(List.of(run(8, 32), run(5, -1)));
    var step = summary.path("steps").get(0);
    assertEquals(4.0, step.path("medianRatio").asDouble(), 1e-9);
    assertEquals(4.0, step.path("minRatio").asDouble(), 1e-9);
    assertEquals(6.5, step.path("medianUpcastCpuMicrosPerPacket").asDouble(), 1e-9);
    assertTrue(Comparison.repeatsTable(summary).contains("4.00×, n/a"));
  }
}
