package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import upcast.loadgen.LoadTest;

/**
 * Keeps the load tool from rotting: a handful of synthetic viewers for a few seconds must all
 * receive media through the real SFU. (The full benchmark is {@code ./bench.sh}, not CI.)
 */
class LoadToolSmokeTest extends ServerTestBase {

  @Test
  void aHandfulOfSyntheticViewersAllReceiveMedia() throws Exception {
    LoadTest.Result r = LoadTest.run(new LoadTest.Options(server.baseUri(), 5, 1, 500_000, 2, 3));
    System.out.println(LoadTest.table(r));
    assertEquals(2, r.steps().size());
    LoadTest.Step hold = r.steps().get(0);
    assertEquals(5, hold.viewers());
    assertEquals(5, hold.receiving(), "every viewer received media");
    assertTrue(hold.packetsPerSecond() > 0);
    assertTrue(hold.firstFrameP50Millis() >= 0, "viewers saw a keyframe");
    LoadTest.Step storm = r.steps().get(1);
    assertEquals(8, storm.receiving(), "the join storm's viewers receive too");
  }
}
