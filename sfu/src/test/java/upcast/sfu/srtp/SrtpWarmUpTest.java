package upcast.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The start-up SRTP round trip that moves jitsi-srtp's engine choice off the media loop. */
class SrtpWarmUpTest {
  @Test
  void roundTripsEveryProfile() {
    assertDoesNotThrow(SrtpWarmUp::run);
  }

  @Test
  void runsInTheBackground() throws InterruptedException {
    Thread t = SrtpWarmUp.inBackground();
    assertTrue(t.isDaemon());
    t.join(60_000);
    assertTrue(!t.isAlive());
  }
}
