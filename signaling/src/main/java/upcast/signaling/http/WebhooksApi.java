package upcast.signaling.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.delivery.DeliveryService;
import upcast.signaling.delivery.webhook.Webhook;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.store.User;

/** {@code POST/GET /api/me/webhooks} and {@code DELETE /api/me/webhooks/{id}}. */
final class WebhooksApi {
  private final Accounts accounts;
  private final DeliveryService delivery;

  WebhooksApi(Accounts accounts, DeliveryService delivery) {
    this.accounts = accounts;
    this.delivery = delivery;
  }

  void add(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    User user = Http.signedIn(accounts, request);
    Webhook w = delivery.webhooks().add(user, Http.text(Http.jsonBody(request), "url"));
    Map<String, Object> body = view(w);
    body.put("secret", w.secret()); // shown once, here
    Http.json(response, callback, 201, body);
  }

  void list(Request request, Response response, Callback callback) throws ApiException {
    User user = Http.signedIn(accounts, request);
    List<Map<String, Object>> out = delivery.webhooks().of(user).stream().map(this::view).toList();
    Http.json(response, callback, 200, out);
  }

  void delete(String id, Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    User user = Http.signedIn(accounts, request);
    delivery.webhooks().delete(user, id);
    Http.empty(response, callback, 204);
  }

  private Map<String, Object> view(Webhook w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id());
    m.put("url", w.url());
    m.put("createdAt", w.createdAt().toString());
    return m;
  }
}
