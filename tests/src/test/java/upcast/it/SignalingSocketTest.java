package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/** The WebSocket signaling protocol of docs/protocol.md, with real peers behind it. */
class SignalingSocketTest extends ServerTestBase {
  /** A test client that queues every message it receives. */
  static final class Client implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    Client(@Nullable String token) throws Exception {
      URI base = server.baseUri();
      String q = token == null ? "" : "?token=" + token;
      ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws" + q), this)
              .get(5, TimeUnit.SECONDS);
    }

    @Override
    public @Nullable CompletionStage<?> onText(
        WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.add(Api.JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    void send(String text) {
      ws.sendText(text, true).join();
    }

    void send(ObjectNode message) {
      send(message.toString());
    }

    /** The next message of that type (others are skipped), within 5 s. */
    JsonNode next(String type) throws InterruptedException {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < deadline) {
        JsonNode m = received.poll(100, TimeUnit.MILLISECONDS);
        if (m != null && m.get("type").asText().equals(type)) {
          return m;
        }
      }
      throw new AssertionError("no '" + type + "' message");
    }

    @Override
    public void close() {
      var unused = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"); // fire and forget
    }
  }

  static ObjectNode message(String type) {
    return Api.JSON.createObjectNode().put("type", type);
  }

  @Test
  void badMessagesGetErrorsAndTheSocketStaysUsable() throws Exception {
    try (Client c = new Client(null)) {
      c.send("{not json");
      assertEquals("bad_request", c.next("error").get("error").asText());
      c.send("{\"type\":\"launch\"}");
      assertEquals("bad_request", c.next("error").get("error").asText());
      c.send(message("publish").put("title", "x").put("offer", "v=0"));
      assertEquals("unauthorized", c.next("error").get("error").asText());
      c.send(message("view").put("broadcastId", "nope").put("offer", "v=0"));
      assertEquals("not_found", c.next("error").get("error").asText());
      c.send(message("end"));
      assertEquals("not_live", c.next("error").get("error").asText());
      c.send(message("ping"));
      c.next("pong");
    }
  }

  @Test
  void publishViewCountAndEnd() throws Exception {
    String token = api.signUp("dave");
    try (Client studio = new Client(token);
        Client watcher = new Client(null);
        TestPeer pub = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer viewer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      studio.send(
          message("publish")
              .put("title", "Live from the socket")
              .put(
                  "offer",
                  SdpOffers.publisher(
                      pub, SyntheticPublisher.AUDIO_SSRC, SyntheticPublisher.VIDEO_SSRC)));
      JsonNode published = studio.next("published");
      String id = published.get("broadcastId").asText();
      assertEquals("/b/" + id, published.get("watchUrl").asText());
      pub.connect(AnswerInfo.parse(published.get("answer").asText()));

      try (SyntheticPublisher media = new SyntheticPublisher(pub, 20)) {
        watcher.send(message("view").put("broadcastId", id).put("offer", SdpOffers.viewer(viewer)));
        JsonNode viewing = watcher.next("viewing");
        assertEquals("Live from the socket", viewing.get("broadcast").get("title").asText());
        assertEquals("dave", viewing.get("broadcast").get("broadcaster").get("handle").asText());
        viewer.connect(AnswerInfo.parse(viewing.get("answer").asText()));
        assertTrue(viewer.rtp().poll(5, TimeUnit.SECONDS) != null);
        JsonNode count;
        do {
          count = studio.next("viewers");
        } while (count.get("count").asInt() != 1);
        assertEquals(id, count.get("broadcastId").asText());

        studio.send(message("end"));
        assertEquals(id, watcher.next("ended").get("broadcastId").asText());
        assertEquals(id, studio.next("ended").get("broadcastId").asText());
      }
      assertFalse(Api.json(api.get("/api/broadcasts/" + id)).get("live").asBoolean());
    }
  }

  @Test
  void closingThePublishersSocketEndsTheBroadcast() throws Exception {
    String token = api.signUp("erin");
    String id;
    try (TestPeer pub = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      Client studio = new Client(token);
      studio.send(
          message("publish").put("title", "brief").put("offer", SdpOffers.publisher(pub, 1, 2)));
      id = studio.next("published").get("broadcastId").asText();
      assertTrue(Api.json(api.get("/api/broadcasts/" + id)).get("live").asBoolean());
      studio.close();
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Api.json(api.get("/api/broadcasts/" + id)).get("live").asBoolean()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(Api.json(api.get("/api/broadcasts/" + id)).get("live").asBoolean());
  }
}
