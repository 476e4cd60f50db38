package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The WebSocket protocol of docs/protocol.md against the real server and SFU. */
class SignalingSocketTest extends ServerTest {

  private static String message(String type, String... fields) {
    ObjectNode m = Client.JSON.createObjectNode().put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      m.put(fields[i], fields[i + 1]);
    }
    return m.toString();
  }

  private static void assertError(JsonNode m, String code) {
    assertEquals("error", m.get("type").asText(), m.toString());
    assertEquals(code, m.get("error").asText(), m.toString());
    assertFalse(m.get("message").asText().isEmpty());
  }

  @Test
  void pingPong() throws Exception {
    try (WsClient ws = new WsClient(server.baseUri(), null)) {
      ws.send("{\"type\":\"ping\"}");
      assertEquals("pong", ws.next().get("type").asText());
    }
  }

  @Test
  void badMessagesGetErrorsAndTheSocketStaysUsable() throws Exception {
    try (WsClient ws = new WsClient(server.baseUri(), null)) {
      ws.send("{not json");
      assertError(ws.next(), "bad_request");
      ws.send("{\"type\":\"launch\"}");
      assertError(ws.next(), "bad_request");
      ws.send("{\"no\":\"type\"}");
      assertError(ws.next(), "bad_request");
      ws.send("{\"type\":\"pong\"}"); // a server→client type
      assertError(ws.next(), "bad_request");
      ws.send("{\"type\":\"view\",\"broadcastId\":\"x\"}"); // no offer
      assertError(ws.next(), "bad_request");
      ws.send("{\"type\":\"ping\"}");
      assertEquals("pong", ws.next().get("type").asText());
    }
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    try (WsClient ws = new WsClient(server.baseUri(), null)) {
      ws.send("{\"type\":\"ping\",\"v\":2,\"extra\":{\"a\":[1]}}");
      assertEquals("pong", ws.next().get("type").asText());
    }
  }

  @Test
  void errorsNeverNameJavaClassesAndTrailingTokensAreRefused() throws Exception {
    try (WsClient ws = new WsClient(server.baseUri(), null)) {
      for (String bad :
          new String[] {
            "{\"type\":\"ping\"} trailing garbage",
            "{\"type\":\"ping\"} {\"type\":\"ping\"}",
            "{\"type\":\"launch\"}",
            "{\"no\":\"type\"}",
            "[1]",
            "{\"type\":\"view\",\"broadcastId\":{\"a\":1},\"offer\":\"x\"}",
            "{not json"
          }) {
        ws.send(bad);
        JsonNode m = ws.next();
        assertError(m, "bad_request");
        assertFalse(
            m.get("message").asText().matches("(?s).*(com\\.fasterxml|upcast\\.|\\$|`).*"),
            bad + " → " + m);
      }
      ws.send("{\"type\":\"ping\"}");
      assertEquals("pong", ws.next().get("type").asText());
    }
  }

  @Test
  void publishingNeedsASignedInToken() throws Exception {
    try (WsClient anonymous = new WsClient(server.baseUri(), null)) {
      anonymous.send(message("publish", "title", "t", "offer", Offers.publisher()));
      assertError(anonymous.next(), "unauthorized");
    }
    try (WsClient badToken = new WsClient(server.baseUri(), "forged")) {
      badToken.send(message("publish", "title", "t", "offer", Offers.publisher()));
      assertError(badToken.next(), "unauthorized");
    }
  }

  @Test
  void viewingUnknownOrEndingNothingAreRefused() throws Exception {
    try (WsClient ws = new WsClient(server.baseUri(), null)) {
      ws.send(message("view", "broadcastId", "nope", "offer", Offers.viewer()));
      assertError(ws.next(), "not_found");
      ws.send(message("end"));
      assertError(ws.next(), "not_live");
    }
  }

  @Test
  void malformedSdpIsBadSdp() throws Exception {
    String token = client.signUp(newHandle("sdp"), "password1");
    try (WsClient ws = new WsClient(server.baseUri(), token)) {
      ws.send(message("publish", "offer", "definitely not sdp"));
      assertError(ws.next(), "bad_sdp");
    }
  }

  @Test
  void publishViewCountAndEnd() throws Exception {
    String handle = newHandle("studio");
    String token = client.signUp(handle, "password1");
    try (WsClient studio = new WsClient(server.baseUri(), token);
        WsClient viewer = new WsClient(server.baseUri(), null)) {
      studio.send(message("publish", "title", "First light", "offer", Offers.publisher()));
      JsonNode published = studio.next("published");
      String id = published.get("broadcastId").asText();
      assertTrue(published.get("answer").asText().startsWith("v=0"));
      assertEquals("/b/" + id, published.get("watchUrl").asText());
      JsonNode count = studio.next("viewers");
      assertEquals(id, count.get("broadcastId").asText());
      assertEquals(0, count.get("count").asInt());

      // Going live twice on one connection is refused.
      studio.send(message("publish", "offer", Offers.publisher()));
      assertError(studio.next("error"), "already_live");

      viewer.send(message("view", "broadcastId", id, "offer", Offers.viewer()));
      JsonNode viewing = viewer.next("viewing");
      assertEquals(id, viewing.get("broadcastId").asText());
      assertTrue(viewing.get("answer").asText().startsWith("v=0"));
      JsonNode b = viewing.get("broadcast");
      assertEquals("First light", b.get("title").asText());
      assertEquals(handle, b.get("broadcaster").get("handle").asText());
      assertTrue(b.get("live").asBoolean());

      studio.send(message("end"));
      assertEquals(id, studio.next("ended").get("broadcastId").asText());
      assertEquals(id, viewer.next("ended").get("broadcastId").asText());
      assertFalse(Client.json(client.get("/api/broadcasts/" + id)).get("live").asBoolean());
    }
  }

  @Test
  void closingThePublisherSocketEndsTheBroadcast() throws Exception {
    String token = client.signUp(newHandle("tab"), "password1");
    String id;
    try (WsClient viewer = new WsClient(server.baseUri(), null)) {
      try (WsClient studio = new WsClient(server.baseUri(), token)) {
        studio.send(message("publish", "offer", Offers.publisher()));
        id = studio.next("published").get("broadcastId").asText();
        viewer.send(message("view", "broadcastId", id, "offer", Offers.viewer()));
        viewer.next("viewing");
      }
      assertEquals(id, viewer.next("ended").get("broadcastId").asText());
    }
    assertFalse(Client.json(client.get("/api/broadcasts/" + id)).get("live").asBoolean());
  }

  @Test
  void closingAViewerSocketFreesItsPeer() throws Exception {
    String token = client.signUp(newHandle("count"), "password1");
    try (WsClient studio = new WsClient(server.baseUri(), token)) {
      studio.send(message("publish", "offer", Offers.publisher()));
      String id = studio.next("published").get("broadcastId").asText();
      long before = transports();
      try (WsClient viewer = new WsClient(server.baseUri(), null)) {
        viewer.send(message("view", "broadcastId", id, "offer", Offers.viewer()));
        viewer.next("viewing");
        assertEquals(before + 1, transports());
      }
      // The server learns of the close asynchronously: poll, bounded.
      for (int i = 0; i < 100 && transports() != before; i++) {
        Thread.sleep(50);
      }
      assertEquals(before, transports());
      studio.send(message("end"));
      studio.next("ended");
    }
  }

  private static long transports() {
    return server.sfu().stats().gauge("transports");
  }

  @Test
  void oversizedMessagesCloseTheSocket() throws Exception {
    try (WsClient ws = new WsClient(server.baseUri(), null)) {
      ws.send(message("ping", "pad", "x".repeat(70_000)));
      int status = ws.closed.get(10, TimeUnit.SECONDS);
      assertEquals(1009, status); // RFC 6455 §7.4.1: message too big
    }
  }
}
