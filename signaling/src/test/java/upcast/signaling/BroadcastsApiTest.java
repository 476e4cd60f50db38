package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The read-only broadcasts API: lists, one broadcast, unknown ids. */
class BroadcastsApiTest extends ServerTest {

  @Test
  void listsAreJsonArrays() {
    HttpResponse<String> live = client.get("/api/broadcasts?live=true");
    assertEquals(200, live.statusCode());
    assertTrue(Client.json(live).isArray());
    HttpResponse<String> all = client.get("/api/broadcasts?live=false");
    assertEquals(200, all.statusCode());
    assertTrue(Client.json(all).isArray());
  }

  @Test
  void aBroadcastHasThePublicShapeLiveAndEnded() {
    String handle = newHandle("shape");
    String token = client.signUp(handle, "password1");
    HttpResponse<String> published = client.postSdp("/whip", Offers.publisher(), token);
    assertEquals(201, published.statusCode(), published.body());
    JsonNode listed = null;
    for (JsonNode b : Client.json(client.get("/api/broadcasts?live=true"))) {
      if (b.path("broadcaster").path("handle").asText().equals(handle)) {
        listed = b;
      }
    }
    assertNotNull(listed);
    String id = listed.get("id").asText();
    assertEquals("@" + handle + " is live", listed.get("title").asText());
    assertEquals(0, listed.get("viewers").asInt());
    assertTrue(listed.get("startedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    for (String field :
        new String[] {
          "id",
          "title",
          "broadcaster",
          "live",
          "viewers",
          "startedAt",
          "endedAt",
          "watchUrl",
          "whepUrl"
        }) {
      assertTrue(listed.has(field), field);
    }

    client.delete(published.headers().firstValue("Location").get(), token);
    JsonNode ended = Client.json(client.get("/api/broadcasts/" + id));
    assertEquals(false, ended.get("live").asBoolean());
    boolean inHistory = false;
    for (JsonNode b : Client.json(client.get("/api/broadcasts?live=false"))) {
      inHistory |= b.get("id").asText().equals(id);
    }
    assertTrue(inHistory);
    for (JsonNode b : Client.json(client.get("/api/broadcasts?live=true"))) {
      assertTrue(!b.get("id").asText().equals(id), "ended broadcast still listed live");
    }
  }

  @Test
  void unknownBroadcastIs404() {
    HttpResponse<String> r = client.get("/api/broadcasts/doesNotExist");
    assertEquals(404, r.statusCode());
    assertEquals("not_found", Client.error(r));
    assertEquals(404, client.get("/api/broadcasts/" + "x".repeat(300)).statusCode());
  }

  @Test
  void malformedQueryStringIs400() throws Exception {
    // java.net.URI refuses bad escapes, so this request goes over a plain socket.
    try (Socket s = new Socket(server.baseUri().getHost(), server.httpPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              "GET /api/broadcasts?live=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 400"), response);
    }
  }

  @Test
  void writesAreNotAllowed() {
    HttpResponse<String> r = client.postJson("/api/broadcasts", "{}");
    assertEquals(405, r.statusCode());
    assertTrue(r.headers().firstValue("Allow").orElse("").contains("GET"));
  }
}
