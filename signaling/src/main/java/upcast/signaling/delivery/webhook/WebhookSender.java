package upcast.signaling.delivery.webhook;

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
 * Delivers go-live events to webhooks: a JSON POST signed with {@code Upcast-Signature} and
 * carrying {@code Upcast-Delivery} = the delivery id, the same on every retry so receivers can drop
 * a repeat (docs/api.md "Webhooks"). The URL is checked against the {@link TargetGuard} again right
 * before sending: its DNS may have changed since registration.
 */
public final class WebhookSender implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookStore webhooks;
  private final TargetGuard guard;
  private final HttpPoster http;
  private final Clock clock;

  public WebhookSender(WebhookStore webhooks, TargetGuard guard, HttpPoster http, Clock clock) {
    this.webhooks = webhooks;
    this.guard = guard;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public boolean handles(Outbox.Claimed row) {
    return row.webhookId() != null;
  }

  /** The event body; identical on every attempt of one delivery. */
  public static byte[] body(Outbox.Claimed row, BroadcastRecord b) {
    Map<String, Object> broadcast = new LinkedHashMap<>();
    broadcast.put("id", b.id());
    broadcast.put("title", b.title());
    broadcast.put("url", "/b/" + b.id());
    broadcast.put("startedAt", b.startedAt().toString());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "broadcast.live");
    event.put("deliveryId", row.deliveryId());
    event.put("broadcast", broadcast);
    event.put("broadcaster", Map.of("handle", b.handle()));
    event.put("at", row.createdAt().toString());
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain strings", e);
    }
  }

  @Override
  public Outcome deliver(Outbox.Claimed row, BroadcastRecord broadcast) {
    Optional<Webhook> found = webhooks.find(row.webhookId());
    if (found.isEmpty()) {
      return Outcome.gone("the webhook was deleted");
    }
    Webhook w = found.get();
    URI uri;
    try {
      uri = guard.check(w.url(), false);
    } catch (TargetGuard.UnsafeTargetException e) {
      return e.permanent() ? Outcome.failed(e.getMessage()) : Outcome.retry(e.getMessage());
    }
    byte[] body = body(row, broadcast);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Upcast-Delivery", row.deliveryId());
    headers.put("Upcast-Event", "broadcast.live");
    headers.put(
        "Upcast-Signature",
        WebhookSignature.header(w.secret(), clock.instant().getEpochSecond(), body));
    try {
      return Outcome.ofStatus(http.post(uri, headers, body));
    } catch (IOException e) {
      return Outcome.retry(e.getMessage());
    }
  }
}
