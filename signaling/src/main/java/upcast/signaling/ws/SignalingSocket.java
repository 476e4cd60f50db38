package upcast.signaling.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.signaling.domain.DomainException;
import upcast.signaling.http.ApiException;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.live.LiveListener;
import upcast.signaling.notify.NotificationHub;
import upcast.signaling.notify.NotificationSink;
import upcast.signaling.notify.NotificationView;
import upcast.signaling.store.User;

/**
 * One browser's signaling connection (docs/protocol.md). A socket publishes at most one broadcast
 * and views at most one; closing the socket ends what it published and detaches what it viewed.
 *
 * <p>Jetty delivers one socket's frames and its close one after another, so only the pushes ({@link
 * #onViewers}, {@link #onEnded}, from other threads) run concurrently with them. The state lock is
 * therefore held only to read or swap fields, never while calling out, so two sockets can never
 * wait on each other.
 */
public final class SignalingSocket
    implements Session.Listener.AutoDemanding, LiveListener, NotificationSink {
  private static final Logger LOG = LoggerFactory.getLogger(SignalingSocket.class);

  /**
   * Lenient where clients evolve (unknown fields are ignored, as in the chat), strict where a
   * message must be one JSON value (nothing after it).
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectReader READER = JSON.readerFor(SignalMessage.class);
  private static final ObjectWriter WRITER = JSON.writerFor(SignalMessage.class);

  private final BroadcastService broadcasts;
  private final NotificationHub hub;
  private final @Nullable User user;
  private final Object lock = new Object();
  private volatile @Nullable Session session;

  /** The broadcast this socket publishes, or null. Guarded by {@link #lock}. */
  private @Nullable String publishing;

  /** The broadcast this socket views and its viewer session, or null. Guarded by {@link #lock}. */
  private @Nullable String viewing;

  private @Nullable PeerSession viewerSession;

  /**
   * @param user the signed-in user, or null for an anonymous viewer
   */
  public SignalingSocket(BroadcastService broadcasts, NotificationHub hub, @Nullable User user) {
    this.broadcasts = broadcasts;
    this.hub = hub;
    this.user = user;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    if (user != null) {
      hub.register(user.id(), this); // go-live notifications while the page is open
    }
  }

  @Override
  public void send(NotificationView notification) {
    send(new SignalMessage.Notification(notification));
  }

  @Override
  public void onWebSocketText(String text) {
    SignalMessage message;
    try {
      message = READER.readValue(text);
    } catch (JsonProcessingException e) {
      send(new SignalMessage.Error("bad_request", MessageProblem.describe(e)));
      return;
    }
    try {
      handle(message);
    } catch (ApiException e) {
      send(new SignalMessage.Error(e.code(), e.getMessage()));
    } catch (DomainException e) {
      // The socket's one mapping of domain refusals: the domain's code and message, as in HTTP.
      send(new SignalMessage.Error(e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("signaling message failed", e);
      send(new SignalMessage.Error("internal", "Something went wrong on our side."));
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    send(new SignalMessage.Error("bad_request", "Send JSON text messages."));
  }

  private void handle(SignalMessage message) throws ApiException, DomainException {
    if (message instanceof SignalMessage.Publish p) {
      publish(p);
    } else if (message instanceof SignalMessage.View v) {
      view(v);
    } else if (message instanceof SignalMessage.End) {
      String published;
      synchronized (lock) {
        published = publishing;
      }
      if (published == null) {
        throw new ApiException(409, "not_live", "This connection is not broadcasting.");
      }
      broadcasts.end(published); // pushes "ended" to this socket too
    } else if (message instanceof SignalMessage.Ping) {
      send(new SignalMessage.Pong());
    } else {
      throw ApiException.badRequest(
          "Clients send publish, view, end or ping; not "
              + SignalMessage.typeName(message.getClass())
              + ".");
    }
  }

  private void publish(SignalMessage.Publish p) throws ApiException, DomainException {
    if (user == null) {
      throw ApiException.unauthorized("Sign in to go live.");
    }
    synchronized (lock) {
      if (publishing != null) {
        throw new ApiException(409, "already_live", "This connection is already broadcasting.");
      }
    }
    requireOffer(p.offer());
    BroadcastService.Started started = broadcasts.start(user, p.title(), p.offer());
    String id = started.broadcast().id();
    synchronized (lock) {
      publishing = id;
    }
    send(new SignalMessage.Published(id, started.session().answerSdp(), "/b/" + id));
    broadcasts.subscribe(id, this);
  }

  private void view(SignalMessage.View v) throws ApiException, DomainException {
    if (v.broadcastId() == null || v.broadcastId().isBlank()) {
      throw ApiException.badRequest("view needs a broadcastId.");
    }
    requireOffer(v.offer());
    detachViewer();
    PeerSession s = broadcasts.view(v.broadcastId(), v.offer(), user, PeerListener.NONE);
    synchronized (lock) {
      viewing = v.broadcastId();
      viewerSession = s;
    }
    send(
        new SignalMessage.Viewing(
            v.broadcastId(), s.answerSdp(), broadcasts.view(broadcasts.find(v.broadcastId()))));
    broadcasts.subscribe(v.broadcastId(), this);
  }

  private static void requireOffer(String offer) throws ApiException {
    if (offer == null || offer.isBlank()) {
      throw ApiException.badRequest("The message needs an SDP offer.");
    }
  }

  /** Stops viewing (if this socket views anything) and frees the viewer's media state. */
  private void detachViewer() {
    String id;
    PeerSession s;
    synchronized (lock) {
      id = viewing;
      s = viewerSession;
      viewing = null;
      viewerSession = null;
    }
    if (id != null) {
      broadcasts.unsubscribe(id, this);
      if (s != null) {
        s.close();
      }
    }
  }

  @Override
  public void onViewers(String broadcastId, int count) {
    send(new SignalMessage.Viewers(broadcastId, count));
  }

  @Override
  public void onEnded(String broadcastId) {
    boolean mine = false;
    synchronized (lock) {
      if (broadcastId.equals(publishing)) {
        publishing = null;
        mine = true;
      }
      if (broadcastId.equals(viewing)) {
        viewing = null;
        viewerSession = null; // the SFU closed it with the broadcast
        mine = true;
      }
    }
    if (mine) {
      send(new SignalMessage.Ended(broadcastId));
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    try {
      if (user != null) {
        hub.unregister(user.id(), this);
      }
      closed();
    } finally {
      callback.succeed();
    }
  }

  /** The socket is gone: end what it published, detach what it viewed. */
  private void closed() {
    session = null;
    String published;
    synchronized (lock) {
      published = publishing;
      publishing = null;
    }
    detachViewer();
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
    String text;
    try {
      text = WRITER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      LOG.error("cannot encode {}", message, e);
      return;
    }
    // Pushes come from several threads: one at a time keeps every frame whole and in order.
    synchronized (s) {
      s.sendText(text, Callback.NOOP);
    }
  }
}
