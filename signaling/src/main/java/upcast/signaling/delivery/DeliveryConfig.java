package upcast.signaling.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How notifications leave the server: Web Push and webhooks (README "Settings").
 *
 * @param allowPrivateTargets deliver to loopback/private addresses and plain-http push endpoints
 *     ({@code UPCAST_WEBHOOKS_ALLOW_PRIVATE=true}); off in production, on in tests
 * @param paused enqueue but do not deliver ({@code UPCAST_DELIVERY_PAUSED=true}): for maintenance,
 *     and for tests that stop the server between enqueue and delivery
 * @param firstRetry delay before the first retry; each further retry waits twice as long
 * @param maxAttempts attempts before a delivery is given up as dead
 * @param workers threads delivering at once
 * @param vapidSubject the VAPID {@code sub} claim, a contact push services can reach (RFC 8292
 *     §2.1): {@code mailto:} or {@code https:} ({@code UPCAST_VAPID_SUBJECT})
 */
public record DeliveryConfig(
    boolean allowPrivateTargets,
    boolean paused,
    Duration firstRetry,
    int maxAttempts,
    int workers,
    String vapidSubject) {

  public DeliveryConfig {
    Objects.requireNonNull(firstRetry, "firstRetry");
    if (firstRetry.isNegative() || firstRetry.isZero()) {
      throw new IllegalArgumentException("firstRetry must be positive");
    }
    if (maxAttempts < 1 || workers < 1) {
      throw new IllegalArgumentException("maxAttempts and workers must be at least 1");
    }
    vapidSubject = checkSubject(vapidSubject);
  }

  /**
   * Production defaults: public targets only, 1 s first retry, 10 attempts (~17 min), 4 workers.
   */
  public static DeliveryConfig defaults() {
    return new DeliveryConfig(false, false, Duration.ofSeconds(1), 10, 4, DEFAULT_SUBJECT);
  }

  static final String DEFAULT_SUBJECT = "mailto:postmaster@localhost";

  /** For tests on loopback: private targets allowed, quick retries. */
  public static DeliveryConfig forTests() {
    return new DeliveryConfig(true, false, Duration.ofMillis(100), 5, 2, DEFAULT_SUBJECT);
  }

  public DeliveryConfig withAllowPrivateTargets(boolean allow) {
    return new DeliveryConfig(allow, paused, firstRetry, maxAttempts, workers, vapidSubject);
  }

  public DeliveryConfig withPaused(boolean p) {
    return new DeliveryConfig(
        allowPrivateTargets, p, firstRetry, maxAttempts, workers, vapidSubject);
  }

  public DeliveryConfig withRetries(Duration first, int attempts) {
    return new DeliveryConfig(allowPrivateTargets, paused, first, attempts, workers, vapidSubject);
  }

  /** Reads the process environment (see {@link #fromEnv(Map)}). */
  public static DeliveryConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Reads the environment; throws {@link IllegalArgumentException} naming a bad variable. */
  public static DeliveryConfig fromEnv(Map<String, String> env) {
    DeliveryConfig d = defaults();
    String subject = env.get("UPCAST_VAPID_SUBJECT");
    return new DeliveryConfig(
        flag(env, "UPCAST_WEBHOOKS_ALLOW_PRIVATE"),
        flag(env, "UPCAST_DELIVERY_PAUSED"),
        d.firstRetry(),
        d.maxAttempts(),
        d.workers(),
        subject == null || subject.isBlank() ? DEFAULT_SUBJECT : subject.trim());
  }

  private static boolean flag(Map<String, String> env, String name) {
    String v = env.getOrDefault(name, "").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "false", "0", "no" -> false;
      case "true", "1", "yes" -> true;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, not '" + v + "'");
    };
  }

  private static String checkSubject(String subject) {
    Objects.requireNonNull(subject, "vapidSubject");
    boolean ok;
    try {
      URI uri = URI.create(subject);
      ok =
          ("mailto".equals(uri.getScheme()) && subject.length() > 7)
              || ("https".equals(uri.getScheme()) && uri.getHost() != null);
    } catch (IllegalArgumentException e) {
      ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "UPCAST_VAPID_SUBJECT must be a mailto: or https: URL, not '" + subject + "'");
    }
    return subject;
  }
}
