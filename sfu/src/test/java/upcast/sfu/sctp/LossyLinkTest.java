package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 10 % loss, duplicates and reordering (seeded): exactly once, and in order where ordered. */
class LossyLinkTest {
  @Test
  void everyMessageArrivesExactlyOnceAndInOrder() {
    for (long seed = 100; seed < 106; seed++) {
      runScenario(seed);
    }
  }

  private static void runScenario(long seed) {
    Link l = new Link(seed);
    l.loss = 0.10;
    l.duplicate = 0.05;
    l.reorder = 0.20;
    assertTrue(l.handshake(), "handshake, seed " + seed);
    DataChannel ordered = l.a.openChannel("ordered");
    DataChannel unordered = l.a.openChannel("unordered", "", ChannelType.RELIABLE_UNORDERED, 0, 0);
    DataChannel back = l.b.openChannel("back");
    Random r = new Random(seed);
    List<byte[]> sentOrdered = new ArrayList<>();
    Map<String, Integer> sentUnordered = new HashMap<>();
    List<Object> sentBack = new ArrayList<>();
    int sends = 0;
    for (int round = 0; round < 30; round++) {
      for (int i = 0; i < 10; i++) {
        byte[] m = new byte[1 + r.nextInt(r.nextInt(10) == 0 ? 70_000 : 3_000)];
        r.nextBytes(m);
        m[0] = (byte) sends++;
        if (ordered.sendBinary(m) == SendResult.OK) {
          sentOrdered.add(m);
        }
        String u = "u-" + round + "-" + i;
        if (unordered.sendText(u) == SendResult.OK) {
          sentUnordered.merge(u, 1, Integer::sum);
        }
        String t = "b-" + round + "-" + i;
        if (back.sendText(t) == SendResult.OK) {
          sentBack.add(t);
        }
      }
      l.runFor(50);
    }
    int total = sentOrdered.size() + sentUnordered.size();
    assertTrue(
        l.runUntil(
            () -> l.rb.messageCount >= total && l.ra.messageCount >= sentBack.size(), 600_000),
        "delivery, seed " + seed);
    l.runFor(5_000); // anything extra (a duplicate delivery) would show up now
    List<Object> got = l.rb.on(ordered.id());
    assertEquals(sentOrdered.size(), got.size(), "ordered count, seed " + seed);
    for (int i = 0; i < got.size(); i++) {
      assertArrayEquals(sentOrdered.get(i), (byte[]) got.get(i), "message " + i + " seed " + seed);
    }
    Map<Object, Integer> gotU = new HashMap<>();
    for (Object o : l.rb.on(unordered.id())) {
      gotU.merge(o, 1, Integer::sum);
    }
    assertEquals(new HashMap<Object, Integer>(sentUnordered), gotU, "unordered, seed " + seed);
    assertEquals(sentBack, l.ra.on(back.id()), "reverse direction, seed " + seed);
    System.out.printf(
        "seed %d: %d ordered + %d unordered + %d back, %d retransmissions, %d ms simulated%n",
        seed,
        sentOrdered.size(),
        sentUnordered.size(),
        sentBack.size(),
        l.counter(l.metricsA, "sctp_chunks_retransmitted"),
        l.timers.nowMillis() - 1_000_000);
    assertTrue(
        l.counter(l.metricsA, "sctp_chunks_retransmitted") > 0, "loss caused retransmissions");
    assertEquals(0, l.b.probe().reassemblyBytes());
    assertTrue(l.runUntil(() -> l.a.probe().sendBufferedBytes() == 0, 60_000));

    // Closing channels and the association also survive the lossy link.
    ordered.close();
    requireNonNull(l.rb.openedWithLabel("unordered")).close();
    assertTrue(
        l.runUntil(() -> l.ra.closed.size() == 2 && l.rb.closed.size() == 2, 120_000),
        "channel close, seed " + seed);
    assertEquals(1, l.a.channels().size());
    back.sendText("after close");
    assertTrue(l.runUntil(() -> l.ra.on(back.id()).size() == sentBack.size() + 1, 60_000));
    l.b.close();
    assertTrue(
        l.runUntil(() -> l.ra.closedReason != null && l.rb.closedReason != null, 300_000),
        "shutdown, seed " + seed);
    assertEquals(3, l.ra.closed.size());
  }
}
