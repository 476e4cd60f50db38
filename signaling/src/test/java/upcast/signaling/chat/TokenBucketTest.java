package upcast.signaling.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void burstThenOnePerSecond() {
    TokenBucket b = new TokenBucket(3, 1.0, 0);
    assertTrue(b.tryTake(0));
    assertTrue(b.tryTake(0));
    assertTrue(b.tryTake(0));
    assertFalse(b.tryTake(0));
    assertFalse(b.tryTake(SECOND / 2));
    assertTrue(b.tryTake(SECOND));
    assertFalse(b.tryTake(SECOND));
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    TokenBucket b = new TokenBucket(3, 1.0, 0);
    long later = 3600 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertTrue(b.tryTake(later));
    }
    assertFalse(b.tryTake(later));
  }
}
