package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 5's targets as the benchmark reports them for one run. */
class TargetsTest {
  /** A step with the fields the targets read; the rest zero. */
  private static LoadTest.Step step(
      String name,
      int viewers,
      double lossP99,
      long copyP50,
      long copyP99,
      double cpu,
      long heapBytes,
      long ttffP50,
      long ttffP99) {
    return new LoadTest.Step(
        name, viewers, viewers, 0, 0, 0, 0, 0, lossP99, copyP50, copyP99, 0, 0, cpu, cpu, 0, 0,
        heapBytes, 0, ttffP50, ttffP99, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  private static LoadTest.Result result(int bitrate, LoadTest.Step... steps) {
    return new LoadTest.Result(
        "upcast",
        new LoadTest.Options(URI.create("http://127.0.0.1/"), 0, 0, bitrate, 0, 0),
        List.of(steps));
  }

  @Test
  void checksEachStepAndSaysInHowManyATargetWasMet() {
    String t =
        Targets.table(
            result(
                1_500_000,
                step("step 1", 50, 0, 400, 1500, 7.5, 36 * 1024, 40, 90),
                step("step 2", 100, 0, 300, 1500, 2.9, 38 * 1024, 200, 600)));
    assertTrue(
        t.contains(
            "| SFU CPU ≤ 3 µs per forwarded packet (stretch 1.5) | step 1 (50): 7.50 µs;"
                + " step 2 (100): 2.90 µs | met in 1 of 2 steps |"),
        t);
    assertTrue(t.contains("step 2 (100): 200 / 600 ms | met in 1 of 2 steps |"), t);
    assertTrue(t.contains("step 2 (100): 38.0 KiB | **met** |"), t);
    // Loads the run did not apply are named, not judged.
    assertTrue(
        t.contains("at 500 viewers | not measured: the largest step had 100 viewers | — |"), t);
    assertTrue(t.contains("not measured: the largest step had 100 viewers at 1.5 Mbps | — |"), t);
  }

  @Test
  void judgesLatencyAndCapacityOnlyWhereTheLoadWasApplied() {
    String t =
        Targets.table(
            result(
                1_500_000,
                step("step 1", 500, 0.0, 40, 900, 4, 40 * 1024, 50, 100),
                step("step 2", 1000, 0.7, 1300, 4900, 4, 40 * 1024, 50, 100)));
    assertTrue(t.contains("step 1 (500): 40 / 900 µs; step 2 (1000): 1300 / 4900 µs"), t);
    assertTrue(t.contains("step 2 (1000): 1000 receiving, loss p99 0.70 % | not met |"), t);
    // At 300 kbps the 1.5 Mbps capacity target is not judged, whatever the viewer count.
    assertTrue(
        Targets.table(result(300_000, step("step 1", 1000, 0, 1, 1, 1, 1, 1, 1)))
            .contains("at 0.3 Mbps | — |"));
  }

  @Test
  void leavesOtherServersAlone() {
    LoadTest.Result janus = new LoadTest.Result("janus", result(1_500_000).options(), List.of());
    assertEquals("", Targets.table(janus));
  }

  @Test
  void verdicts() {
    assertEquals("**met**", Targets.verdict(3, 3));
    assertEquals("not met", Targets.verdict(0, 3));
    assertEquals("met in 2 of 3 steps", Targets.verdict(2, 3));
    assertEquals("not measured", Targets.verdict(0, 0));
  }
}
