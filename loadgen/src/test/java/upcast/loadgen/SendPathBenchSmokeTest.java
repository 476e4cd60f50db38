package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code ./bench.sh sendpath} from rotting: a few hundred datagrams each way must all arrive
 * at their loopback sockets, and the sending thread's CPU must be measured.
 */
class SendPathBenchSmokeTest {

  @Test
  void jdkSendsReachEveryDestination() throws Exception {
    check(SendPathBench.run(3, 600, 200, SendPathBench.Sender.JDK, null));
  }

  @Test
  void nettyBatchesReachEveryDestination() throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
    check(SendPathBench.run(3, 600, 200, SendPathBench.Sender.NETTY, null));
  }

  @Test
  void gsoBuffersArriveAsSeparateDatagrams() throws Exception {
    assumeTrue(
        SendPathBench.Sender.NETTY_GSO.available(), "UDP GSO through Netty is not available here");
    check(SendPathBench.run(3, 600, 200, SendPathBench.Sender.NETTY_GSO, null));
  }

  @Test
  void fanOutBurstsEncryptAndSendEveryCopy() throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
    // Five bursts of three SRTP-protected copies, 1 ms apart; a failed write fails the call.
    double micros = SendPathBench.fanOutBursts(3, 5, 1, 200, null);
    assertTrue(micros > 0 && micros < 100_000, "CPU µs per copy: " + micros);
  }

  @Test
  void wakeUpCostIsMeasured() {
    double micros = SendPathBench.wakeUpCost(1, 20);
    // Twenty 1 ms sleeps cost the thread some CPU, and far less than the 20 ms they last.
    assertTrue(micros > 0 && micros < 1000, "CPU µs per wake-up: " + micros);
  }

  private static void check(SendPathBench.Result r) {
    assertEquals(600, r.sent());
    // 200 small datagrams per socket (~1 KiB each in kernel accounting) fit its receive buffer even
    // at Linux's default rmem_max (208 KiB, doubled), so none may be lost even if the draining
    // thread gets no CPU until the run is over.
    assertEquals(600, r.received(), "every datagram delivered");
    // User time comes in scheduler ticks (10 ms) and may exceed the precise total on a short run.
    assertTrue(r.cpuNanos() > 0 && r.userNanos() >= 0, "sender CPU measured: " + r);
  }
}
