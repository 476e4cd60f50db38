package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import upcast.sfu.client.SrtpProfile;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;
import upcast.signaling.delivery.DeliveryConfig;
import upcast.signaling.store.Database;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * The "Notify me in this browser" toggle in real Chromium: it registers sw.js, asks for the
 * notification permission, subscribes with the server's VAPID key and stores the subscription; when
 * someone the user follows goes live, the push service (a local HTTP server) receives an encrypted,
 * VAPID-signed message; switching the toggle off removes the subscription. Headless Chromium has no
 * push service of its own here (no internet), so {@code PushManager.subscribe} is replaced by one
 * returning a subscription whose endpoint is the local push service.
 */
@BrowserTest
class PushBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** RFC 8291 Appendix A's browser key: a valid P-256 point. */
  private static final String P256DH =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";

  private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theToggleSubscribesThisBrowserAndAGoLiveReachesItsPushService() throws Exception {
    List<Map<String, String>> pushes = new CopyOnWriteArrayList<>();
    HttpServer pushService =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pushService.createContext(
        "/push/",
        ex -> {
          try (InputStream in = ex.getRequestBody()) {
            int length = in.readAllBytes().length;
            pushes.add(
                Map.of(
                    "encoding", String.valueOf(ex.getRequestHeaders().getFirst("Content-Encoding")),
                    "authorization",
                        String.valueOf(ex.getRequestHeaders().getFirst("Authorization")),
                    "length", Integer.toString(length)));
          }
          ex.sendResponseHeaders(201, -1);
          ex.close();
        });
    pushService.start();
    String endpoint = "http://127.0.0.1:" + pushService.getAddress().getPort() + "/push/browser-1";
    try (UpcastServer server =
            UpcastServer.start(UpcastConfig.forTests(data), DeliveryConfig.forTests());
        Browsers browsers = new Browsers();
        Database db = Database.open(data, null, null, null);
        TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      URI base = server.baseUri();
      JsonNode alice = signUp(base, "pushalice");
      JsonNode bob = signUp(base, "pushbob");
      follow(db, bob.get("id").asLong(), alice.get("id").asLong());

      ChromeDriver browser = browsers.open();
      String origin = base.toString().replaceAll("/$", "");
      browser.executeCdpCommand(
          "Browser.grantPermissions",
          Map.of("origin", origin, "permissions", List.of("notifications")));
      browser.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument", Map.of("source", fakePushManager(endpoint)));
      browser.get(base.resolve("/").toString());
      ((JavascriptExecutor) browser)
          .executeScript(
              "localStorage.setItem('upcast.token', arguments[0]);"
                  + "localStorage.setItem('upcast.handle', arguments[1]);",
              bob.get("token").asText(),
              bob.get("handle").asText());
      browser.navigate().refresh();

      Browsers.await(browser, 15, d -> d.findElement(By.id("push-enabled")));
      assertTrue(!browser.findElement(By.id("push-enabled")).isSelected(), "off at first");
      browser.findElement(By.id("push-enabled")).click();
      Browsers.await(
          browser,
          20,
          d -> d.findElement(By.cssSelector("#push-toggle .push-status")).getText().equals("On"));
      Browsers.screenshot(browser, "push-toggle-on");

      String serverKey =
          json(http.send(get(base, "/api/push/key"), HttpResponse.BodyHandlers.ofString()))
              .get("publicKey")
              .asText();
      assertEquals(
          serverKey,
          ((JavascriptExecutor) browser).executeScript("return window.upcastPushKeyUsed;"),
          "subscribed with the server's VAPID key");
      Object script =
          ((JavascriptExecutor) browser)
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "navigator.serviceWorker.ready.then(r => done(r.active.scriptURL),"
                      + " e => done(String(e)));");
      assertEquals(base.resolve("/sw.js").toString(), script);

      HttpResponse<String> live =
          http.send(
              HttpRequest.newBuilder(base.resolve("/whip?title=Push"))
                  .header("Content-Type", "application/sdp")
                  .header("Authorization", "Bearer " + alice.get("token").asText())
                  .POST(HttpRequest.BodyPublishers.ofString(SdpOffers.publisher(peer, 1, 2)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, live.statusCode(), live.body());
      long deadline = System.currentTimeMillis() + 15_000;
      while (pushes.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1, pushes.size(), "one push to the browser's endpoint");
      assertEquals("aes128gcm", pushes.get(0).get("encoding"));
      assertTrue(String.valueOf(pushes.get(0).get("authorization")).startsWith("vapid t="));
      assertTrue(Integer.parseInt(pushes.get(0).get("length")) > 86, "header + ciphertext");

      browser.findElement(By.id("push-enabled")).click();
      Browsers.await(
          browser,
          20,
          d -> d.findElement(By.cssSelector("#push-toggle .push-status")).getText().equals("Off"));
      HttpResponse<String> again =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/me/push"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + bob.get("token").asText())
                  .method(
                      "DELETE",
                      HttpRequest.BodyPublishers.ofString("{\"endpoint\":\"" + endpoint + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, again.statusCode(), "the toggle already removed the subscription");
    } finally {
      pushService.stop(0);
    }
  }

  /** Replaces PushManager with one whose subscription points at the local push service. */
  private static String fakePushManager(String endpoint) {
    return "(() => {"
        + "  if (!('PushManager' in window)) return;"
        + "  let current = null;"
        + "  const b64u = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))"
        + "    .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');"
        + "  PushManager.prototype.subscribe = async function (opts) {"
        + "    const key = new Uint8Array(opts.applicationServerKey).buffer;"
        + "    window.upcastPushKeyUsed = b64u(key);"
        + "    current = {"
        + "      endpoint: '"
        + endpoint
        + "', expirationTime: null,"
        + "      options: { applicationServerKey: key, userVisibleOnly: true },"
        + "      toJSON() { return { endpoint: this.endpoint, expirationTime: null,"
        + "        keys: { p256dh: '"
        + P256DH
        + "', auth: '"
        + AUTH
        + "' } }; },"
        + "      async unsubscribe() { current = null; return true; },"
        + "    };"
        + "    return current;"
        + "  };"
        + "  PushManager.prototype.getSubscription = async function () { return current; };"
        + "})();";
  }

  private JsonNode signUp(URI base, String handle) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"handle\":\"" + handle + "\",\"password\":\"password1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return json(r);
  }

  private static void follow(Database db, long follower, long followee) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO follows (follower_id, followee_id, created_at, muted)"
                    + " VALUES (?, ?, ?, FALSE)")) {
      ps.setLong(1, follower);
      ps.setLong(2, followee);
      ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  private static HttpRequest get(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
