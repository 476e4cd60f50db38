package upcast.signaling;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.SfuServer;
import upcast.sfu.api.Sfu;
import upcast.sfu.api.SfuConfig;
import upcast.signaling.chat.ChatService;
import upcast.signaling.delivery.DeliveryConfig;
import upcast.signaling.delivery.DeliveryService;
import upcast.signaling.http.JsonErrorHandler;
import upcast.signaling.http.Router;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.notify.NotificationHub;
import upcast.signaling.notify.NotificationService;
import upcast.signaling.social.SocialService;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.CommentStore;
import upcast.signaling.store.Database;
import upcast.signaling.store.FollowStore;
import upcast.signaling.store.NotificationStore;
import upcast.signaling.store.PendingFollowStore;
import upcast.signaling.store.TokenStore;
import upcast.signaling.store.UserStore;
import upcast.signaling.ws.SignalingEndpoint;

/** The whole product in one process: database, SFU, and the Jetty HTTP/WebSocket server. */
public final class UpcastServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpcastServer.class);

  private final Database database;
  private final Sfu sfu;
  private final BroadcastService broadcasts;
  private final DeliveryService delivery;
  private final ChatService chat;
  private final NotificationService notifications;
  private final Router router;
  private final Server jetty;
  private final AtomicBoolean closed = new AtomicBoolean();

  private UpcastServer(
      Database database,
      Sfu sfu,
      BroadcastService broadcasts,
      DeliveryService delivery,
      ChatService chat,
      NotificationService notifications,
      Router router,
      Server jetty) {
    this.database = database;
    this.sfu = sfu;
    this.broadcasts = broadcasts;
    this.delivery = delivery;
    this.chat = chat;
    this.notifications = notifications;
    this.router = router;
    this.jetty = jetty;
  }

  /** Starts with the default delivery settings (public push/webhook targets only). */
  public static UpcastServer start(UpcastConfig config) {
    return start(config, DeliveryConfig.defaults());
  }

  /**
   * Opens the database, binds the media port and starts serving HTTP.
   *
   * @throws IllegalStateException naming the cause when any part cannot start (nothing is left
   *     running then)
   */
  public static UpcastServer start(UpcastConfig config, DeliveryConfig deliveryConfig) {
    Database database = null;
    Sfu sfu = null;
    BroadcastService broadcasts = null;
    DeliveryService delivery = null;
    ChatService chat = null;
    NotificationService notifications = null;
    Router router = null;
    Server jetty = null;
    try {
      Files.createDirectories(config.dataDir());
      database =
          Database.open(config.dataDir(), config.dbUrl(), config.dbUser(), config.dbPassword());
      sfu =
          SfuServer.start(
              new SfuConfig(
                  config.bind(), config.mediaPort(), config.publicAddresses(), Clock.systemUTC()));
      UserStore users = new UserStore(database);
      Accounts accounts = new Accounts(users, new TokenStore(database));
      BroadcastStore broadcastStore = new BroadcastStore(database);
      FollowStore follows = new FollowStore(database);
      broadcasts = new BroadcastService(broadcastStore, sfu, Clock.systemUTC());
      chat =
          new ChatService(
              broadcasts,
              broadcastStore,
              new CommentStore(database),
              follows,
              users,
              Clock.systemUTC());
      broadcasts.setPeerHook(chat);
      SocialService social =
          new SocialService(
              users,
              follows,
              new PendingFollowStore(database),
              broadcasts,
              broadcastStore,
              Clock.systemUTC());
      accounts.addSignUpListener(social::onSignUp);
      notifications =
          new NotificationService(
              new NotificationStore(database), new NotificationHub(), Clock.systemUTC());
      broadcasts.addGoLiveListener(notifications);
      delivery = DeliveryService.start(database, deliveryConfig, Clock.systemUTC());
      broadcasts.addGoLiveListener(delivery);

      jetty = new Server();
      jetty.setErrorHandler(new JsonErrorHandler());
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false); // no product version for scanners (RFC 9110 §10.2.4)
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(config.bind().getHostAddress());
      connector.setPort(config.httpPort());
      jetty.addConnector(connector);
      WebSocketUpgradeHandler ws =
          SignalingEndpoint.install(jetty, accounts, broadcasts, notifications.hub());
      router =
          new Router(
              accounts, broadcasts, sfu, delivery, chat, social, notifications, config.publicUrl());
      ws.setHandler(router);
      jetty.setHandler(ws);
      jetty.start();
      UpcastServer server =
          new UpcastServer(database, sfu, broadcasts, delivery, chat, notifications, router, jetty);
      LOG.info(
          "Upcast is up: {} (HTTP {}:{}, media UDP {}, database {})",
          server.openUri(),
          config.bind().getHostAddress(),
          server.httpPort(),
          sfu.mediaPort(),
          config.dbUrl() == null
              ? "embedded in " + config.dataDir().toAbsolutePath()
              : "PostgreSQL");
      return server;
    } catch (Exception e) {
      stopQuietly(jetty);
      if (broadcasts != null) {
        broadcasts.close();
      }
      if (router != null) {
        router.close();
      }
      if (chat != null) {
        chat.close();
      }
      if (notifications != null) {
        notifications.close();
      }
      if (delivery != null) {
        delivery.close();
      }
      if (sfu != null) {
        sfu.close();
      }
      if (database != null) {
        database.close();
      }
      throw new IllegalStateException("Upcast could not start: " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(@Nullable Server jetty) {
    if (jetty == null) {
      return;
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping HTTP server", e);
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
    InetAddress bind = bindAddress();
    return uri(
        bind.isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress().getHostAddress()
            : bind.getHostAddress());
  }

  /** The address to print for people: {@code localhost} when bound to all interfaces. */
  URI openUri() {
    return bindAddress().isAnyLocalAddress() ? uri("localhost") : baseUri();
  }

  private InetAddress bindAddress() {
    String host = ((NetworkConnector) jetty.getConnectors()[0]).getHost();
    try {
      return InetAddress.getByName(host == null ? "0.0.0.0" : host);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("the connector's host is an IP literal", e);
    }
  }

  private URI uri(String host) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + httpPort() + "/");
  }

  public Sfu sfu() {
    return sfu;
  }

  /**
   * Stops HTTP first (closing every socket, which ends the broadcasts they publish), then ends the
   * remaining broadcasts, and closes the SFU and the database. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopQuietly(jetty);
    router.close();
    broadcasts.close(); // its ends reach the chat, which stores the last heart totals
    chat.close();
    notifications.close();
    delivery.close();
    sfu.close();
    database.close();
    LOG.info("Upcast stopped");
  }
}
