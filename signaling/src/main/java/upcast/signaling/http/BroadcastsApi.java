package upcast.signaling.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.social.SocialService;

/**
 * {@code GET /api/broadcasts[?live=true]} and {@code GET /api/broadcasts/{id}}. With a bearer
 * token, live broadcasts of people the user follows come first, marked {@code "followed": true}.
 */
final class BroadcastsApi {
  private final Accounts accounts;
  private final BroadcastService broadcasts;
  private final SocialService social;

  BroadcastsApi(Accounts accounts, BroadcastService broadcasts, SocialService social) {
    this.accounts = accounts;
    this.broadcasts = broadcasts;
    this.social = social;
  }

  void list(Request request, Response response, Callback callback) throws ApiException {
    String live = Http.query(request, "live");
    boolean onlyLive = live == null || !live.equals("false");
    if (!onlyLive) {
      Http.json(response, callback, 200, broadcasts.listRecent());
      return;
    }
    var viewer = Http.viewer(accounts, request);
    Http.json(response, callback, 200, social.liveFor(viewer, broadcasts.listLive()));
  }

  void get(String id, Response response, Callback callback) throws ApiException, DomainException {
    Http.json(response, callback, 200, broadcasts.view(broadcasts.find(id)));
  }
}
