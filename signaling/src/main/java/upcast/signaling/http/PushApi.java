package upcast.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.delivery.DeliveryService;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.store.User;

/**
 * {@code GET /api/push/key} (the VAPID key browsers subscribe with) and {@code POST/DELETE
 * /api/me/push} (a browser's {@code PushSubscription.toJSON()}).
 */
final class PushApi {
  private final Accounts accounts;
  private final DeliveryService delivery;

  PushApi(Accounts accounts, DeliveryService delivery) {
    this.accounts = accounts;
    this.delivery = delivery;
  }

  void key(Response response, Callback callback) {
    Http.json(response, callback, 200, Map.of("publicKey", delivery.vapidPublicKey()));
  }

  void subscribe(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    User user = Http.signedIn(accounts, request);
    JsonNode body = Http.jsonBody(request);
    JsonNode keys = body.path("keys");
    String endpoint = Http.text(body, "endpoint");
    boolean created =
        delivery
            .push()
            .subscribe(user, endpoint, Http.text(keys, "p256dh"), Http.text(keys, "auth"));
    Http.json(response, callback, created ? 201 : 200, Map.of("endpoint", endpoint));
  }

  void unsubscribe(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    User user = Http.signedIn(accounts, request);
    JsonNode body = Http.jsonBody(request);
    delivery.push().unsubscribe(user, Http.text(body, "endpoint"));
    Http.empty(response, callback, 204);
  }
}
