package upcast.signaling;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.SfuServer;
import upcast.sfu.api.Sfu;
import upcast.sfu.api.SfuConfig;
import upcast.signaling.http.Router;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.Database;
import upcast.signaling.store.TokenStore;
import upcast.signaling.store.User;
import upcast.signaling.store.UserStore;
import upcast.signaling.ws.SignalingSocket;

/** The whole product in one process: database, SFU, and the Jetty HTTP/WebSocket server. */
public final class UpcastServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpcastServer.class);

  private final Database database;
  private final Sfu sfu;
  private final BroadcastService broadcasts;
  private final Server jetty;

  private UpcastServer(Database database, Sfu sfu, BroadcastService broadcasts, Server jetty) {
    this.database = database;
    this.sfu = sfu;
    this.broadcasts = broadcasts;
    this.jetty = jetty;
  }

  /** Opens the database, binds the media port and starts serving HTTP. */
  public static UpcastServer start(UpcastConfig config) {
    Database database = null;
    Sfu sfu = null;
    try {
      Files.createDirectories(config.dataDir());
      database =
          Database.open(config.dataDir(), config.dbUrl(), config.dbUser(), config.dbPassword());
      sfu =
          SfuServer.start(
              new SfuConfig(
                  config.bind(), config.mediaPort(), config.publicAddresses(), Clock.systemUTC()));
      Accounts accounts = new Accounts(new UserStore(database), new TokenStore(database));
      BroadcastService broadcasts =
          new BroadcastService(new BroadcastStore(database), sfu, Clock.systemUTC());

      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(config.bind().getHostAddress());
      connector.setPort(config.httpPort());
      jetty.addConnector(connector);
      WebSocketUpgradeHandler ws =
          WebSocketUpgradeHandler.from(
              jetty,
              container -> {
                container.setMaxTextMessageSize(64 * 1024);
                container.setIdleTimeout(Duration.ofMinutes(2));
                container.addMapping(
                    "/ws",
                    (request, response, callback) -> {
                      String token =
                          org.eclipse.jetty.server.Request.extractQueryParameters(request)
                              .getValue("token");
                      User user = token == null ? null : accounts.authenticate(token).orElse(null);
                      return new SignalingSocket(broadcasts, user);
                    });
              });
      ws.setHandler(new Router(accounts, broadcasts, sfu));
      jetty.setHandler(ws);
      jetty.start();
      UpcastServer server = new UpcastServer(database, sfu, broadcasts, jetty);
      LOG.info(
          "Upcast is up: http://{}:{}/ (media on UDP {})",
          config.bind().isAnyLocalAddress() ? "localhost" : config.bind().getHostAddress(),
          server.httpPort(),
          sfu.mediaPort());
      return server;
    } catch (Exception e) {
      if (sfu != null) {
        sfu.close();
      }
      if (database != null) {
        database.close();
      }
      throw new IllegalStateException("Upcast could not start: " + e.getMessage(), e);
    }
  }

  public int httpPort() {
    return ((NetworkConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  public int mediaPort() {
    return sfu.mediaPort();
  }

  /** {@code http://host:port/} of this server (loopback when bound to all interfaces). */
  public URI baseUri() {
    String host = ((NetworkConnector) jetty.getConnectors()[0]).getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return URI.create(
        "http://"
            + new InetSocketAddress(host, httpPort()).getHostString()
            + ":"
            + httpPort()
            + "/");
  }

  public Sfu sfu() {
    return sfu;
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping HTTP server", e);
    }
    broadcasts.close();
    sfu.close();
    database.close();
  }
}
