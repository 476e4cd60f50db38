package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import upcast.sfu.client.SrtpProfile;
import upcast.signaling.store.Database;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.ChatClient;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Live comments and hearts through the real server: WHIP publishers and WHEP viewers (in-process
 * peers with real ICE, DTLS and our SCTP) on the {@code chat} channel, the limits and moderation of
 * docs/protocol.md "Chat", and the comments' REST API and persistence.
 */
class ChatTest extends ServerPerTestBase {
  /** A broadcaster live by WHIP with a chat channel. */
  private record Live(String broadcastId, ChatClient chat, String location, TestPeer peer) {}

  private Live goLive(String token) throws Exception {
    TestPeer peer = keep(TestPeer.create(SrtpProfile.AEAD_AES_128_GCM));
    HttpResponse<String> r =
        api.publish("Chat test", SdpOffers.publisherWithDataChannel(peer, 11, 12), token);
    assertEquals(201, r.statusCode(), r.body());
    peer.connect(AnswerInfo.parse(r.body()));
    ChatClient chat = keep(ChatClient.open(peer, "chat", WAIT));
    String id = null;
    for (JsonNode b : api.getOk("/api/broadcasts?live=true")) {
      id = b.get("id").asText(); // each test has one live broadcast at a time
    }
    assertNotNull(id, "the broadcast is listed");
    return new Live(id, chat, r.headers().firstValue("Location").orElseThrow(), peer);
  }

  /** A WHEP viewer with a chat channel; {@code token} null for an anonymous one. */
  private ChatClient watch(String broadcastId, @Nullable String token) throws Exception {
    TestPeer peer = keep(TestPeer.create(SrtpProfile.AEAD_AES_128_GCM));
    return keep(api.watchWithChat(peer, broadcastId, token));
  }

  private static String comment(String text) {
    return "{\"type\":\"comment\",\"text\":" + Api.JSON.valueToTree(text) + "}";
  }

  private static Predicate<JsonNode> code(String code) {
    return m -> m.path("type").asText().equals("error") && m.path("code").asText().equals(code);
  }

  private static JsonNode error(ChatClient c, String code) throws InterruptedException {
    return c.await("error", "code", code, WAIT);
  }

  @Test
  void commentReachesEveryoneOnceWithAuthorAndOffset() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    ChatClient anon = watch(alice.broadcastId(), null);

    JsonNode hello = bob.await("hello", "you", "bob", WAIT);
    assertEquals("viewer", hello.get("role").asText());
    assertTrue(hello.get("canComment").asBoolean());
    JsonNode anonHello = anon.await(m -> m.path("type").asText().equals("hello"), WAIT);
    assertTrue(anonHello.get("you").isNull());
    assertFalse(anonHello.get("canComment").asBoolean());
    assertEquals(
        "broadcaster",
        alice
            .chat()
            .await(m -> m.path("type").asText().equals("hello"), WAIT)
            .get("role")
            .asText());

    bob.send(comment("  hello everyone 👋  "));
    for (ChatClient c : List.of(bob, anon, alice.chat())) {
      JsonNode m = c.await("comment", "author", "bob", WAIT);
      assertEquals("hello everyone 👋", m.get("text").asText());
      assertFalse(m.get("id").asText().isEmpty());
      assertTrue(m.get("offsetMs").asLong() >= 0);
      assertTrue(Math.abs(m.get("at").asLong() - System.currentTimeMillis()) < 60_000);
    }
    anon.send(comment("let me in"));
    assertEquals("auth_required", error(anon, "auth_required").get("code").asText());
    alice.chat().send(comment("thanks for watching"));
    bob.await("comment", "author", "alice", WAIT);
    Thread.sleep(300); // anything duplicated would have arrived by now
    for (ChatClient c : List.of(bob, anon, alice.chat())) {
      assertEquals(2, c.messages("comment").size(), "each comment exactly once: " + c.messages());
    }
    assertEquals(0, alice.chat().messages("error").size());
    assertFalse(anon.messages("comment").stream().anyMatch(m -> m.toString().contains("let me")));

