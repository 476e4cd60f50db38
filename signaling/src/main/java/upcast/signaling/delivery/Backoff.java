package upcast.signaling.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: after attempt n the next waits {@code first × 2^(n-1)} plus up
 * to a quarter more at random, so receivers that failed together are not retried in lock step.
 * Capped at one hour.
 */
final class Backoff {
  private static final Duration CAP = Duration.ofHours(1);

  private final Duration first;

  Backoff(Duration first) {
    this.first = first;
  }

  /** The undisturbed delay after {@code attempts} failed attempts (1 → first, 2 → 2 × first …). */
  Duration base(int attempts) {
    int shift = Math.max(0, Math.min(attempts - 1, 30));
    long millis = first.toMillis() << shift;
    return millis <= 0 || millis > CAP.toMillis() ? CAP : Duration.ofMillis(millis);
  }

  /** The delay to use: base plus 0–25 % jitter. */
  Duration next(int attempts) {
    Duration base = base(attempts);
    long jitter = ThreadLocalRandom.current().nextLong(base.toMillis() / 4 + 1);
    return base.plusMillis(jitter);
  }
}
