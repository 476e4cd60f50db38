package upcast.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;

/** {@code POST /api/users} (sign up) and {@code POST /api/sessions} (sign in). */
final class AccountsApi {
  private final Accounts accounts;

  AccountsApi(Accounts accounts) {
    this.accounts = accounts;
  }

  void signUp(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    JsonNode body = Http.jsonBody(request);
    Accounts.Session s = accounts.signUp(Http.text(body, "handle"), Http.text(body, "password"));
    Http.json(
        response,
        callback,
        201,
        Map.of(
            "id", Long.toString(s.user().id()), "handle", s.user().handle(), "token", s.token()));
  }

  void signIn(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    JsonNode body = Http.jsonBody(request);
    Accounts.Session s = accounts.signIn(Http.text(body, "handle"), Http.text(body, "password"));
    Http.json(response, callback, 200, Map.of("token", s.token(), "handle", s.user().handle()));
  }
}
