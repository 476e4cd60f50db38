package upcast.signaling.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.signaling.ApiException;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.live.LiveListener;
import upcast.signaling.store.User;

/**
 * One browser's signaling connection. A socket publishes at most one broadcast and views at most
 * one; closing the socket ends what it published and detaches what it viewed.
 */
public final class SignalingSocket implements Session.Listener.AutoDemanding, LiveListener {
  private static final Logger LOG = LoggerFactory.getLogger(SignalingSocket.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectReader READER = JSON.readerFor(SignalMessage.class);
  private static final ObjectWriter WRITER = JSON.writerFor(SignalMessage.class);

  private final BroadcastService broadcasts;
  private final User user;
  private Session session;
  private String publishing;
  private String viewing;
  private PeerSession viewerSession;

  /**
   * @param user the signed-in user, or null for an anonymous viewer
   */
  public SignalingSocket(BroadcastService broadcasts, User user) {
    this.broadcasts = broadcasts;
    this.user = user;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
  }

  @Override
  public void onWebSocketText(String text) {
    SignalMessage message;
    try {
      message = READER.readValue(text);
    } catch (JsonProcessingException e) {
      send(new SignalMessage.Error("bad_request", "Malformed message: " + e.getOriginalMessage()));
      return;
    }
    try {
      handle(message);
    } catch (ApiException e) {
      send(new SignalMessage.Error(e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("signaling message failed", e);
      send(new SignalMessage.Error("internal", "Something went wrong on our side."));
    }
  }

  private synchronized void handle(SignalMessage message) throws ApiException {
    if (message instanceof SignalMessage.Publish p) {
      publish(p);
    } else if (message instanceof SignalMessage.View v) {
      view(v);
    } else if (message instanceof SignalMessage.End) {
      if (publishing == null) {
        throw new ApiException(409, "not_live", "This connection is not broadcasting.");
      }
      broadcasts.end(publishing); // pushes "ended" to this socket too
    } else if (message instanceof SignalMessage.Ping) {
      send(new SignalMessage.Pong());
    } else {
      throw ApiException.badRequest(
          "Clients send publish, view, end or ping; not " + message.getClass().getSimpleName());
    }
  }

  private void publish(SignalMessage.Publish p) throws ApiException {
    if (user == null) {
      throw ApiException.unauthorized("Sign in to go live.");
    }
    if (publishing != null) {
      throw new ApiException(409, "already_live", "This connection is already broadcasting.");
    }
    requireOffer(p.offer());
    BroadcastService.Started started = broadcasts.start(user, p.title(), p.offer());
    publishing = started.broadcast().id();
    send(
        new SignalMessage.Published(publishing, started.session().answerSdp(), "/b/" + publishing));
    broadcasts.subscribe(publishing, this);
  }

  private void view(SignalMessage.View v) throws ApiException {
    requireOffer(v.offer());
    if (v.broadcastId() == null) {
      throw ApiException.badRequest("view needs a broadcastId.");
    }
    detachViewer();
    PeerSession s = broadcasts.view(v.broadcastId(), v.offer(), PeerListener.NONE);
    viewing = v.broadcastId();
    viewerSession = s;
    send(
        new SignalMessage.Viewing(
            viewing, s.answerSdp(), broadcasts.view(broadcasts.find(viewing))));
    broadcasts.subscribe(viewing, this);
  }

  private static void requireOffer(String offer) throws ApiException {
    if (offer == null || offer.isBlank()) {
      throw ApiException.badRequest("The message needs an SDP offer.");
    }
  }

  private void detachViewer() {
    if (viewing != null) {
      broadcasts.unsubscribe(viewing, this);
      viewerSession.close();
      viewing = null;
      viewerSession = null;
    }
  }

  @Override
  public void onViewers(String broadcastId, int count) {
    send(new SignalMessage.Viewers(broadcastId, count));
  }

  @Override
  public void onEnded(String broadcastId) {
    synchronized (this) {
      if (broadcastId.equals(publishing)) {
        publishing = null;
      }
      if (broadcastId.equals(viewing)) {
        viewing = null;
        viewerSession = null;
      }
    }
    send(new SignalMessage.Ended(broadcastId));
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    String published;
    synchronized (this) {
      published = publishing;
      publishing = null;
      detachViewer();
    }
    if (published != null) {
      broadcasts.unsubscribe(published, this);
      broadcasts.end(published);
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("signaling socket error: {}", cause.toString());
  }

  private void send(SignalMessage message) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      return;
    }
    try {
      String text = WRITER.writeValueAsString(message);
      synchronized (s) {
        s.sendText(text, Callback.NOOP);
      }
    } catch (JsonProcessingException e) {
      LOG.error("cannot encode {}", message, e);
    }
  }
}
