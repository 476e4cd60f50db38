package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    assertEquals(0, storm.packetsUndecryptable());
  }

  /**
   * With sampled decryption the viewers still count every packet (by its clear RTP header) and
   * still authenticate a share of them: no loss, some packets decrypted, none undecryptable.
   */
  @Test
  void sampledDecryptionStillCountsEveryPacket() throws Exception {
    LoadTest.Options o =
        new LoadTest.Options(
            server.baseUri(),
            4,
            1,
            500_000,
            2,
            0,
            "upcast",
            0,
            null,
            "127.0.0.1",
            0,
            0,
            0,
            4,
            List.of());
    LoadTest.Step hold = LoadTest.run(o).steps().get(0);
    assertEquals(4, hold.receiving());
    // Packets skipped by the sample but not counted would show as sequence gaps, i.e. ~75 % loss.
    assertTrue(hold.lossP99Percent() < 1, "every packet counted: " + hold.lossP99Percent());
    assertTrue(hold.packetsDecrypted() > 0, "a sample was decrypted");
    assertTrue(
        hold.packetsDecrypted() < hold.packetsReceived() / 2,
        hold.packetsDecrypted() + " of " + hold.packetsReceived() + " decrypted, not ~1 in 4");
    assertEquals(0, hold.packetsUndecryptable());
    assertTrue(hold.endToEndP50Micros() > 0, "sampled packets carry latency");
  }
}
