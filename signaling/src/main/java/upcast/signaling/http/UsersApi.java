package upcast.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.social.SocialService;
import upcast.signaling.store.User;

/**
 * Profiles and follows: {@code /api/users/{handle}[/follow|/followers|/following]} and the
 * signed-in user's {@code /api/me}, {@code /api/me/x}, {@code /api/me/import/{twitter,csv}}
 * (docs/api.md "Profiles and follows").
 */
final class UsersApi {
  /** Largest import file accepted (an archive's following.js of ~50k follows is ~6 MB less). */
  static final int MAX_IMPORT = 5 * 1024 * 1024;

  private final Accounts accounts;
  private final SocialService social;

  UsersApi(Accounts accounts, SocialService social) {
    this.accounts = accounts;
    this.social = social;
  }

  /** {@code /api/users/{handle}...}: p = ["", "api", "users", handle, ...]. */
  void users(String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    String handle = p[3];
    String sub = p.length > 4 ? p[4] : "";
    if (p.length == 4) {
      Router.requireMethod(response, method, "GET", "GET, HEAD");
      Http.json(response, cb, 200, social.profile(handle, Http.viewer(accounts, request)));
    } else if (p.length == 5 && sub.equals("follow")) {
      User me = Http.signedIn(accounts, request);
      long followers;
      boolean following;
      if (method.equals("DELETE")) {
        followers = social.unfollow(me, handle);
        following = false;
      } else {
        Router.requireMethod(response, method, "POST", "POST, DELETE");
        followers = social.follow(me, handle);
        following = true;
      }
      Http.json(response, cb, 200, Map.of("following", following, "followers", followers));
    } else if (p.length == 5 && sub.equals("mute")) {
      User me = Http.signedIn(accounts, request);
      boolean muted = !method.equals("DELETE");
      if (muted) {
        Router.requireMethod(response, method, "PUT", "PUT, DELETE");
      }
      social.mute(me, handle, muted);
      Http.json(response, cb, 200, Map.of("muted", muted));
    } else if (p.length == 5 && (sub.equals("followers") || sub.equals("following"))) {
      Router.requireMethod(response, method, "GET", "GET, HEAD");
      Http.json(
          response,
          cb,
          200,
          social.page(
              handle,
              sub.equals("followers"),
              Http.query(request, "cursor"),
              limit(Http.query(request, "limit"))));
    } else {
      throw ApiException.notFound("No such endpoint.");
    }
  }

  /** {@code /api/me}, {@code /api/me/x}, {@code /api/me/import/{twitter,csv}}. */
  void me(String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    if (p.length == 3) {
      Router.requireMethod(response, method, "GET", "GET, HEAD");
      User me = Http.signedIn(accounts, request);
      Http.json(response, cb, 200, social.profile(me.handle(), me));
    } else if (p.length == 4 && p[3].equals("x")) {
      User me = Http.signedIn(accounts, request);
      if (method.equals("DELETE")) {
        social.unlinkX(me);
        Http.empty(response, cb, 204);
      } else {
        Router.requireMethod(response, method, "PUT", "PUT, DELETE");
        JsonNode body = Http.jsonBody(request);
        social.linkX(me, Http.text(body, "handle"), Http.text(body, "accountId"));
        Http.json(response, cb, 200, social.profile(me.handle(), me));
      }
    } else if (p.length == 5 && p[3].equals("import")) {
      Router.requireMethod(response, method, "POST", "POST");
      User me = Http.signedIn(accounts, request);
      String text = new String(Http.body(request, MAX_IMPORT), StandardCharsets.UTF_8);
      switch (p[4]) {
        case "twitter" -> Http.json(response, cb, 200, social.importArchive(me, text));
        case "csv" -> Http.json(response, cb, 200, social.importCsv(me, text));
        default -> throw ApiException.notFound("Import from twitter or csv.");
      }
    } else {
      throw ApiException.notFound("No such endpoint.");
    }
  }

  private static int limit(String limit) throws ApiException {
    if (limit == null) {
      return 50;
    }
    try {
      int n = AsciiDigits.parseInt(limit);
      if (n >= 1 && n <= SocialService.MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ApiException(
        400, "invalid_limit", "\"limit\" is 1 to " + SocialService.MAX_PAGE + ".");
  }
}
