package upcast.sfu.ice;

import org.jspecify.annotations.Nullable;

/**
 * Consent freshness of one peer (RFC 7675): when it was created and when its last authenticated
 * connectivity check arrived. Read and written on one thread (the media loop).
 */
public final class Consent {
  private final long createdMillis;
  private long lastCheckMillis;
  private boolean checked;

  public Consent(long createdMillis) {
    this.createdMillis = createdMillis;
  }

  /** An authenticated check arrived at {@code nowMillis}. */
  public void refresh(long nowMillis) {
    lastCheckMillis = nowMillis;
    checked = true;
  }

  /** Whether any authenticated check arrived yet. */
  public boolean checked() {
    return checked;
  }

  /**
   * Why consent is gone at {@code nowMillis}, or null while it holds: "ice timeout" when no check
   * came within {@code timeoutMillis} of creation, "consent expired" when none came within it of
   * the last one (RFC 7675 §5.1).
   */
  public @Nullable String expiry(long nowMillis, long timeoutMillis) {
    long last = checked ? lastCheckMillis : createdMillis;
    if (nowMillis - last <= timeoutMillis) {
      return null;
    }
    return checked ? "consent expired" : "ice timeout";
  }
}
