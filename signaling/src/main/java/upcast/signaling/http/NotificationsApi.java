package upcast.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.live.Accounts;
import upcast.signaling.notify.NotificationService;
import upcast.signaling.notify.NotificationView;
import upcast.signaling.store.User;

/**
 * The inbox: {@code GET /api/me/notifications} and {@code POST /api/me/notifications/read}
 * (docs/api.md "Notifications").
 */
final class NotificationsApi {
  private final Accounts accounts;
  private final NotificationService notifications;

  NotificationsApi(Accounts accounts, NotificationService notifications) {
    this.accounts = accounts;
    this.notifications = notifications;
  }

  void list(Request request, Response response, Callback callback) throws ApiException {
    User me = Http.signedIn(accounts, request);
    long before = cursor(Http.query(request, "cursor"));
    int limit = limit(Http.query(request, "limit"));
    List<NotificationView> page = notifications.page(me, before, limit + 1);
    boolean more = page.size() > limit;
    List<NotificationView> shown = more ? page.subList(0, limit) : page;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifications", shown);
    body.put("unread", notifications.unread(me));
    body.put("next", more ? shown.get(shown.size() - 1).id() : null);
    Http.json(response, callback, 200, body);
  }

  void markRead(Request request, Response response, Callback callback) throws ApiException {
    User me = Http.signedIn(accounts, request);
    JsonNode body = Http.jsonBody(request);
    List<Long> ids = null;
    if (!body.path("all").asBoolean(false)) {
      JsonNode list = body.get("ids");
      if (list == null || !list.isArray() || list.size() > 500) {
        throw new ApiException(
            400, "invalid_ids", "Send {\"ids\": [\"12\", …]} (at most 500) or {\"all\": true}.");
      }
      ids = new ArrayList<>();
      for (JsonNode id : list) {
        try {
          ids.add(AsciiDigits.parseLong(id.asText()));
        } catch (NumberFormatException e) {
          throw new ApiException(400, "invalid_ids", "\"" + id.asText() + "\" is not an id.");
        }
      }
    }
    Http.json(response, callback, 200, Map.of("unread", notifications.markRead(me, ids)));
  }

  private static long cursor(String c) throws ApiException {
    if (c == null || c.isEmpty()) {
      return 0;
    }
    try {
      return AsciiDigits.parseLong(c);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "invalid_cursor", "\"cursor\" is a \"next\" from a page.");
    }
  }

  private static int limit(String limit) throws ApiException {
    if (limit == null) {
      return 50;
    }
    try {
      int n = AsciiDigits.parseInt(limit);
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ApiException(400, "invalid_limit", "\"limit\" is 1 to 200.");
  }
}
