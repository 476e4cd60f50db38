package upcast.signaling.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.live.LiveListener;
import upcast.signaling.store.User;

/**
 * WHIP (RFC 9725) ingest and WHEP egress: an SDP offer in, {@code 201 Created} with the SDP answer
 * and the session's {@code Location} out; {@code DELETE} on that URL ends it. The SFU is ICE-lite
 * with no trickle and no ICE restart, so the router answers {@code PATCH} with 405 (RFC 9725
 * §4.3.1).
 */
final class WhipWhep {
  private static final String SDP = "application/sdp";

  /** Methods of the WHIP and WHEP endpoint URLs (RFC 9725 §4.2). */
  static final String ENDPOINT_METHODS = "POST, OPTIONS";

  /**
   * Methods of session URLs. PATCH is absent: without trickle ICE or ICE restarts the session
   * supports PATCH for no purpose, so it answers 405 (RFC 9725 §4.3.1).
   */
  static final String SESSION_METHODS = "DELETE, OPTIONS";

  private final Accounts accounts;
  private final BroadcastService broadcasts;

  /** WHIP session id → broadcast and owner. */
  private final Map<String, Ingest> ingests = new ConcurrentHashMap<>();

  /** WHEP session id → viewer session. */
  private final Map<String, Egress> egresses = new ConcurrentHashMap<>();

  private record Ingest(String broadcastId, long ownerId) {}

  /** A WHEP viewer; {@code viewer} is the signed-in user, if a token came with the offer. */
  private record Egress(PeerSession session, @Nullable User viewer) {}

  WhipWhep(Accounts accounts, BroadcastService broadcasts) {
    this.accounts = accounts;
    this.broadcasts = broadcasts;
  }

  void publish(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    User user = Http.signedIn(accounts, request);
    String offer = Http.bodyOfType(request, SDP);
    String title = Http.query(request, "title");
    BroadcastService.Started started = broadcasts.start(user, title, offer);
    String sessionId = started.session().id();
    String broadcastId = started.broadcast().id();
    ingests.put(sessionId, new Ingest(broadcastId, user.id()));
    // Forget the session when the broadcast ends for any other reason (consent expiry, shutdown).
    broadcasts.subscribe(
        broadcastId,
        new LiveListener() {
          @Override
          public void onViewers(String id, int count) {}

          @Override
          public void onEnded(String id) {
            ingests.remove(sessionId);
          }
        });
    sendAnswer(response, callback, "/whip/" + sessionId, started.session().answerSdp());
  }

  void unpublish(String sessionId, Request request, Response response, Callback callback)
      throws ApiException {
    User user = Http.signedIn(accounts, request);
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
      throws ApiException, DomainException {
    String token = Http.bearer(request);
    User viewer = null;
    if (token != null) {
      viewer =
          accounts
              .authenticate(token)
              .orElseThrow(() -> ApiException.unauthorized("The bearer token is not valid."));
    }
    String offer = Http.bodyOfType(request, SDP);
    EgressCleanup cleanup = new EgressCleanup();
    PeerSession session = broadcasts.view(broadcastId, offer, viewer, cleanup);
    cleanup.register(session, viewer);
    sendAnswer(
        response, callback, "/whep/" + broadcastId + "/" + session.id(), session.answerSdp());
  }

  /**
   * Forgets a WHEP session the SFU closed on its own (consent expiry, broadcast end), including one
   * closed before {@link #register} ran.
   */
  private final class EgressCleanup implements PeerListener {
    private @Nullable String sessionId;
    private boolean closed;

    synchronized void register(PeerSession session, @Nullable User viewer) {
      sessionId = session.id();
      if (!closed) {
        egresses.put(sessionId, new Egress(session, viewer));
      }
    }

    @Override
    public synchronized void onClosed(String reason) {
      closed = true;
      if (sessionId != null) {
        egresses.remove(sessionId);
      }
    }
  }

  void unview(String broadcastId, String sessionId, Response response, Callback callback)
      throws ApiException {
    Egress egress = egresses.get(sessionId);
    if (egress == null || !egress.session().broadcastId().equals(broadcastId)) {
      throw ApiException.notFound("No such WHEP session.");
    }
    egresses.remove(sessionId);
    egress.session().close();
    Http.empty(response, callback, 200);
  }

  private static void sendAnswer(
      Response response, Callback callback, String location, String answer) {
    response.getHeaders().put(HttpHeader.LOCATION, location);
    Http.send(response, callback, 201, SDP, answer.getBytes(StandardCharsets.UTF_8));
  }
}
