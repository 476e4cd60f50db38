package upcast.signaling.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.ApiException;
import upcast.signaling.live.BroadcastService;

/** {@code GET /api/broadcasts[?live=true]} and {@code GET /api/broadcasts/{id}}. */
final class BroadcastsApi {
  private final BroadcastService broadcasts;

  BroadcastsApi(BroadcastService broadcasts) {
    this.broadcasts = broadcasts;
  }

  void list(Request request, Response response, Callback callback) throws ApiException {
    String live = Http.query(request, "live");
    boolean onlyLive = live == null || !live.equals("false");
    Http.json(response, callback, 200, onlyLive ? broadcasts.listLive() : broadcasts.listRecent());
  }

  void get(String id, Response response, Callback callback) throws ApiException {
    Http.json(response, callback, 200, broadcasts.view(broadcasts.find(id)));
  }
}
