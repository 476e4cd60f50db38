package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import upcast.signaling.delivery.DeliveryConfig;
import upcast.signaling.delivery.push.TestBrowser;
import upcast.signaling.delivery.push.WebPushEncryptionTest;
import upcast.signaling.delivery.webhook.WebhookSignature;
import upcast.signaling.store.Database;

/**
 * Go-live notifications end to end over loopback: webhooks (signature, retries with backoff, SSRF
 * refusals), Web Push to a local push service decrypted by a test browser, and the outbox
 * delivering exactly once across a restart, on the embedded database and on PostgreSQL when {@code
 * UPCAST_TEST_PG_URL} names one.
 */
class DeliveryTest {
  private static final long WAIT_MS = 15_000;

  @TempDir Path data;

  static Stream<String> databases() {
    String pg = System.getenv("UPCAST_TEST_PG_URL");
    return pg == null || pg.isBlank() ? Stream.of("embedded") : Stream.of("embedded", pg);
  }

  private UpcastConfig config(String database) {
    UpcastConfig c = UpcastConfig.forTests(data);
    return database.equals("embedded") ? c : c.withDatabase(database, "upcast", "");
  }

  private Database openDb(String database) {
    return database.equals("embedded")
        ? Database.open(data, null, null, null)
        : Database.open(data, database, "upcast", "");
  }

  record Account(long id, String handle, String token) {}

