package upcast.signaling.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.api.Sfu;
import upcast.signaling.ApiException;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;

/**
 * Maps every HTTP request to its endpoint, adds the headers all responses share, answers CORS
 * preflights for the cross-origin surface (WHIP, WHEP and the read-only API) and renders {@link
 * ApiException}s as JSON errors.
 */
public final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final AccountsApi accounts;
  private final BroadcastsApi broadcasts;
  private final WhipWhep whipWhep;
  private final MetricsEndpoint metrics;
  private final StaticPages pages = new StaticPages();

  public Router(Accounts accounts, BroadcastService broadcasts, Sfu sfu) {
    this.accounts = new AccountsApi(accounts);
    this.broadcasts = new BroadcastsApi(broadcasts);
    this.whipWhep = new WhipWhep(accounts, broadcasts);
    this.metrics = new MetricsEndpoint(sfu);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("X-Frame-Options", "DENY");
    response.getHeaders().put("Referrer-Policy", "strict-origin-when-cross-origin");
    boolean crossOrigin = isCrossOrigin(path, method);
    if (crossOrigin) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, Link, ETag");
    }
    try {
      if (method.equals("OPTIONS") && crossOrigin) {
        response
            .getHeaders()
            .put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, DELETE, PATCH, OPTIONS");
        response
            .getHeaders()
            .put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, If-Match");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
        response.getHeaders().put("Accept-Post", "application/sdp");
        Http.empty(response, callback, 204);
        return true;
      }
      route(path, method, request, response, callback);
    } catch (ApiException e) {
      Http.error(response, callback, e);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", method, path, e);
      Http.error(
          response,
          callback,
          new ApiException(500, "internal", "Something went wrong on our side."));
    }
    return true;
  }

  private static boolean isCrossOrigin(String path, String method) {
    return path.equals("/whip")
        || path.startsWith("/whip/")
        || path.startsWith("/whep/")
        || (path.startsWith("/api/broadcasts")
            && (method.equals("GET") || method.equals("OPTIONS")));
  }

  private void route(String path, String method, Request request, Response response, Callback cb)
      throws ApiException {
    String[] p = path.split("/", -1); // "/a/b" → ["", "a", "b"]
    switch (p.length > 1 ? p[1] : "") {
      case "api" -> api(p, method, request, response, cb);
      case "whip" -> {
        if (p.length == 2 && method.equals("POST")) {
          whipWhep.publish(request, response, cb);
        } else if (p.length == 3 && method.equals("DELETE")) {
          whipWhep.unpublish(p[2], request, response, cb);
        } else if (p.length == 3 && method.equals("PATCH")) {
          whipWhep.patch(response, cb);
        } else {
          throw notAllowedOrNotFound(p.length <= 3);
        }
      }
      case "whep" -> {
        if (p.length == 3 && method.equals("POST")) {
          whipWhep.view(p[2], request, response, cb);
        } else if (p.length == 4 && method.equals("DELETE")) {
          whipWhep.unview(p[2], p[3], response, cb);
        } else if (p.length == 4 && method.equals("PATCH")) {
          whipWhep.patch(response, cb);
        } else {
          throw notAllowedOrNotFound(p.length == 3 || p.length == 4);
        }
      }
      case "metrics" -> metrics.serve(response, cb);
      default -> {
        if (!(method.equals("GET") || method.equals("HEAD")) || !pages.serve(path, response, cb)) {
          throw ApiException.notFound("No such page: " + path);
        }
      }
    }
  }

  private void api(String[] p, String method, Request request, Response response, Callback cb)
      throws ApiException {
    String resource = p.length > 2 ? p[2] : "";
    if (resource.equals("users") && p.length == 3) {
      requireMethod(method, "POST");
      accounts.signUp(request, response, cb);
    } else if (resource.equals("sessions") && p.length == 3) {
      requireMethod(method, "POST");
      accounts.signIn(request, response, cb);
    } else if (resource.equals("broadcasts") && p.length == 3) {
      requireMethod(method, "GET");
      broadcasts.list(request, response, cb);
    } else if (resource.equals("broadcasts") && p.length == 4) {
      requireMethod(method, "GET");
      broadcasts.get(p[3], response, cb);
    } else {
      throw ApiException.notFound("No such API endpoint.");
    }
  }

  private static void requireMethod(String method, String allowed) throws ApiException {
    if (!method.equals(allowed)) {
      throw new ApiException(405, "method_not_allowed", "Use " + allowed + " here.");
    }
  }

  private static ApiException notAllowedOrNotFound(boolean knownPath) {
    return knownPath
        ? new ApiException(405, "method_not_allowed", "That method is not allowed here.")
        : ApiException.notFound("No such endpoint.");
  }
}
