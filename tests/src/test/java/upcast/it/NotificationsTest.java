package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import upcast.sfu.client.SrtpProfile;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.Database;
import upcast.signaling.store.NotificationStore;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Go-live notifications end to end: the inbox gets exactly one item per follower (none for muted
 * follows), marking read, the instant pushes over the WebSocket and Server-Sent Events (with {@code
 * Last-Event-ID} replay), and persistence across a restart.
 */
class NotificationsTest extends ServerPerTestBase {
  private JsonNode call(String method, String path, @Nullable String json, @Nullable String token)
      throws Exception {
    HttpResponse<String> r =
        api.send(method, path, json == null ? null : "application/json", json, token);
    assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
    return Api.json(r);
  }

  /** Goes live by WHIP and returns the broadcast id. */
  private String goLive(String token, String title) throws Exception {
    TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
    keep(peer);
    HttpResponse<String> r = api.publish(title, SdpOffers.publisher(peer, 1, 2), token);
    assertEquals(201, r.statusCode(), r.body());
    for (JsonNode b : Api.json(api.get("/api/broadcasts?live=true"))) {
      if (b.get("title").asText().equals(title)) {
        return b.get("id").asText();
      }
    }
    throw new AssertionError("not listed");
  }

  private JsonNode inboxWhen(String token, int items) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode inbox;
    do {
      inbox = call("GET", "/api/me/notifications", null, token);
      if (inbox.get("notifications").size() >= items) {
        return inbox;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("inbox never had " + items + " item(s): " + inbox);
  }

  @Test
  void everyFollowerGetsOneItemExceptMutedOnes() throws Exception {
    String alice = api.signUp("alice");
    String bob = api.signUp("bob");
    String carol = api.signUp("carol");
    String dave = api.signUp("dave");
    call("POST", "/api/users/alice/follow", null, bob);
    call("POST", "/api/users/alice/follow", null, carol);
    assertEquals(true, call("PUT", "/api/users/alice/mute", null, carol).get("muted").asBoolean());

    String id = goLive(alice, "Sunrise");
    JsonNode inbox = inboxWhen(bob, 1);
    JsonNode n = inbox.get("notifications").get(0);
    assertEquals("live", n.get("kind").asText());
    assertEquals(id, n.get("broadcast").get("id").asText());
    assertEquals("Sunrise", n.get("broadcast").get("title").asText());
    assertTrue(n.get("broadcast").get("live").asBoolean());
    assertEquals("/b/" + id, n.get("broadcast").get("watchUrl").asText());
    assertEquals("alice", n.get("broadcaster").get("handle").asText());
    assertFalse(n.get("read").asBoolean());
    assertEquals(1, inbox.get("unread").asLong());
    Thread.sleep(300);
    assertEquals(0, call("GET", "/api/me/notifications", null, carol).get("notifications").size());
    assertEquals(0, call("GET", "/api/me/notifications", null, dave).get("notifications").size());

    assertEquals(
        0,
        call(
                "POST",
                "/api/me/notifications/read",
                "{\"ids\":[\"" + n.get("id").asText() + "\"]}",
                bob)
            .get("unread")
            .asLong());
    assertTrue(
        call("GET", "/api/me/notifications", null, bob)
            .get("notifications")
            .get(0)
            .get("read")
            .asBoolean());

    // Errors.
    assertEquals(401, api.send("GET", "/api/me/notifications", null, null, null).statusCode());
    assertEquals(404, api.send("PUT", "/api/users/nobody/mute", null, null, bob).statusCode());
    HttpResponse<String> notFollowing = api.send("PUT", "/api/users/alice/mute", null, null, dave);
    assertEquals(409, notFollowing.statusCode());
    assertEquals("not_following", Api.json(notFollowing).get("error").asText());
    assertEquals(
        400,
        api.send("POST", "/api/me/notifications/read", "application/json", "{\"ids\":[\"x\"]}", bob)
            .statusCode());

    // After a restart the item is still there, still read, and running the fan-out for the same
    // broadcast again (as after a crash) adds nothing.
    stop();
    try (Database db = Database.open(dataDir, null, null, null)) {
      long aliceId = new BroadcastStore(db).find(id).orElseThrow().userId();
      assertEquals(
          0, new NotificationStore(db).fanOutLive(id, aliceId, Instant.now(Clock.systemUTC())));
      assertEquals(1, new NotificationStore(db).countFor(id));
    }
    start();
    JsonNode after = call("GET", "/api/me/notifications", null, bob);
    assertEquals(1, after.get("notifications").size());
    assertTrue(after.get("notifications").get(0).get("read").asBoolean());
    assertFalse(after.get("notifications").get(0).get("broadcast").get("live").asBoolean());
  }

  @Test
  void openPagesHearAtOnceOverServerSentEventsAndTheWebSocket() throws Exception {
    String alice = api.signUp("alice");
    String bob = api.signUp("bob");
    call("POST", "/api/users/alice/follow", null, bob);
    HttpClient http = HttpClient.newHttpClient();

    // SSE with the token in the query, as EventSource sends it.
    LinkedBlockingQueue<String> sse = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream =
        http.sendAsync(
            HttpRequest.newBuilder(server.baseUri().resolve("/api/me/events?token=" + bob)).build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> sseResponse = stream.get(10, TimeUnit.SECONDS);
    assertEquals(200, sseResponse.statusCode());
    assertTrue(
        sseResponse
            .headers()
            .firstValue("content-type")
            .orElse("")
            .startsWith("text/event-stream"));
    Thread reader =
        new Thread(
            () -> {
              Iterator<String> lines = sseResponse.body().iterator();
              while (lines.hasNext()) {
                sse.add(lines.next());
              }
            });
    reader.setDaemon(true);
    reader.start();

    // The signaling WebSocket of an open studio or watch page.
    LinkedBlockingQueue<String> ws = new LinkedBlockingQueue<>();
    WebSocket socket =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://" + server.baseUri().getAuthority() + "/ws?token=" + bob),
                new WebSocket.Listener() {
                  @Override
                  public @Nullable CompletionStage<?> onText(
                      WebSocket w, CharSequence data, boolean last) {
                    ws.add(data.toString());
                    w.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    keep(() -> socket.abort());
    Thread.sleep(200); // both registered

    long started = System.nanoTime();
    String id = goLive(alice, "Harbour");
    String event = poll(sse, "event: notification");
    String data = poll(sse, "data: ");
    double sseMs = (System.nanoTime() - started) / 1e6;
    assertTrue(data.contains("\"handle\":\"alice\"") && data.contains(id), data);
    String pushed = poll(ws, "{\"type\":\"notification\"");
    assertTrue(pushed.contains("\"title\":\"Harbour\""), pushed);
    System.out.printf("go-live → SSE event %.1f ms (WHIP start included)%n", sseMs);
    assertEquals("event: notification", event);
    sseResponse.body().close();

    // A reconnect with Last-Event-ID 0 gets the unread item again.
    HttpResponse<Stream<String>> again =
        http.send(
            HttpRequest.newBuilder(server.baseUri().resolve("/api/me/events"))
                .header("Authorization", "Bearer " + bob)
                .header("Last-Event-ID", "0")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = again.body()) {
      Iterator<String> it = lines.iterator();
      String line;
      do {
        line = it.next();
      } while (!line.startsWith("data: "));
      assertTrue(line.contains(id), line);
    }
    assertEquals(401, api.send("GET", "/api/me/events", null, null, null).statusCode());
  }

  private static String poll(LinkedBlockingQueue<String> q, String prefix) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String s = q.poll(100, TimeUnit.MILLISECONDS);
      if (s != null && s.startsWith(prefix)) {
        return s;
      }
    }
    throw new AssertionError("nothing starting with " + prefix);
  }
}
