package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeedGaugeTest {
  @Test
  void medianOfAWindowInMicros() {
    assertEquals(-1, SpeedGauge.medianMicros(new long[] {1, 2, 3, 4}));
    assertEquals(3.0, SpeedGauge.medianMicros(new long[] {9000, 1000, 3000, 2000, 4000}));
  }

  @Test
  void readsTheCpuTimeOfItsWork() throws Exception {
    try (SpeedGauge gauge = new SpeedGauge()) {
      int mark = gauge.mark();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (gauge.mark() - mark < 5 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      double micros = gauge.microsSince(mark);
      // 300,000 dependent integer operations take tens of µs or more on any machine, and well
      // under a second of CPU.
      assertTrue(micros > 10 && micros < 1_000_000, micros + " µs");
      assertEquals(-1, gauge.microsSince(gauge.mark()), "an empty window has no reading");
    }
  }
}
