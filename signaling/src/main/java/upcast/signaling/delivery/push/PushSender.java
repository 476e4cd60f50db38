package upcast.signaling.delivery.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import upcast.signaling.delivery.Channel;
import upcast.signaling.delivery.HttpPoster;
import upcast.signaling.delivery.Outbox;
import upcast.signaling.delivery.Outcome;
import upcast.signaling.delivery.TargetGuard;
import upcast.signaling.store.BroadcastRecord;

/**
 * Delivers go-live notifications as Web Push messages (<a
 * href="https://www.rfc-editor.org/rfc/rfc8030#section-5">RFC 8030 §5</a>): the JSON payload
 * encrypted for the browser (RFC 8291), VAPID-signed (RFC 8292), with {@code TTL}, {@code Urgency:
 * high} and {@code Topic} = the delivery id, so a retry after a crash replaces an undelivered copy
 * at the push service instead of adding a second one (§5.4). 404/410 mean the subscription is gone
 * (§7.3): it is deleted.
 */
public final class PushSender implements Channel {
  /** How long the push service may hold the message: a live notification is stale after this. */
  static final int TTL_SECONDS = 3600;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PushSubscriptionStore subscriptions;
  private final WebPushEncryption encryption;
  private final Vapid vapid;
  private final TargetGuard guard;
  private final HttpPoster http;
  private final Clock clock;

  public PushSender(
      PushSubscriptionStore subscriptions,
      WebPushEncryption encryption,
      Vapid vapid,
      TargetGuard guard,
      HttpPoster http,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.encryption = encryption;
    this.vapid = vapid;
    this.guard = guard;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public boolean handles(Outbox.Claimed row) {
    return row.subscriptionId() != null;
  }

  /** The notification the service worker shows (web-client sw.js). */
  public static byte[] payload(BroadcastRecord b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "live");
    p.put("title", "@" + b.handle() + " is live");
    p.put("body", b.title());
    p.put("url", "/b/" + b.id());
    try {
      return JSON.writeValueAsBytes(p);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain strings", e);
    }
  }

  @Override
  public Outcome deliver(Outbox.Claimed row, BroadcastRecord broadcast) {
    Long subscriptionId = row.subscriptionId();
    Optional<PushSubscription> found =
        subscriptionId == null ? Optional.empty() : subscriptions.find(subscriptionId);
    if (found.isEmpty()) {
      return Outcome.gone("the subscription was removed");
    }
    PushSubscription s = found.get();
    URI endpoint;
    try {
      endpoint = guard.check(s.endpoint(), true);
    } catch (TargetGuard.UnsafeTargetException e) {
      return e.permanent() ? Outcome.failed(e.getMessage()) : Outcome.retry(e.getMessage());
    }
    byte[] body;
    try {
      body = encryption.encrypt(payload(broadcast), P256.unb64(s.p256dh()), P256.unb64(s.auth()));
    } catch (IllegalArgumentException e) {
      return Outcome.failed("unusable subscription keys: " + e.getMessage());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("TTL", Integer.toString(TTL_SECONDS));
    headers.put("Urgency", "high");
    headers.put("Topic", row.deliveryId());
    headers.put("Content-Type", "application/octet-stream");
    headers.put("Content-Encoding", "aes128gcm");
    headers.put("Authorization", vapid.authorization(endpoint, clock.instant()));
    int status;
    try {
      status = http.post(endpoint, headers, body);
    } catch (IOException e) {
      return Outcome.retry(e.getMessage());
    }
    if (status == 404 || status == 410) {
      subscriptions.deleteById(s.id());
      return Outcome.gone("HTTP " + status + ": the push service dropped the subscription");
    }
    return Outcome.ofStatus(status);
  }
}
