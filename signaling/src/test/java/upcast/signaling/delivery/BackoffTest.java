package upcast.signaling.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesFromTheFirstDelayWithAtMostAQuarterOfJitter() {
    Backoff b = new Backoff(Duration.ofSeconds(1));
    assertEquals(Duration.ofSeconds(1), b.base(1));
    assertEquals(Duration.ofSeconds(2), b.base(2));
    assertEquals(Duration.ofSeconds(4), b.base(3));
    assertEquals(Duration.ofHours(1), b.base(40), "capped");
    for (int i = 0; i < 200; i++) {
      long ms = b.next(3).toMillis();
      assertTrue(ms >= 4000 && ms <= 5000, "jittered " + ms);
    }
  }

  @Test
  void mapsHttpStatuses() {
    assertEquals(Outcome.Kind.DELIVERED, Outcome.ofStatus(201).kind());
    assertEquals(Outcome.Kind.RETRY, Outcome.ofStatus(500).kind());
    assertEquals(Outcome.Kind.RETRY, Outcome.ofStatus(429).kind());
    assertEquals(Outcome.Kind.FAILED, Outcome.ofStatus(400).kind());
    assertEquals(Outcome.Kind.FAILED, Outcome.ofStatus(302).kind(), "redirects are not followed");
  }
}
