package upcast.signaling.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.signaling.ApiException;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.store.User;

/**
 * WHIP (RFC 9725) ingest and WHEP egress: an SDP offer in, {@code 201 Created} with the SDP answer
 * and the session's {@code Location} out; {@code DELETE} on that URL ends it. The SFU is ICE-lite
 * with no trickle and no ICE restart, so {@code PATCH} gets 405 (RFC 9725 §4.3.1).
 */
final class WhipWhep {
  private static final String SDP = "application/sdp";

  private final Accounts accounts;
  private final BroadcastService broadcasts;

  /** WHIP session id → broadcast and owner. */
  private final Map<String, Ingest> ingests = new ConcurrentHashMap<>();

  /** WHEP session id → viewer session. */
  private final Map<String, Egress> egresses = new ConcurrentHashMap<>();

  private record Ingest(String broadcastId, long ownerId) {}

  /** A WHEP viewer; {@code viewer} is the signed-in user, if a token came with the offer. */
  private record Egress(PeerSession session, User viewer) {}

  WhipWhep(Accounts accounts, BroadcastService broadcasts) {
    this.accounts = accounts;
    this.broadcasts = broadcasts;
  }

  void publish(Request request, Response response, Callback callback) throws ApiException {
    User user = requireUser(request);
    String offer = Http.bodyOfType(request, SDP);
    String title = Request.extractQueryParameters(request).getValue("title");
    BroadcastService.Started started = broadcasts.start(user, title, offer);
    String sessionId = started.session().id();
    ingests.put(sessionId, new Ingest(started.broadcast().id(), user.id()));
    sendAnswer(response, callback, "/whip/" + sessionId, started.session().answerSdp());
  }

  void unpublish(String sessionId, Request request, Response response, Callback callback)
      throws ApiException {
    User user = requireUser(request);
    Ingest ingest = ingests.get(sessionId);
    if (ingest == null) {
      throw ApiException.notFound("No such WHIP session.");
    }
    if (ingest.ownerId() != user.id()) {
      throw ApiException.forbidden("This broadcast is not yours.");
    }
    ingests.remove(sessionId);
    broadcasts.end(ingest.broadcastId());
    Http.empty(response, callback, 200);
  }

  void view(String broadcastId, Request request, Response response, Callback callback)
      throws ApiException {
    String token = Http.bearer(request);
    User viewer = null;
    if (token != null) {
      viewer =
          accounts
              .authenticate(token)
              .orElseThrow(() -> ApiException.unauthorized("The bearer token is not valid."));
    }
    String offer = Http.bodyOfType(request, SDP);
    String[] idHolder = new String[1];
    PeerSession session =
        broadcasts.view(
            broadcastId,
            offer,
            new PeerListener() {
              @Override
              public void onClosed(String reason) {
                if (idHolder[0] != null) {
                  egresses.remove(idHolder[0]);
                }
              }
            });
    idHolder[0] = session.id();
    egresses.put(session.id(), new Egress(session, viewer));
    sendAnswer(
        response, callback, "/whep/" + broadcastId + "/" + session.id(), session.answerSdp());
  }

  void unview(String broadcastId, String sessionId, Response response, Callback callback)
      throws ApiException {
    Egress egress = egresses.remove(sessionId);
    if (egress == null || !egress.session().broadcastId().equals(broadcastId)) {
      throw ApiException.notFound("No such WHEP session.");
    }
    egress.session().close();
    Http.empty(response, callback, 200);
  }

  /** RFC 9725 §4.3.1: a server without trickle ICE or ICE restart answers PATCH with 405. */
  void patch(Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.ALLOW, "DELETE, OPTIONS");
    Http.error(
        response,
        callback,
        new ApiException(
            405,
            "method_not_allowed",
            "This server does not support trickle ICE or ICE restarts; send complete offers."));
  }

  private User requireUser(Request request) throws ApiException {
    String token = Http.bearer(request);
    if (token == null) {
      throw ApiException.unauthorized("Send Authorization: Bearer <token>.");
    }
    return accounts
        .authenticate(token)
        .orElseThrow(() -> ApiException.unauthorized("The bearer token is not valid."));
  }

  private static void sendAnswer(
      Response response, Callback callback, String location, String answer) {
    response.getHeaders().put(HttpHeader.LOCATION, location);
    Http.send(response, callback, 201, SDP, answer.getBytes(StandardCharsets.UTF_8));
  }
}
