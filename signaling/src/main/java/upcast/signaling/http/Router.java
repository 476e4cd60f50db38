package upcast.signaling.http;

import java.net.URI;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.api.Sfu;
import upcast.signaling.chat.ChatService;
import upcast.signaling.delivery.DeliveryService;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.notify.NotificationService;
import upcast.signaling.social.SocialService;

/**
 * Maps every HTTP request to its endpoint group, adds the headers all responses share, answers CORS
 * preflights for the cross-origin surface (WHIP, WHEP and the read-only API) and renders {@link
 * ApiException}s, and domain refusals through {@link DomainErrors}, as JSON errors. A path that
 * exists but not for the method gets 405 with {@code Allow} (RFC 9110 §15.5.6).
 */
public final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  static final String ALLOW_HEADERS = "Authorization, Content-Type, If-Match";
  static final String EXPOSE_HEADERS = "Location, Link, ETag";

  private final AccountsApi accounts;
  private final BroadcastsApi broadcasts;
  private final WhipWhep whipWhep;
  private final MetricsEndpoint metrics;
  private final PushApi push;
  private final WebhooksApi webhooks;
  private final StaticPages pages = new StaticPages();
  private final WatchPage watchPage;
  private final CardImages cards;
  private final OEmbedApi oembed;
  private final CommentsApi comments;
  private final UsersApi users;
  private final NotificationsApi notifications;
  private final EventsApi events;

  /**
   * @param publicUrl the configured public base URL ({@code UPCAST_PUBLIC_URL}), or null to build
   *     absolute links from each request
   */
  public Router(
      Accounts accounts,
      BroadcastService broadcasts,
      Sfu sfu,
      DeliveryService delivery,
      ChatService chat,
      SocialService social,
      NotificationService notifications,
      @Nullable URI publicUrl) {
    this.notifications = new NotificationsApi(accounts, notifications);
    this.events = new EventsApi(accounts, notifications);
    this.users = new UsersApi(accounts, social);
    this.comments = new CommentsApi(accounts, broadcasts, chat, social);
    this.push = new PushApi(accounts, delivery);
    this.webhooks = new WebhooksApi(accounts, delivery);
    this.accounts = new AccountsApi(accounts);
    this.broadcasts = new BroadcastsApi(accounts, broadcasts, social);
    this.whipWhep = new WhipWhep(accounts, broadcasts);
    this.metrics = new MetricsEndpoint(sfu, chat::counters);
    PublicBase base = new PublicBase(publicUrl);
    this.watchPage = new WatchPage(broadcasts, base);
    this.cards = new CardImages(broadcasts);
    this.oembed = new OEmbedApi(broadcasts, base);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    SecurityHeaders.apply(response.getHeaders(), path);
    boolean crossOrigin = isCrossOrigin(path);
    if (crossOrigin) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
    }
    try {
      if (method.equals("OPTIONS") && crossOrigin) {
        preflight(path, response, callback);
      } else {
        route(path, method, request, response, callback);
      }
    } catch (ApiException e) {
      Http.discardBody(request);
      Http.error(response, callback, e);
    } catch (DomainException e) {
      Http.discardBody(request);
      Http.error(response, callback, DomainErrors.toApi(e));
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", method, path, e);
      Http.error(
          response,
          callback,
          new ApiException(500, "internal", "Something went wrong on our side."));
    }
    return true;
  }

  /** WHIP and WHEP clients and other sites' players call these from any origin. */
  private static boolean isCrossOrigin(String path) {
    return path.equals("/whip")
        || path.startsWith("/whip/")
        || path.startsWith("/whep/")
        || path.equals("/oembed")
        || path.equals("/api/broadcasts")
        || path.startsWith("/api/broadcasts/");
  }

  /**
   * Answers a CORS preflight (and a WHIP/WHEP client's OPTIONS, RFC 9725 §4.1: {@code
   * Accept-Post}).
   */
  private static void preflight(String path, Response response, Callback callback) {
    boolean readOnly = path.startsWith("/api/") || path.equals("/oembed");
    String allow = readOnly ? "GET, HEAD, OPTIONS" : "POST, PATCH, DELETE, OPTIONS";
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, allow);
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS);
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
    if (!readOnly) {
      response.getHeaders().put("Accept-Post", "application/sdp");
    }
    Http.empty(response, callback, 204);
  }

  private void route(String path, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    String[] p = path.split("/", -1); // "/a/b" → ["", "a", "b"]
    switch (p.length > 1 ? p[1] : "") {
      case "api" -> api(p, method, request, response, cb);
      case "whip" -> whip(p, method, request, response, cb);
      case "whep" -> whep(p, method, request, response, cb);
      case "b" -> broadcastPage(p, method, request, response, cb);
      case "embed" -> {
        if (p.length != 3) {
          throw ApiException.notFound("No such page.");
        }
        requireMethod(response, method, "GET", "GET, HEAD");
        watchPage.embed(p[2], response, cb);
      }
      case "oembed" -> {
        if (p.length != 2) {
          throw ApiException.notFound("No such endpoint.");
        }
        requireMethod(response, method, "GET", "GET, HEAD, OPTIONS");
        oembed.serve(request, response, cb);
      }
      case "metrics" -> {
        if (p.length != 2) {
          throw ApiException.notFound("No such endpoint.");
        }
        requireMethod(response, method, "GET", "GET, HEAD");
        metrics.serve(response, cb);
      }
      default -> {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read || !pages.serve(path, response, cb)) {
          throw ApiException.notFound("No such page: " + path);
        }
      }
    }
  }

  /** {@code /b/{id}} (the watch page with its link-preview tags) and {@code /b/{id}/card.png}. */
  private void broadcastPage(
      String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    if (p.length == 3 && !p[2].isEmpty()) {
      requireMethod(response, method, "GET", "GET, HEAD");
      watchPage.watch(p[2], request, response, cb);
    } else if (p.length == 4 && p[3].equals("card.png")) {
      requireMethod(response, method, "GET", "GET, HEAD");
      cards.serve(p[2], request, response, cb);
    } else {
      throw ApiException.notFound("No such page.");
    }
  }

  /**
   * RFC 9725 §4.2: the endpoint takes POST; the session URL takes DELETE (and PATCH, see there).
   */
  private void whip(String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    if (p.length == 2) {
      requireMethod(response, method, "POST", WhipWhep.ENDPOINT_METHODS);
      whipWhep.publish(request, response, cb);
    } else if (p.length == 3 && method.equals("DELETE")) {
      whipWhep.unpublish(p[2], request, response, cb);
    } else if (p.length == 3) {
      throw methodNotAllowed(response, WhipWhep.SESSION_METHODS, patchHint(method));
    } else {
      throw ApiException.notFound("No such endpoint.");
    }
  }

  private void whep(String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    if (p.length == 3) {
      requireMethod(response, method, "POST", WhipWhep.ENDPOINT_METHODS);
      whipWhep.view(p[2], request, response, cb);
    } else if (p.length == 4 && method.equals("DELETE")) {
      whipWhep.unview(p[2], p[3], response, cb);
    } else if (p.length == 4) {
      throw methodNotAllowed(response, WhipWhep.SESSION_METHODS, patchHint(method));
    } else {
      throw ApiException.notFound("No such endpoint.");
    }
  }

  private static String patchHint(String method) {
    return method.equals("PATCH")
        ? "This server supports neither trickle ICE nor ICE restarts; send complete offers."
        : "Use DELETE on a session URL.";
  }

  private void api(String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException, DomainException {
    String resource = p.length > 2 ? p[2] : "";
    if (resource.equals("users") && p.length == 3) {
      requireMethod(response, method, "POST", "POST");
      accounts.signUp(request, response, cb);
    } else if (resource.equals("sessions") && p.length == 3) {
      requireMethod(response, method, "POST", "POST");
      accounts.signIn(request, response, cb);
    } else if (resource.equals("broadcasts") && p.length == 3) {
      requireMethod(response, method, "GET", "GET, HEAD, OPTIONS");
      broadcasts.list(request, response, cb);
    } else if (resource.equals("broadcasts") && p.length == 4) {
      if (method.equals("PATCH")) {
        comments.patch(p[3], request, response, cb);
      } else {
        requireMethod(response, method, "GET", "GET, HEAD, OPTIONS, PATCH");
        broadcasts.get(p[3], response, cb);
      }
    } else if (resource.equals("broadcasts") && p.length == 5 && p[4].equals("comments")) {
      requireMethod(response, method, "GET", "GET, HEAD, OPTIONS");
      comments.list(p[3], request, response, cb);
    } else if (resource.equals("broadcasts") && p.length == 5 && p[4].equals("viewers")) {
      requireMethod(response, method, "GET", "GET, HEAD");
      comments.viewers(p[3], request, response, cb);
    } else if (resource.equals("broadcasts") && p.length == 5 && p[4].equals("blocks")) {
      requireMethod(response, method, "POST", "POST");
      comments.block(p[3], request, response, cb);
    } else if (resource.equals("push") && p.length == 4 && p[3].equals("key")) {
      requireMethod(response, method, "GET", "GET, HEAD");
      push.key(response, cb);
    } else if (resource.equals("me") && p.length == 4 && p[3].equals("push")) {
      if (method.equals("DELETE")) {
        push.unsubscribe(request, response, cb);
      } else {
        requireMethod(response, method, "POST", "POST, DELETE");
        push.subscribe(request, response, cb);
      }
    } else if (resource.equals("me") && p.length == 4 && p[3].equals("webhooks")) {
      if (method.equals("POST")) {
        webhooks.add(request, response, cb);
      } else {
        requireMethod(response, method, "GET", "GET, HEAD, POST");
        webhooks.list(request, response, cb);
      }
    } else if (resource.equals("me") && p.length == 5 && p[3].equals("webhooks")) {
      requireMethod(response, method, "DELETE", "DELETE");
      webhooks.delete(p[4], request, response, cb);
    } else if (resource.equals("me") && p.length == 4 && p[3].equals("notifications")) {
      requireMethod(response, method, "GET", "GET, HEAD");
      notifications.list(request, response, cb);
    } else if (resource.equals("me") && p.length == 5 && p[3].equals("notifications")) {
      if (!p[4].equals("read")) {
        throw ApiException.notFound("No such API endpoint.");
      }
      requireMethod(response, method, "POST", "POST");
      notifications.markRead(request, response, cb);
    } else if (resource.equals("me") && p.length == 4 && p[3].equals("events")) {
      requireMethod(response, method, "GET", "GET");
      events.open(request, response, cb);
    } else if (resource.equals("users") && p.length >= 4) {
      users.users(p, method, request, response, cb);
    } else if (resource.equals("me")) {
      users.me(p, method, request, response, cb);
    } else {
      throw ApiException.notFound("No such API endpoint.");
    }
  }

  /**
   * Requires {@code allowed} (GET also admits HEAD: same headers, no body), else 405 listing every
   * method of the resource in {@code Allow}.
   */
  static void requireMethod(Response response, String method, String allowed, String allow)
      throws ApiException {
    boolean ok = method.equals(allowed) || (allowed.equals("GET") && method.equals("HEAD"));
    if (!ok) {
      throw methodNotAllowed(response, allow, "Use " + allowed + " here.");
    }
  }

  private static ApiException methodNotAllowed(Response response, String allow, String message) {
    response.getHeaders().put(HttpHeader.ALLOW, allow);
    return new ApiException(405, "method_not_allowed", message);
  }

  /** Ends open event streams and their heartbeat (after the HTTP server stopped). */
  public void close() {
    events.close();
  }
}
