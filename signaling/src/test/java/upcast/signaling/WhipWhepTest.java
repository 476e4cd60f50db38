package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * WHIP and WHEP over HTTP (RFC 9725): authorization, content types, size limits, SDP errors from
 * the real SFU, session URLs, and the broadcast rows they create. No media flows here.
 */
class WhipWhepTest extends ServerTest {

  @Test
  void whipNeedsAValidBearerToken() {
    HttpResponse<String> missing = client.postSdp("/whip", Offers.publisher(), null);
    assertEquals(401, missing.statusCode());
    assertEquals("unauthorized", Client.error(missing));
    HttpResponse<String> bad = client.postSdp("/whip", Offers.publisher(), "not-a-token");
    assertEquals(401, bad.statusCode());
    assertEquals("unauthorized", Client.error(bad));
  }

  @Test
  void whipNeedsApplicationSdp() {
    String token = client.signUp(newHandle("w"), "password1");
    HttpResponse<String> r =
        client.send(
            client
                .request("/whip")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Offers.publisher()))
                .build());
    assertEquals(415, r.statusCode());
    assertEquals("unsupported_media_type", Client.error(r));
  }

  @Test
  void bodiesOver64KiBAre413WhetherDeclaredOrStreamed() {
    String token = client.signUp(newHandle("w"), "password1");
    String huge = Offers.publisher() + "a=x:" + "y".repeat(70_000) + "\r\n";
    HttpResponse<String> declared = client.postSdp("/whip", huge, token);
    assertEquals(413, declared.statusCode());
    assertEquals("too_large", Client.error(declared));

    // Chunked: no Content-Length, so only counting the bytes read can catch it.
    byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> streamed =
        client.send(
            client
                .request("/whip")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/sdp")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build());
    assertEquals(413, streamed.statusCode());
  }

  @Test
  void malformedSdpIs400BadSdpAndLeavesNoBroadcast() {
    String token = client.signUp(newHandle("w"), "password1");
    HttpResponse<String> r = client.postSdp("/whip", "this is not sdp", token);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("bad_sdp", Client.error(r));
    // The user is not "already live" because of the failed attempt.
    HttpResponse<String> ok = client.postSdp("/whip", Offers.publisher(), token);
    assertEquals(201, ok.statusCode(), ok.body());
    assertEquals(200, client.delete(ok.headers().firstValue("Location").get(), token).statusCode());
  }

  @Test
  void publishViewAndEndThroughWhipAndWhep() {
    String handle = newHandle("live");
    String token = client.signUp(handle, "password1");
    HttpResponse<String> published =
        client.postSdp("/whip?title=Hello%20world", Offers.publisher(), token);
    assertEquals(201, published.statusCode(), published.body());
    assertTrue(published.headers().firstValue("Content-Type").get().startsWith("application/sdp"));
    assertTrue(published.body().startsWith("v=0"), published.body());
    assertEquals("*", published.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    String location = published.headers().firstValue("Location").orElseThrow();
    assertTrue(location.matches("/whip/[A-Za-z0-9_-]+"), location);

    // The broadcast is listed live with its title and owner.
    String id = liveIdOf(handle);
    JsonNode mine = Client.json(client.get("/api/broadcasts/" + id));
    assertEquals("Hello world", mine.get("title").asText());
    assertTrue(mine.get("live").asBoolean());
    assertEquals("/b/" + id, mine.get("watchUrl").asText());
    assertEquals("/whep/" + id, mine.get("whepUrl").asText());
    assertTrue(mine.get("endedAt").isNull());

    // A second broadcast by the same user is refused while the first is live.
    HttpResponse<String> again = client.postSdp("/whip", Offers.publisher(), token);
    assertEquals(409, again.statusCode());
    assertEquals("already_live", Client.error(again));

    // A viewer, anonymous, through WHEP.
    HttpResponse<String> viewing = client.postSdp("/whep/" + id, Offers.viewer(), null);
    assertEquals(201, viewing.statusCode(), viewing.body());
    String viewerLocation = viewing.headers().firstValue("Location").orElseThrow();
    assertTrue(viewerLocation.startsWith("/whep/" + id + "/"), viewerLocation);
    assertTrue(viewing.body().startsWith("v=0"));
    assertEquals(200, client.delete(viewerLocation, null).statusCode());
    assertEquals(404, client.delete(viewerLocation, null).statusCode());

    // Someone else may not end it; the owner may.
    String other = client.signUp(newHandle("other"), "password1");
    HttpResponse<String> forbidden = client.delete(location, other);
    assertEquals(403, forbidden.statusCode());
    assertEquals("forbidden", Client.error(forbidden));
    assertEquals(401, client.delete(location, null).statusCode());
    assertEquals(200, client.delete(location, token).statusCode());

    JsonNode ended = Client.json(client.get("/api/broadcasts/" + id));
    assertFalse(ended.get("live").asBoolean());
    assertFalse(ended.get("endedAt").isNull());
    HttpResponse<String> late = client.postSdp("/whep/" + id, Offers.viewer(), null);
    assertEquals(404, late.statusCode());
    assertEquals("not_live", Client.error(late));
  }

  @Test
  void whepWithABadTokenIs401AndWithAGoodOneWorks() {
    String handle = newHandle("pub");
    String token = client.signUp(handle, "password1");
    HttpResponse<String> published = client.postSdp("/whip", Offers.publisher(), token);
    assertEquals(201, published.statusCode(), published.body());
    String id = liveIdOf(handle);
    assertEquals(401, client.postSdp("/whep/" + id, Offers.viewer(), "nope").statusCode());
    String viewerToken = client.signUp(newHandle("viewer"), "password1");
    assertEquals(201, client.postSdp("/whep/" + id, Offers.viewer(), viewerToken).statusCode());
    assertEquals(400, client.postSdp("/whep/" + id, "garbage", null).statusCode());
    client.delete(published.headers().firstValue("Location").get(), token);
  }

  private static String liveIdOf(String handle) {
    for (JsonNode b : Client.json(client.get("/api/broadcasts?live=true"))) {
      if (b.get("broadcaster").get("handle").asText().equals(handle)) {
        return b.get("id").asText();
      }
    }
    throw new AssertionError(handle + " is not live");
  }

  @Test
  void whepToAnUnknownBroadcastIs404() {
    HttpResponse<String> r = client.postSdp("/whep/NoSuchId", Offers.viewer(), null);
    assertEquals(404, r.statusCode());
    assertEquals("not_found", Client.error(r));
  }

  @Test
  void patchIs405WithAllowBecauseNeitherTrickleNorRestartIsSupported() {
    HttpResponse<String> r =
        client.send(
            client
                .request("/whip/some-session")
                .header("Content-Type", "application/trickle-ice-sdpfrag")
                .header("If-Match", "*")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("a=ice-ufrag:x\r\n"))
                .build());
    assertEquals(405, r.statusCode());
    String allow = r.headers().firstValue("Allow").orElse("");
    assertTrue(allow.contains("DELETE") && !allow.contains("PATCH"), allow);
    HttpResponse<String> whep =
        client.send(
            client
                .request("/whep/b/s")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(""))
                .build());
    assertEquals(405, whep.statusCode());
  }

  @Test
  void otherMethodsOnTheEndpointsAre405() {
    HttpResponse<String> get = client.get("/whip");
    assertEquals(405, get.statusCode());
    assertEquals("POST, OPTIONS", get.headers().firstValue("Allow").orElse(""));
    assertEquals(405, client.get("/whep/abc").statusCode());
    assertEquals(405, client.get("/whip/session").statusCode());
    assertEquals(
        404,
        client
            .delete("/whip/unknown-session", client.signUp(newHandle("d"), "password1"))
            .statusCode());
  }
}
