package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import upcast.sfu.client.SrtpProfile;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.ChatClient;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Accounts, tokens and broadcast history survive a restart: on the embedded database in the data
 * directory, and on PostgreSQL when {@code UPCAST_TEST_PG_URL} names one ({@code ./test.sh} starts
 * a throwaway server for this) — same code, same migrations.
 */
class PersistenceTest {
  @TempDir Path data;

  static Stream<String> databases() {
    String pg = System.getenv("UPCAST_TEST_PG_URL");
    return pg == null || pg.isBlank() ? Stream.of("embedded") : Stream.of("embedded", pg);
  }

  private UpcastConfig config(String database) {
    UpcastConfig c = UpcastConfig.forTests(data);
    return database.equals("embedded") ? c : c.withDatabase(database, "upcast", "");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void accountsAndHistorySurviveARestart(String database) throws Exception {
    String handle = "carol" + ThreadLocalRandom.current().nextInt(1_000_000);
    String token;
    String endedId;
    String leftLiveId;
    try (UpcastServer first = UpcastServer.start(config(database));
        TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      Api api = new Api(first.baseUri());
      token = api.signUp(handle);
      HttpResponse<String> whip = api.publish("First", SdpOffers.publisher(peer, 1, 2), token);
      assertEquals(201, whip.statusCode(), whip.body());
      endedId = Api.json(api.get("/api/broadcasts?live=true")).get(0).get("id").asText();
      assertEquals(
          200,
          api.send("DELETE", whip.headers().firstValue("Location").orElseThrow(), null, null, token)
              .statusCode());
      HttpResponse<String> second = api.publish("Second", SdpOffers.publisher(peer, 3, 4), token);
      assertEquals(201, second.statusCode(), second.body());
      leftLiveId = Api.json(api.get("/api/broadcasts?live=true")).get(0).get("id").asText();
    } // the process "dies" with a broadcast live

    try (UpcastServer again = UpcastServer.start(config(database))) {
      Api api = new Api(again.baseUri());
      HttpResponse<String> signIn =
          api.postJson(
              "/api/sessions", "{\"handle\":\"" + handle + "\",\"password\":\"password-123\"}");
      assertEquals(200, signIn.statusCode(), signIn.body());
      ApiTest.assertError(
          api.postJson(
              "/api/users",
              "{\"handle\":\""
                  + handle.toUpperCase(Locale.ROOT)
                  + "\",\"password\":\"password-123\"}"),
          409,
          "handle_taken");
      JsonNode ended = Api.json(api.get("/api/broadcasts/" + endedId));
      assertEquals("First", ended.get("title").asText());
      assertEquals(handle, ended.get("broadcaster").get("handle").asText());
      assertFalse(ended.get("endedAt").isNull());
      JsonNode stale = Api.json(api.get("/api/broadcasts/" + leftLiveId));
      assertFalse(stale.get("live").asBoolean(), "media died with the old process");
      assertFalse(api.get("/api/broadcasts?live=true").body().contains(leftLiveId));
      String recent = api.get("/api/broadcasts?live=false").body();
      assertTrue(recent.contains(endedId) && recent.contains(leftLiveId), recent);
      // The old token still works: tokens are stored (hashed) in the database.
      try (TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
        assertEquals(
            201,
            api.send("POST", "/whip", "application/sdp", SdpOffers.publisher(peer, 1, 2), token)
                .statusCode());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void commentsHeartsAndBlocksSurviveARestart(String database) throws Exception {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
    String id;
    Duration wait = Duration.ofSeconds(10);
    try (UpcastServer first = UpcastServer.start(config(database));
        TestPeer pubPeer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer bobPeer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer malPeer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      Api api = new Api(first.baseUri());
      String host = "host" + suffix;
      HttpResponse<String> whip =
          api.publish("Talk", SdpOffers.publisherWithDataChannel(pubPeer, 1, 2), api.signUp(host));
      assertEquals(201, whip.statusCode(), whip.body());
      pubPeer.connect(AnswerInfo.parse(whip.body()));
      id = null;
      for (JsonNode b : Api.json(api.get("/api/broadcasts?live=true"))) {
        if (b.get("broadcaster").get("handle").asText().equals(host)) {
          id = b.get("id").asText();
        }
      }
      assertNotNull(id, "the broadcast is listed");
      try (ChatClient broadcaster = ChatClient.open(pubPeer, "chat", wait);
          ChatClient bob = api.watchWithChat(bobPeer, id, api.signUp("bob" + suffix));
          ChatClient mal = api.watchWithChat(malPeer, id, api.signUp("mal" + suffix))) {
        bob.send("{\"type\":\"comment\",\"text\":\"one\"}");
        mal.send("{\"type\":\"comment\",\"text\":\"spam\"}");
        bob.send("{\"type\":\"comment\",\"text\":\"two\"}");
        bob.send("{\"type\":\"heart\",\"count\":5}");
        broadcaster.await("comment", "text", "two", wait);
        broadcaster.await("comment", "text", "spam", wait);
        broadcaster.send("{\"type\":\"block\",\"handle\":\"mal" + suffix + "\"}");
        bob.await(m -> m.path("type").asText().equals("removed"), wait);
        broadcaster.await("hearts", "total", "5", wait);
      }
    } // the process stops with the broadcast live

    try (UpcastServer again = UpcastServer.start(config(database))) {
      JsonNode page = Api.json(new Api(again.baseUri()).get("/api/broadcasts/" + id + "/comments"));
      assertEquals(2, page.get("comments").size(), page.toString());
      assertEquals("one", page.get("comments").get(0).get("text").asText());
      assertEquals("two", page.get("comments").get(1).get("text").asText());
      assertEquals("bob" + suffix, page.get("comments").get(0).get("author").asText());
      assertTrue(page.get("comments").get(0).get("offsetMs").asLong() >= 0);
      assertEquals(5, page.get("hearts").asLong());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void followsLinksImportsAndInboxSurviveARestart(String database) throws Exception {
    String n = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
    String xId = "9" + n;
    try (UpcastServer first = UpcastServer.start(config(database))) {
      Api api = new Api(first.baseUri());
      String fan = api.signUp("fan" + n);
      api.signUp("star" + n);
      assertEquals(
          200, api.send("POST", "/api/users/star" + n + "/follow", null, null, fan).statusCode());
      assertEquals(
          200,
          api.send(
                  "PUT",
                  "/api/me/x",
                  "application/json",
                  "{\"handle\":\"fx" + n + "\",\"accountId\":\"" + xId + "\"}",
                  fan)
              .statusCode());
      HttpResponse<String> imported =
          api.send("POST", "/api/me/import/csv", "text/csv", "later" + n + "\n", fan);
      assertEquals(1, Api.json(imported).get("pending").asInt(), imported.body());
      // The star goes live: the fan's inbox gets the item before the process stops.
      try (TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
        String starToken =
            Api.json(
                    api.postJson(
                        "/api/sessions",
                        "{\"handle\":\"star" + n + "\",\"password\":\"password-123\"}"))
                .get("token")
                .asText();
        assertEquals(
            201, api.publish("Inbox", SdpOffers.publisher(peer, 1, 2), starToken).statusCode());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Api.json(api.send("GET", "/api/me/notifications", null, null, fan))
                    .get("notifications")
                    .size()
                == 0
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }
    }
    try (UpcastServer again = UpcastServer.start(config(database))) {
      Api api = new Api(again.baseUri());
      JsonNode fan = Api.json(api.get("/api/users/fan" + n));
      assertEquals(1, fan.get("following").asLong());
      assertEquals(xId, fan.get("x").get("accountId").asText());
      String fanToken =
          Api.json(
                  api.postJson(
                      "/api/sessions",
                      "{\"handle\":\"fan" + n + "\",\"password\":\"password-123\"}"))
              .get("token")
              .asText();
      JsonNode inbox = Api.json(api.send("GET", "/api/me/notifications", null, null, fanToken));
      assertEquals(1, inbox.get("notifications").size(), inbox.toString());
      assertEquals(
          "Inbox", inbox.get("notifications").get(0).get("broadcast").get("title").asText());
      api.signUp("later" + n); // the pending import outlived the restart
      assertEquals(2, Api.json(api.get("/api/users/fan" + n)).get("following").asLong());
    }
  }
}
