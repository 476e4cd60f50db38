package upcast.signaling.delivery.push;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import upcast.signaling.delivery.TargetGuard;
import upcast.signaling.domain.DomainException.Conflict;
import upcast.signaling.domain.DomainException.InvalidInput;
import upcast.signaling.domain.DomainException.NotFound;
import upcast.signaling.store.User;

/**
 * Registering and removing browsers for Web Push, with the checks a stored subscription must pass:
 * an https endpoint on a public host (the server will POST there), a {@code p256dh} that is a P-256
 * point and a 16-byte {@code auth} secret (RFC 8291 §3.1–3.2).
 */
public final class PushSubscriptions {
  /** Browsers per user: a person has a handful of devices, not hundreds. */
  static final int MAX_PER_USER = 20;

  private final PushSubscriptionStore store;
  private final TargetGuard guard;
  private final Clock clock;

  public PushSubscriptions(PushSubscriptionStore store, TargetGuard guard, Clock clock) {
    this.store = store;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * Stores the browser's subscription for {@code user}.
   *
   * @return true if it is new, false if the endpoint was known and got updated
   */
  public boolean subscribe(
      User user, @Nullable String endpoint, @Nullable String p256dh, @Nullable String auth)
      throws InvalidInput, Conflict {
    if (endpoint == null || endpoint.length() > 1024) {
      throw invalid("endpoint is required, at most 1024 characters.");
    }
    try {
      guard.check(endpoint, true);
    } catch (TargetGuard.UnsafeTargetException e) {
      throw invalid("endpoint: " + e.getMessage());
    }
    byte[] key = decode(p256dh, "keys.p256dh");
    try {
      P256.publicKey(key);
    } catch (IllegalArgumentException e) {
      throw invalid("keys.p256dh must be a 65-byte uncompressed P-256 point, base64url.");
    }
    if (decode(auth, "keys.auth").length != 16) {
      throw invalid("keys.auth must be 16 bytes, base64url.");
    }
    if (store.countOf(user.id()) >= MAX_PER_USER) {
      throw new Conflict(
          "too_many_subscriptions", "At most " + MAX_PER_USER + " browsers per account.");
    }
    // decode refused null keys above
    return store.save(
        user.id(), endpoint, requireNonNull(p256dh), requireNonNull(auth), clock.instant());
  }

  /** Removes one of the user's browsers; not found if the user has no such endpoint. */
  public void unsubscribe(User user, @Nullable String endpoint) throws NotFound {
    if (endpoint == null || !store.delete(user.id(), endpoint)) {
      throw new NotFound("You have no push subscription with this endpoint.");
    }
  }

  private static byte[] decode(@Nullable String value, String field) throws InvalidInput {
    if (value == null || value.length() > 100) {
      throw invalid(field + " is required (base64url).");
    }
    try {
      return P256.unb64(value);
    } catch (IllegalArgumentException e) {
      throw invalid(field + " is not base64url.");
    }
  }

  private static InvalidInput invalid(String message) {
    return new InvalidInput("invalid_subscription", message);
  }
}
