package upcast.signaling.ws;

import java.time.Duration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.notify.NotificationHub;
import upcast.signaling.store.User;

/**
 * The {@code /ws} endpoint: upgrades the request and opens a {@link SignalingSocket} for the user
 * of the optional {@code ?token=} (browsers cannot set headers on WebSocket requests).
 */
public final class SignalingEndpoint {
  /** Largest message accepted; SDP offers are a few KiB. Larger frames close the socket (1009). */
  public static final int MAX_MESSAGE = 64 * 1024;

  /** Pages ping every 20 s; a socket silent for longer than this is gone. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  private SignalingEndpoint() {}

  /** Adds the upgrade handler to {@code server}; other requests go to its child handler. */
  public static WebSocketUpgradeHandler install(
      Server server, Accounts accounts, BroadcastService broadcasts, NotificationHub hub) {
    return WebSocketUpgradeHandler.from(
        server,
        container -> {
          container.setMaxTextMessageSize(MAX_MESSAGE);
          container.setMaxBinaryMessageSize(MAX_MESSAGE);
          container.setIdleTimeout(IDLE_TIMEOUT);
          container.addMapping(
              "/ws",
              (request, response, callback) -> {
                String token;
                try {
                  token = Request.extractQueryParameters(request).getValue("token");
                } catch (RuntimeException e) {
                  token = null; // an undecodable token is no token: the socket is anonymous
                }
                User user = token == null ? null : accounts.authenticate(token).orElse(null);
                return new SignalingSocket(broadcasts, hub, user);
              });
        });
  }
}
