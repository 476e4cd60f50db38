package upcast.signaling.delivery.webhook;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import upcast.signaling.delivery.TargetGuard;
import upcast.signaling.domain.DomainException.Conflict;
import upcast.signaling.domain.DomainException.InvalidInput;
import upcast.signaling.domain.DomainException.NotFound;
import upcast.signaling.store.User;

/**
 * A user's webhooks: registration (URL checked by the {@link TargetGuard}, a fresh random secret
 * shown once), listing and deletion.
 */
public final class Webhooks {
  static final int MAX_PER_USER = 10;

  private final WebhookStore store;
  private final TargetGuard guard;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Webhooks(WebhookStore store, TargetGuard guard, Clock clock) {
    this.store = store;
    this.guard = guard;
    this.clock = clock;
  }

  /** Registers a webhook; the returned record carries the secret, which is shown only now. */
  public Webhook add(User user, @Nullable String url) throws InvalidInput, Conflict {
    try {
      guard.check(url, false);
    } catch (TargetGuard.UnsafeTargetException e) {
      throw new InvalidInput("invalid_url", e.getMessage());
    }
    if (store.of(user.id()).size() >= MAX_PER_USER) {
      throw new Conflict("too_many_webhooks", "At most " + MAX_PER_USER + " webhooks per account.");
    }
    return store.create(
        "wh_" + token(12),
        user.id(),
        requireNonNull(url).trim(),
        "whsec_" + token(32),
        clock.instant());
  }

  public List<Webhook> of(User user) {
    return store.of(user.id());
  }

  public void delete(User user, String id) throws NotFound {
    if (id == null || id.length() > 24 || !store.delete(user.id(), id)) {
      throw new NotFound("You have no webhook " + id + ".");
    }
  }

  private String token(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