  private static Account signUp(Client client, String prefix) {
    String handle = prefix + ThreadLocalRandom.current().nextInt(1_000_000);
    HttpResponse<String> r =
        client.postJson("/api/users", "{\"handle\":\"" + handle + "\",\"password\":\"password1\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode j = Client.json(r);
    return new Account(j.get("id").asLong(), handle, j.get("token").asText());
  }

  private static void follow(Database db, Account follower, Account followee, boolean muted)
      throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO follows (follower_id, followee_id, created_at, muted)"
                    + " VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, follower.id());
      ps.setLong(2, followee.id());
      ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
      ps.setBoolean(4, muted);
      ps.executeUpdate();
    }
  }

  /** Starts a broadcast over WHIP; returns its id. */
  private static String goLive(Client client, Account a, String title) {
    HttpResponse<String> r = client.postSdp("/whip?title=" + title, Offers.publisher(), a.token());
    assertEquals(201, r.statusCode(), r.body());
    for (JsonNode b : Client.json(client.get("/api/broadcasts?live=true"))) {
      if (b.get("broadcaster").get("handle").asText().equals(a.handle())) {
        return b.get("id").asText();
      }
    }
    throw new AssertionError("the broadcast is not listed");
  }

  private static HttpResponse<String> send(
      Client client, String method, String path, @Nullable String json, @Nullable String token) {
    HttpRequest.Builder b =
        client
            .request(path)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build());
  }

  private static JsonNode addWebhook(Client client, Account a, String url) {
    HttpResponse<String> r =
        send(client, "POST", "/api/me/webhooks", "{\"url\":\"" + url + "\"}", a.token());
    assertEquals(201, r.statusCode(), r.body());
    return Client.json(r);
  }

  /** (state, attempts, last_error) of the delivery rows of a broadcast, in id order. */
  private static List<String[]> rows(Database db, String broadcastId) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT state, attempts, last_error FROM deliveries WHERE broadcast_id = ?"
                    + " ORDER BY id")) {
      ps.setString(1, broadcastId);
      try (ResultSet rs = ps.executeQuery()) {
        List<String[]> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
        return out;
      }
    }
  }

  /** Waits (bounded) until no row of the broadcast is pending; returns the rows. */
  private static List<String[]> awaitSettled(Database db, String broadcastId, int expectedRows)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    List<String[]> r = rows(db, broadcastId);
    while (System.currentTimeMillis() < deadline
        && (r.size() < expectedRows || r.stream().anyMatch(x -> x[0].equals("pending")))) {
      Thread.sleep(50);
      r = rows(db, broadcastId);
    }
    return r;
  }

  @Test
  void webhooksFireSignedForFollowersButNotForMutedOrStrangers() throws Exception {
    try (Receiver receiver = new Receiver();
        UpcastServer server = UpcastServer.start(config("embedded"), DeliveryConfig.forTests());
        Database db = openDb("embedded")) {
      Client client = new Client(server.baseUri());
      Account alice = signUp(client, "alice");
      Account bob = signUp(client, "bob");
      Account carol = signUp(client, "carol");
      Account dave = signUp(client, "dave");
      JsonNode bobHook = addWebhook(client, bob, receiver.url("/bob"));
      addWebhook(client, carol, receiver.url("/carol"));
      addWebhook(client, dave, receiver.url("/dave"));
      follow(db, bob, alice, false);
      follow(db, carol, alice, true);

      long before = System.nanoTime();
      String id = goLive(client, alice, "Hello");
      List<Receiver.Received> got = receiver.await("/bob", 1, WAIT_MS);
      assertEquals(1, got.size());
      System.out.printf(
          "go-live request sent -> webhook received: %d ms%n",
          (got.get(0).atNanos() - before) / 1_000_000);
      assertEquals(1, awaitSettled(db, id, 1).size(), "one row: bob's webhook only");

      Receiver.Received r = got.get(0);
      String secret = bobHook.get("secret").asText();
      long now = Instant.now().getEpochSecond();
      assertTrue(
          WebhookSignature.verify(secret, r.header("Upcast-Signature"), r.body(), now, 300),
          r.header("Upcast-Signature"));
      assertEquals("application/json", r.header("Content-Type"));
      JsonNode event = Client.JSON.readTree(r.body());
      assertEquals("broadcast.live", event.get("type").asText());
      assertEquals(r.header("Upcast-Delivery"), event.get("deliveryId").asText());
      assertEquals(id, event.get("broadcast").get("id").asText());
      assertEquals("Hello", event.get("broadcast").get("title").asText());
      assertEquals("/b/" + id, event.get("broadcast").get("url").asText());
      assertEquals(alice.handle(), event.get("broadcaster").get("handle").asText());
      assertNotNull(Instant.parse(event.get("at").asText()));
      assertTrue(receiver.received("/carol").isEmpty(), "muted follow: no webhook");
      assertTrue(receiver.received("/dave").isEmpty(), "not a follower: no webhook");
    }
  }

  /**
   * More due rows than the pool has slots (tests run 2 workers, 4 rows in flight): each finished
   * attempt polls again, so the backlog drains at the receiver's pace. Had it waited for the
   * worker's 5 s idle poll, 24 rows would take six polls, ~25 s, over this test's 15 s.
   */
  @Test
  void aBacklogDrainsAsFastAsTheReceiverAccepts() throws Exception {
    int followers = 24;
    try (Receiver receiver = new Receiver();
        UpcastServer server = UpcastServer.start(config("embedded"), DeliveryConfig.forTests());
        Database db = openDb("embedded")) {
      Client client = new Client(server.baseUri());
      Account alice = signUp(client, "alice");
      for (int i = 0; i < followers; i++) {
        Account f = signUp(client, "fan");
        addWebhook(client, f, receiver.url("/fans"));
        follow(db, f, alice, false);
      }
      long before = System.nanoTime();
      String id = goLive(client, alice, "Crowd");
      assertEquals(followers, receiver.await("/fans", followers, WAIT_MS).size());
      System.out.printf(
          "%d webhooks delivered %d ms after the go-live request%n",
          followers, (System.nanoTime() - before) / 1_000_000);
      List<String[]> settled = awaitSettled(db, id, followers);
      assertEquals(followers, settled.size());
      assertTrue(settled.stream().allMatch(r -> r[0].equals("delivered")));
    }
  }

  @Test
  void aFailingReceiverIsRetriedWithBackoffAndGetsItOnce() throws Exception {
    DeliveryConfig delivery = DeliveryConfig.forTests().withRetries(Duration.ofMillis(200), 5);
    try (Receiver receiver = new Receiver().answer(500, 500, 200);
        UpcastServer server = UpcastServer.start(config("embedded"), delivery);
        Database db = openDb("embedded")) {
      Client client = new Client(server.baseUri());
      Account alice = signUp(client, "alice");
      Account bob = signUp(client, "bob");
      addWebhook(client, bob, receiver.url("/hook"));
      follow(db, bob, alice, false);

      String id = goLive(client, alice, "Retry");
      List<String[]> settled = awaitSettled(db, id, 1);
      List<Receiver.Received> got = receiver.received("/hook");
      assertEquals(3, got.size(), "two 500s, then the 200");
      assertEquals("delivered", settled.get(0)[0]);
      assertEquals("3", settled.get(0)[1], "attempts");
      String deliveryId = got.get(0).header("Upcast-Delivery");
      assertNotNull(deliveryId);
      assertTrue(got.stream().allMatch(x -> deliveryId.equals(x.header("Upcast-Delivery"))));
      assertArrayEquals(got.get(0).body(), got.get(2).body(), "the same event every attempt");
      long first = (got.get(1).atNanos() - got.get(0).atNanos()) / 1_000_000;
      long second = (got.get(2).atNanos() - got.get(1).atNanos()) / 1_000_000;
      System.out.printf("retry gaps: %d ms then %d ms (base 200 ms, doubling)%n", first, second);
      assertTrue(first >= 200 && second >= 400, first + " / " + second);
    }
  }

  @Test
  void aReceiverThatNeverAcceptsEndsDeadWithTheLastError() throws Exception {
    DeliveryConfig delivery = DeliveryConfig.forTests().withRetries(Duration.ofMillis(50), 3);
    try (Receiver receiver = new Receiver().byDefault(503);
        UpcastServer server = UpcastServer.start(config("embedded"), delivery);
        Database db = openDb("embedded")) {
      Client client = new Client(server.baseUri());
      Account alice = signUp(client, "alice");
      Account bob = signUp(client, "bob");
      addWebhook(client, bob, receiver.url("/down"));
      follow(db, bob, alice, false);
      String id = goLive(client, alice, "Dead");
      List<String[]> settled = awaitSettled(db, id, 1);
      assertEquals("dead", settled.get(0)[0]);
      assertEquals("3", settled.get(0)[1]);
      assertEquals("HTTP 503", settled.get(0)[2]);
      assertEquals(3, receiver.received("/down").size());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void queuedDeliveriesSurviveAStopAndArriveExactlyOnce(String database) throws Exception {
    String id;
    String vapidKey;
    try (Receiver receiver = new Receiver()) {
      try (UpcastServer paused =
              UpcastServer.start(config(database), DeliveryConfig.forTests().withPaused(true));
          Database db = openDb(database)) {
        Client client = new Client(paused.baseUri());
        vapidKey = Client.json(client.get("/api/push/key")).get("publicKey").asText();
        Account alice = signUp(client, "alice");
        Account bob = signUp(client, "bob");
        addWebhook(client, bob, receiver.url("/once"));
        follow(db, bob, alice, false);
        id = goLive(client, alice, "Crash");
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (rows(db, id).isEmpty() && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        assertEquals("pending", rows(db, id).get(0)[0], "queued, not sent");
      }
      Thread.sleep(300);
      assertTrue(receiver.received("/once").isEmpty(), "nothing sent while paused");

      try (UpcastServer again = UpcastServer.start(config(database), DeliveryConfig.forTests());
          Database db = openDb(database)) {
        Client client = new Client(again.baseUri());
        assertEquals(
            vapidKey,
            Client.json(client.get("/api/push/key")).get("publicKey").asText(),
            "the VAPID key is kept");
        assertEquals(1, receiver.await("/once", 1, WAIT_MS).size());
        List<String[]> settled = awaitSettled(db, id, 1);
        assertEquals("delivered", settled.get(0)[0]);
        Thread.sleep(1000); // anything duplicated would arrive within this
        assertEquals(1, receiver.received("/once").size(), "exactly once");
      }
    }
  }

  @Test
  void webPushReachesTheBrowserEncryptedAndVapidSigned() throws Exception {
    try (Receiver pushService = new Receiver();
        UpcastServer server = UpcastServer.start(config("embedded"), DeliveryConfig.forTests());
        Database db = openDb("embedded")) {
      Client client = new Client(server.baseUri());
      Account alice = signUp(client, "alice");
      Account bob = signUp(client, "bob");
      follow(db, bob, alice, false);
      String vapidKey = Client.json(client.get("/api/push/key")).get("publicKey").asText();
      TestBrowser browser = new TestBrowser();
      String subscription =
          "{\"endpoint\":\""
              + pushService.url("/push/bob1")
              + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
              + browser.p256dh()
              + "\",\"auth\":\""
              + browser.auth()
              + "\"}}";
      HttpResponse<String> sub = send(client, "POST", "/api/me/push", subscription, bob.token());
      assertEquals(201, sub.statusCode(), sub.body());
      assertEquals(
          200, send(client, "POST", "/api/me/push", subscription, bob.token()).statusCode());

      long before = System.nanoTime();
      String id = goLive(client, alice, "Watermelons");
      List<Receiver.Received> got = pushService.await("/push/bob1", 1, WAIT_MS);
      assertEquals(1, got.size());
      System.out.printf(
          "go-live request sent -> push message received: %d ms%n",
          (got.get(0).atNanos() - before) / 1_000_000);
      Receiver.Received r = got.get(0);
      assertEquals("aes128gcm", r.header("Content-Encoding"));
      assertEquals("high", r.header("Urgency"));
      assertTrue(Integer.parseInt(r.header("TTL")) > 0);
      assertTrue(
          String.valueOf(r.header("Topic")).matches("[A-Za-z0-9_-]{1,32}"), r.header("Topic"));

      JsonNode payload = Client.JSON.readTree(browser.decrypt(r.body()));
      assertEquals("live", payload.get("type").asText());
      assertEquals("@" + alice.handle() + " is live", payload.get("title").asText());
      assertEquals("Watermelons", payload.get("body").asText());
      assertEquals("/b/" + id, payload.get("url").asText());

      String auth = r.header("Authorization");
      assertNotNull(auth);
      assertTrue(auth.startsWith("vapid t="), auth);
      String jwt = auth.substring(8, auth.indexOf(", k="));
      assertEquals(vapidKey, auth.substring(auth.indexOf(", k=") + 4));
      JsonNode claims = VapidClaims.verify(jwt, vapidKey);
      assertEquals(pushService.origin(), claims.get("aud").asText());
      assertTrue(claims.get("sub").asText().startsWith("mailto:"));
      long exp = claims.get("exp").asLong();
      long now = Instant.now().getEpochSecond();
      assertTrue(exp > now && exp <= now + 24 * 3600, "exp within 24 h");
      assertEquals("delivered", awaitSettled(db, id, 1).get(0)[0]);
    }
  }

  @Test
  void aSubscriptionThePushServiceCallsGoneIsDeleted() throws Exception {
    try (Receiver pushService = new Receiver().byDefault(410);
        UpcastServer server = UpcastServer.start(config("embedded"), DeliveryConfig.forTests());
        Database db = openDb("embedded")) {
      Client client = new Client(server.baseUri());
      Account alice = signUp(client, "alice");
      Account bob = signUp(client, "bob");
      follow(db, bob, alice, false);
      TestBrowser browser = new TestBrowser();
      String endpoint = pushService.url("/push/gone");
      String subscription =
          "{\"endpoint\":\""
              + endpoint
              + "\",\"keys\":{\"p256dh\":\""
              + browser.p256dh()
              + "\",\"auth\":\""
              + browser.auth()
              + "\"}}";
      assertEquals(
          201, send(client, "POST", "/api/me/push", subscription, bob.token()).statusCode());
      goLive(client, alice, "Gone");
      assertEquals(1, pushService.await("/push/gone", 1, WAIT_MS).size());
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (count(db, endpoint) > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, count(db, endpoint), "subscription deleted after 410");
      assertEquals(
          404,
          send(client, "DELETE", "/api/me/push", "{\"endpoint\":\"" + endpoint + "\"}", bob.token())
              .statusCode());
    }
  }

  private static int count(Database db, String endpoint) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = ?")) {
      ps.setString(1, endpoint);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void internalTargetsAreRefusedUnlessTheOperatorAllowsThem() {
    try (UpcastServer server = UpcastServer.start(config("embedded"), DeliveryConfig.defaults())) {
      Client client = new Client(server.baseUri());
      Account bob = signUp(client, "bob");
      for (String url :
          List.of(
              "http://127.0.0.1:8080/hook",
              "http://10.1.2.3/hook",
              "http://192.168.0.7/hook",
              "http://172.16.5.5/hook",
              "http://[::1]/hook",
              "http://[fd00::1]/hook",
              "http://169.254.169.254/latest/meta-data",
              "http://localhost:9000/hook",
              "ftp://example.com/hook")) {
        HttpResponse<String> r =
            send(client, "POST", "/api/me/webhooks", "{\"url\":\"" + url + "\"}", bob.token());
        assertEquals(400, r.statusCode(), url + " " + r.body());
        assertEquals("invalid_url", Client.error(r), url);
        assertFalse(Client.json(r).get("message").asText().isBlank());
      }
      TestBrowser browser = new TestBrowser();
      for (String endpoint : List.of("http://127.0.0.1:9/push", "https://127.0.0.1:9/push")) {
        String subscription =
            "{\"endpoint\":\""
                + endpoint
                + "\",\"keys\":{\"p256dh\":\""
                + browser.p256dh()
                + "\",\"auth\":\""
                + browser.auth()
                + "\"}}";
        HttpResponse<String> r = send(client, "POST", "/api/me/push", subscription, bob.token());
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_subscription", Client.error(r));
      }
    }
  }

  @Test
  void webhookAndPushEndpointsFollowTheApiContract() throws Exception {
    try (Receiver receiver = new Receiver();
        UpcastServer server = UpcastServer.start(config("embedded"), DeliveryConfig.forTests())) {
      Client client = new Client(server.baseUri());
      Account bob = signUp(client, "bob");
      Account eve = signUp(client, "eve");
      assertEquals(401, send(client, "GET", "/api/me/webhooks", null, null).statusCode());
      assertEquals(
          401, send(client, "POST", "/api/me/webhooks", "{\"url\":\"x\"}", "nope").statusCode());
      JsonNode created = addWebhook(client, bob, receiver.url("/a"));
      assertTrue(created.get("id").asText().startsWith("wh_"));
      assertTrue(created.get("secret").asText().length() >= 32);
      assertEquals(receiver.url("/a"), created.get("url").asText());

      JsonNode list = Client.json(send(client, "GET", "/api/me/webhooks", null, bob.token()));
      assertEquals(1, list.size());
      assertEquals(created.get("id").asText(), list.get(0).get("id").asText());
      assertFalse(list.get(0).has("secret"), "the secret is shown only once");
      assertEquals(
          0, Client.json(send(client, "GET", "/api/me/webhooks", null, eve.token())).size());

      String path = "/api/me/webhooks/" + created.get("id").asText();
      assertEquals(404, send(client, "DELETE", path, null, eve.token()).statusCode(), "not hers");
      assertEquals(204, send(client, "DELETE", path, null, bob.token()).statusCode());
      assertEquals(404, send(client, "DELETE", path, null, bob.token()).statusCode());
      assertEquals(405, send(client, "PUT", "/api/me/webhooks", "{}", bob.token()).statusCode());
      assertEquals(
          400, send(client, "POST", "/api/me/webhooks", "{}", bob.token()).statusCode(), "no url");

      JsonNode key = Client.json(client.get("/api/push/key"));
      byte[] point = java.util.Base64.getUrlDecoder().decode(key.get("publicKey").asText());
      assertEquals(65, point.length);
      assertEquals(4, point[0]);

      TestBrowser browser = new TestBrowser();
      String endpoint = receiver.url("/push/x");
      String badKey =
          "{\"endpoint\":\""
              + endpoint
              + "\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\""
              + browser.auth()
              + "\"}}";
      assertEquals(400, send(client, "POST", "/api/me/push", badKey, bob.token()).statusCode());
      String badAuth =
          "{\"endpoint\":\""
              + endpoint
              + "\",\"keys\":{\"p256dh\":\""
              + browser.p256dh()
              + "\",\"auth\":\"AAAA\"}}";
      assertEquals(400, send(client, "POST", "/api/me/push", badAuth, bob.token()).statusCode());
      // The RFC 8291 example key is a valid point: accepted.
      String good =
          "{\"endpoint\":\""
              + endpoint
              + "\",\"keys\":{\"p256dh\":\""
              + WebPushEncryptionTest.uaPublic()
              + "\",\"auth\":\""
              + browser.auth()
              + "\"}}";
      assertEquals(401, send(client, "POST", "/api/me/push", good, null).statusCode());
      assertEquals(201, send(client, "POST", "/api/me/push", good, bob.token()).statusCode());
      String del = "{\"endpoint\":\"" + endpoint + "\"}";
      assertEquals(404, send(client, "DELETE", "/api/me/push", del, eve.token()).statusCode());
      assertEquals(204, send(client, "DELETE", "/api/me/push", del, bob.token()).statusCode());
      assertEquals(404, send(client, "DELETE", "/api/me/push", del, bob.token()).statusCode());
    }
  }

  /** JWT verification shared with VapidTest. */
  static final class VapidClaims {
    static JsonNode verify(String jwt, String publicKey) throws Exception {
      String[] parts = jwt.split("\\.");
      assertEquals(3, parts.length);
      java.security.Signature v =
          java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
      v.initVerify(TestBrowser.publicKey(java.util.Base64.getUrlDecoder().decode(publicKey)));
      v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertTrue(v.verify(java.util.Base64.getUrlDecoder().decode(parts[2])), "ES256 verifies");
      JsonNode header = Client.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[0]));
      assertEquals("ES256", header.get("alg").asText());
      return Client.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
    }
  }
}