    // A late joiner gets the scroll-back, oldest first.
    ChatClient late = watch(alice.broadcastId(), null);
    late.await("comment", "author", "alice", WAIT);
    List<JsonNode> backlog = late.messages("comment");
    assertEquals("bob", backlog.get(0).get("author").asText());
    assertEquals("alice", backlog.get(1).get("author").asText());
  }

  @Test
  void badMessagesGetErrorsAndTheChannelKeepsWorking() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    bob.await("hello", "you", "bob", WAIT);

    bob.send(comment("x".repeat(281)));
    error(bob, "too_long");
    bob.send(comment("   \n\t "));
    error(bob, "empty");
    bob.send("{not json");
    bob.send("[1,2]");
    bob.send("{\"type\":\"dance\"}");
    bob.send("{\"type\":\"heart\",\"count\":5000}");
    bob.send("{\"type\":\"comment\",\"text\":\"" + "y".repeat(5 * 1024) + "\"}");
    bob.awaitCount(code("bad_message"), 5, WAIT);
    bob.send("{\"type\":\"block\",\"handle\":\"alice\"}");
    error(bob, "forbidden");
    bob.send("{\"type\":\"settings\",\"comments\":\"off\"}");
    bob.awaitCount(code("forbidden"), 2, WAIT);

    // 280 characters (emoji count as one) pass, and the channel still works after all that.
    String longest = "😀".repeat(140) + "z".repeat(140);
    bob.send(comment(longest));
    assertEquals(longest, bob.await("comment", "author", "bob", WAIT).get("text").asText());
    assertEquals(0, alice.chat().messages("error").size());
  }

  @Test
  void commentsAreRateLimitedPerUserWithABurstOfThree() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    String bobToken = api.signUp("bob");
    ChatClient bob = watch(alice.broadcastId(), bobToken);
    ChatClient bobAgain = watch(alice.broadcastId(), bobToken); // same user, second tab
    bob.await("hello", "you", "bob", WAIT);
    bobAgain.await("hello", "you", "bob", WAIT);
    for (int i = 0; i < 3; i++) {
      bob.send(comment("quick " + i));
    }
    alice.chat().await("comment", "text", "quick 2", WAIT); // the burst is used up
    bobAgain.send(comment("quick 3"));
    bob.send(comment("quick 4"));
    error(bobAgain, "rate_limited");
    error(bob, "rate_limited");
    Thread.sleep(300);
    assertEquals(3, alice.chat().messages("comment").size(), alice.chat().messages().toString());
    Thread.sleep(1100); // a token comes back each second
    bob.send(comment("patient"));
    alice.chat().await("comment", "text", "patient", WAIT);
  }

  @Test
  void heartsAreAggregated() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    ChatClient anon = watch(alice.broadcastId(), null);
    bob.await("hello", "you", "bob", WAIT);
    anon.await(m -> m.path("type").asText().equals("hello"), WAIT);
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      bob.send("{\"type\":\"heart\",\"count\":3}");
    }
    anon.send("{\"type\":\"heart\"}");
    error(anon, "auth_required");
    for (ChatClient c : List.of(alice.chat(), anon, bob)) {
      c.await("hearts", "total", "30", WAIT);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long totals = anon.messages("hearts").stream().filter(m -> m.get("total").asLong() > 0).count();
    assertTrue(totals <= seconds * 4 + 2, totals + " totals in " + seconds + " s");
    assertEquals(30, api.getOk("/api/broadcasts/" + alice.broadcastId()).get("hearts").asLong());
  }

  @Test
  void blockRemovesCommentsForEveryoneAndSurvivesRestart() throws Exception {
    String aliceToken = api.signUp("alice");
    Live alice = goLive(aliceToken);
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    ChatClient carol = watch(alice.broadcastId(), api.signUp("carol"));
    bob.await("hello", "you", "bob", WAIT);
    carol.await("hello", "you", "carol", WAIT);
    bob.send(comment("spam 1"));
    bob.send(comment("spam 2"));
    carol.send(comment("nice stream"));
    carol.await("comment", "text", "spam 2", WAIT);
    carol.await("comment", "text", "nice stream", WAIT);
    List<String> bobIds =
        carol.messages("comment").stream()
            .filter(m -> m.get("author").asText().equals("bob"))
            .map(m -> m.get("id").asText())
            .toList();

    alice.chat().send("{\"type\":\"block\",\"handle\":\"bob\"}");
    for (ChatClient c : List.of(carol, bob, alice.chat())) {
      JsonNode removed = c.await(m -> m.path("type").asText().equals("removed"), WAIT);
      List<String> ids = new ArrayList<>();
      removed.get("commentIds").forEach(n -> ids.add(n.asText()));
      assertEquals(bobIds, ids);
    }
    Thread.sleep(1100); // bob has tokens again: the refusal below is the block, not the rate
    bob.send(comment("am I still here?"));
    error(bob, "blocked");
    bob.send("{\"type\":\"heart\"}");
    bob.awaitCount(code("blocked"), 2, WAIT);

    // REST: blocked comments are gone; a REST block by anyone but the owner is refused.
    JsonNode page = api.getOk("/api/broadcasts/" + alice.broadcastId() + "/comments");
    assertEquals(1, page.get("comments").size(), page.toString());
    assertEquals("nice stream", page.get("comments").get(0).get("text").asText());
    String carolToken = api.signUp("carol2");
    assertEquals(
        403,
        api.send(
                "POST",
                "/api/broadcasts/" + alice.broadcastId() + "/blocks",
                "application/json",
                "{\"handle\":\"carol\"}",
                carolToken)
            .statusCode());
    assertEquals(
        401,
        api.send(
                "POST",
                "/api/broadcasts/" + alice.broadcastId() + "/blocks",
                "application/json",
                "{\"handle\":\"carol\"}",
                null)
            .statusCode());
    HttpResponse<String> unknown =
        api.send(
            "POST",
            "/api/broadcasts/" + alice.broadcastId() + "/blocks",
            "application/json",
            "{\"handle\":\"nobody_here\"}",
            aliceToken);
    assertEquals(404, unknown.statusCode(), unknown.body());

    // After a restart the comments, their removal and the hearts are still there.
    stop();
    start();
    page = api.getOk("/api/broadcasts/" + alice.broadcastId() + "/comments");
    assertEquals(1, page.get("comments").size(), page.toString());
    assertEquals("carol", page.get("comments").get(0).get("author").asText());
  }

  @Test
  void commentsCanBeTurnedOffOrLimitedToFollowers() throws Exception {
    String aliceToken = api.signUp("alice");
    Live alice = goLive(aliceToken);
    String bobToken = api.signUp("bob");
    ChatClient bob = watch(alice.broadcastId(), bobToken);
    bob.await("hello", "you", "bob", WAIT);

    alice.chat().send("{\"type\":\"settings\",\"comments\":\"off\"}");
    bob.await("settings", "comments", "off", WAIT);
    bob.send(comment("hello?"));
    error(bob, "comments_off");
    alice.chat().send(comment("the broadcaster still may"));
    bob.await("comment", "author", "alice", WAIT);

    HttpResponse<String> patched =
        api.send(
            "PATCH",
            "/api/broadcasts/" + alice.broadcastId(),
            "application/json",
            "{\"comments\":\"followers\"}",
            aliceToken);
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("followers", Api.json(patched).get("comments").asText());
    bob.await("settings", "comments", "followers", WAIT);
    bob.send(comment("may I?"));
    error(bob, "followers_only");
    assertEquals(
        403,
        api.send(
                "PATCH",
                "/api/broadcasts/" + alice.broadcastId(),
                "application/json",
                "{\"comments\":\"everyone\"}",
                bobToken)
            .statusCode());
    assertEquals(
        400,
        api.send(
                "PATCH",
                "/api/broadcasts/" + alice.broadcastId(),
                "application/json",
                "{\"comments\":\"nobody\"}",
                aliceToken)
            .statusCode());

    follow("bob", "alice");
    Thread.sleep(1100);
    bob.send(comment("now I follow"));
    alice.chat().await("comment", "text", "now I follow", WAIT);
  }

  @Test
  void commentsArePagedInOrder() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    for (int i = 0; i < 5; i++) {
      alice.chat().send(comment("c" + i)); // the broadcaster: limited like anyone
      alice.chat().await("comment", "text", "c" + i, WAIT);
      if (i == 2) {
        Thread.sleep(2100);
      }
    }
    String base = "/api/broadcasts/" + alice.broadcastId() + "/comments";
    JsonNode first = api.getOk(base + "?limit=2");
    assertEquals(2, first.get("comments").size());
    assertEquals("c0", first.get("comments").get(0).get("text").asText());
    JsonNode second = api.getOk(base + "?limit=2&after=" + first.get("next").asText());
    assertEquals("c2", second.get("comments").get(0).get("text").asText());
    JsonNode third = api.getOk(base + "?limit=2&after=" + second.get("next").asText());
    assertEquals(1, third.get("comments").size());
    assertTrue(third.get("next").isNull());
    long lastOffset = -1;
    for (JsonNode page : List.of(first, second, third)) {
      for (JsonNode c : page.get("comments")) {
        assertTrue(c.get("offsetMs").asLong() >= lastOffset);
        lastOffset = c.get("offsetMs").asLong();
      }
    }
    assertEquals(400, api.get(base + "?limit=0").statusCode());
    assertEquals(400, api.get(base + "?after=abc").statusCode());
    assertEquals(404, api.get("/api/broadcasts/nope/comments").statusCode());
  }

  @Test
  void aThousandChannelOpensOnOneAssociationAreCapped() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    ChatClient carol = watch(alice.broadcastId(), api.signUp("carol"));
    bob.await("hello", "you", "bob", WAIT);
    carol.await("hello", "you", "carol", WAIT);
    bob.openMore("chat", 1000);
    Thread.sleep(1500);
    long rejected = server.sfu().stats().counter("sctp_channel_opens_rejected", "limit");
    assertTrue(rejected >= 1000 - 64, "rejected " + rejected);
    // Both associations still work.
    Thread.sleep(1100);
    bob.send(comment("still here"));
    carol.await("comment", "text", "still here", WAIT);
    carol.send(comment("me too"));
    bob.await("comment", "text", "me too", WAIT);
    alice.chat().await("comment", "text", "me too", WAIT);
  }

  @Test
  void theOwnerMayCommentFromASecondDeviceButOnlyThePublisherModerates() throws Exception {
    String aliceToken = api.signUp("alice");
    Live alice = goLive(aliceToken);
    alice.chat().send("{\"type\":\"settings\",\"comments\":\"off\"}");
    alice.chat().await("settings", "comments", "off", WAIT);

    ChatClient phone = watch(alice.broadcastId(), aliceToken); // alice watching on her phone
    JsonNode hello = phone.await("hello", "you", "alice", WAIT);
    assertEquals("viewer", hello.get("role").asText());
    assertTrue(hello.get("canComment").asBoolean(), hello.toString());
    phone.send(comment("from my phone"));
    alice.chat().await("comment", "text", "from my phone", WAIT);
    phone.send("{\"type\":\"settings\",\"comments\":\"everyone\"}");
    error(phone, "forbidden");
    assertEquals(0, phone.messages("error").stream().filter(code("comments_off")).count());
  }

  @Test
  void theMemberWhoseJoinOpensTheRoomGetsTheCurrentViewerCount() throws Exception {
    // A publisher without a chat channel (e.g. OBS by WHIP): the first viewer opens the room.
    TestPeer publisher = keep(TestPeer.create(SrtpProfile.AEAD_AES_128_GCM));
    HttpResponse<String> r =
        api.send(
            "POST",
            "/whip",
            "application/sdp",
            SdpOffers.publisher(publisher, 11, 12),
            api.signUp("alice"));
    assertEquals(201, r.statusCode(), r.body());
    publisher.connect(AnswerInfo.parse(r.body()));
    String id = api.getOk("/api/broadcasts?live=true").get(0).get("id").asText();

    ChatClient bob = watch(id, api.signUp("bob"));
    bob.await(m -> m.path("type").asText().equals("viewers"), WAIT);
    assertEquals(1, bob.messages("viewers").get(0).get("count").asInt(), bob.messages().toString());
  }

  @Test
  void theEndReachesMembersAndKeepsTheLastHearts() throws Exception {
    String aliceToken = api.signUp("alice");
    Live alice = goLive(aliceToken);
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    bob.await("hello", "you", "bob", WAIT);
    bob.send("{\"type\":\"heart\",\"count\":7}");
    bob.send(comment("bye"));
    bob.await("comment", "text", "bye", WAIT); // the hearts before it are counted too

    assertEquals(200, api.send("DELETE", alice.location(), null, null, aliceToken).statusCode());
    bob.await(m -> m.path("type").asText().equals("ended"), WAIT);
    assertEquals(7, api.getOk("/api/broadcasts/" + alice.broadcastId()).get("hearts").asLong());
    JsonNode comments = api.getOk("/api/broadcasts/" + alice.broadcastId() + "/comments");
    assertEquals(7, comments.get("hearts").asLong());
    assertEquals("bye", comments.get("comments").get(0).get("text").asText());
  }

  @Test
  void whenThePublishersConnectionDiesWhepViewersStillHearTheEnd() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    bob.await("hello", "you", "bob", WAIT);
    alice.peer().closeDtls(); // the browser tab closed: close_notify, no DELETE
    bob.await(m -> m.path("type").asText().equals("ended"), WAIT);
    assertFalse(api.getOk("/api/broadcasts/" + alice.broadcastId()).get("live").asBoolean());
  }

  @Test
  void aFloodingViewerCannotCrowdOutTheOthers() throws Exception {
    Live alice = goLive(api.signUp("alice"));
    ChatClient bob = watch(alice.broadcastId(), api.signUp("bob"));
    ChatClient eve = watch(alice.broadcastId(), api.signUp("eve"));
    bob.await("hello", "you", "bob", WAIT);
    eve.await("hello", "you", "eve", WAIT);

    long start = System.nanoTime();
    int flooded = eve.sendMany("{\"type\":\"heart\"}", 5_000);
    bob.send(comment("over the noise"));
    alice.chat().await("comment", "text", "over the noise", WAIT);

    // Eve's own channel still works once her flood has drained (it may drop her frames meanwhile).
    JsonNode mine = null;
    for (int i = 0; i < 8 && mine == null; i++) {
      eve.send(comment("still me"));
      try {
        mine = eve.await("comment", "text", "still me", Duration.ofSeconds(1));
      } catch (AssertionError notYet) {
        // dropped while her queue was full: try again
      }
    }
    assertTrue(mine != null, "eve's comment never came back: " + eve.messages("error"));
    double seconds = (System.nanoTime() - start) / 1e9;
    long rateErrors = eve.messages("error").stream().filter(code("rate_limited")).count();
    assertTrue(rateErrors <= seconds + 2, rateErrors + " rate_limited errors in " + seconds + " s");
    String dropped =
        api.get("/metrics")
            .body()
            .lines()
            .filter(l -> l.startsWith("upcast_chat_frames_dropped_total"))
            .findFirst()
            .orElse("(none)");
    System.out.printf(
        "flood: %d heart frames queued by eve, %d rate_limited errors to her in %.1f s; %s%n",
        flooded, rateErrors, seconds, dropped);
    assertTrue(flooded > 100, "flooded " + flooded);
  }

  private void follow(String follower, String followee) throws Exception {
    // The follow API is not part of the chat; write the row the way it stores one.
    try (Database db = Database.open(dataDir, null, null, null);
        Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO follows (follower_id, followee_id, created_at, muted)"
                    + " SELECT a.id, b.id, ?, FALSE FROM users a, users b"
                    + " WHERE a.handle_key = ? AND b.handle_key = ?")) {
      ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
      ps.setString(2, follower);
      ps.setString(3, followee);
      assertEquals(1, ps.executeUpdate());
    }
  }
}
