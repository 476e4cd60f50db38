package upcast.signaling.delivery;

import org.jspecify.annotations.Nullable;

/** What one delivery attempt came to, as the worker needs it to update the outbox. */
public record Outcome(Kind kind, @Nullable String detail) {
  public enum Kind {
    /** The receiver accepted it (2xx). */
    DELIVERED,
    /** Worth trying again later: network error, timeout, 5xx, 429. */
    RETRY,
    /** Trying again cannot help (the receiver refused the request, or the target is unsafe). */
    FAILED,
    /** The push service says the subscription is gone (404/410): drop the subscription. */
    GONE
  }

  public static Outcome delivered() {
    return new Outcome(Kind.DELIVERED, null);
  }

  public static Outcome retry(@Nullable String detail) {
    return new Outcome(Kind.RETRY, detail);
  }

  public static Outcome failed(@Nullable String detail) {
    return new Outcome(Kind.FAILED, detail);
  }

  public static Outcome gone(@Nullable String detail) {
    return new Outcome(Kind.GONE, detail);
  }

  /** Maps an HTTP status: 2xx delivered, 408/429/5xx retry, other 4xx failed. */
  public static Outcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    String detail = "HTTP " + status;
    if (status == 408 || status == 429 || status >= 500) {
      return retry(detail);
    }
    return failed(detail);
  }
}
