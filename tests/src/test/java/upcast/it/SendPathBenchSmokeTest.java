package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import upcast.loadgen.SendPathBench;

/**
 * Keeps {@code ./bench.sh sendpath} from rotting: a few thousand datagrams each way must all arrive
 * at their loopback sockets, and the sending thread's CPU must be measured.
 */
class SendPathBenchSmokeTest {

  @Test
  void jdkSendsReachEveryDestination() throws Exception {
    check(SendPathBench.run(3, 3_000, 200, SendPathBench.Sender.JDK, null));
  }

  @Test
  void nettyBatchesReachEveryDestination() throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
    check(SendPathBench.run(3, 3_000, 200, SendPathBench.Sender.NETTY, null));
  }

  @Test
  void gsoBuffersArriveAsSeparateDatagrams() throws Exception {
    assumeTrue(
        SendPathBench.Sender.NETTY_GSO.available(), "UDP GSO through Netty is not available here");
    check(SendPathBench.run(3, 3_000, 200, SendPathBench.Sender.NETTY_GSO, null));
  }

  private static void check(SendPathBench.Result r) {
    assertEquals(3_000, r.sent());
    // Small datagrams into 1 MiB receive buffers drained by their own thread: none may be lost.
    assertEquals(3_000, r.received(), "every datagram delivered");
    assertTrue(r.cpuNanos() > 0 && r.userNanos() <= r.cpuNanos(), "sender CPU measured: " + r);
  }
}
