package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the open internet may send: headers on every answer, strict bodies and numbers. */
class HardeningTest extends ServerTest {
  private static final String ARABIC_INDIC_THREE = "\u0663";

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  @Test
  void everyResponseCarriesTheFullPolicyAndNoServerVersion() {
    for (String path : List.of("/", "/signin", "/studio", "/app.js", "/api/broadcasts", "/nope")) {
      HttpResponse<String> r = client.get(path);
      String csp = header(r, "Content-Security-Policy");
      for (String directive :
          List.of(
              "default-src 'self'",
              "script-src 'self'",
              "object-src 'none'",
              "base-uri 'none'",
              "frame-ancestors 'none'")) {
        assertTrue(csp.contains(directive), path + ": " + csp);
      }
      assertEquals("DENY", header(r, "X-Frame-Options"), path);
      assertEquals("camera=(self), microphone=(self)", header(r, "Permissions-Policy"), path);
      assertEquals("strict-origin-when-cross-origin", header(r, "Referrer-Policy"), path);
      assertTrue(r.headers().firstValue("Server").isEmpty(), path + ": " + r.headers());
    }
    HttpResponse<String> embed = client.get("/embed/NoSuchOne");
    String csp = header(embed, "Content-Security-Policy");
    assertTrue(csp.contains("default-src 'self'") && csp.endsWith("frame-ancestors *"), csp);
    assertTrue(embed.headers().firstValue("X-Frame-Options").isEmpty());
  }

  @Test
  void jsonWithAnythingAfterTheObjectIsRefused() {
    String handle = newHandle("trail");
    for (String tail : List.of(" trailing garbage", " {}", "[1]", " \"x\"")) {
      HttpResponse<String> r =
          client.postJson(
              "/api/users", "{\"handle\":\"" + handle + "\",\"password\":\"secret123\"}" + tail);
      assertEquals(400, r.statusCode(), tail + " → " + r.body());
      assertEquals("bad_request", Client.error(r));
      String message = Client.json(r).get("message").asText();
      assertFalse(message.matches("(?s).*(com\\.fasterxml|upcast\\.|`).*"), message);
    }
    assertEquals(404, client.get("/api/users/" + handle).statusCode(), "nobody was signed up");
  }

  @Test
  void numbersInQueriesAreAsciiDigitsOnly() {
    Live live = goLive("digits");
    String id = live.id();
    String watch = URLEncoder.encode(client.uri("/b/" + id).toString(), StandardCharsets.UTF_8);
    String three = URLEncoder.encode(ARABIC_INDIC_THREE + "00", StandardCharsets.UTF_8);
    for (String path :
        List.of(
            "/oembed?url=" + watch + "&maxwidth=" + three,
            "/oembed?url=" + watch + "&maxheight=" + three,
            "/b/" + id + "/card.png?w=" + three,
            "/api/broadcasts/"
                + id
                + "/comments?limit="
                + URLEncoder.encode(ARABIC_INDIC_THREE, StandardCharsets.UTF_8),
            "/api/broadcasts/" + id + "/comments?after=" + three,
            "/api/users/nobody/followers?limit=%2B5")) {
      HttpResponse<String> r = client.get(path);
      assertEquals(400, r.statusCode(), path + " → " + r.body());
    }
    assertEquals(200, client.get("/oembed?url=" + watch + "&maxwidth=300").statusCode());
    live.end();
  }

  @Test
  void oembedNeverOffersAPlayerTooSmallToSee() {
    Live live = goLive("tiny");
    String watch =
        URLEncoder.encode(client.uri("/b/" + live.id()).toString(), StandardCharsets.UTF_8);
    for (String limits : List.of("&maxheight=1", "&maxwidth=1", "&maxwidth=10&maxheight=10")) {
      JsonNode o = Client.json(client.get("/oembed?url=" + watch + limits));
      assertEquals(160, o.get("width").asInt(), limits + " → " + o);
      assertEquals(90, o.get("height").asInt(), limits + " → " + o);
      assertTrue(o.get("html").asText().contains("width=\"160\" height=\"90\""), o.toString());
      assertFalse(o.has("thumbnail_url"), o.toString());
    }
    live.end();
  }

  @Test
  void aBadTokenOnAPublicReadIsIgnored() {
    String handle = newHandle("public");
    client.signUp(handle, "secret123");
    for (String path :
        List.of("/api/broadcasts", "/api/broadcasts?live=true", "/api/users/" + handle)) {
      HttpResponse<String> r =
          client.send(
              client.request(path).header("Authorization", "Bearer not-a-token").GET().build());
      assertEquals(200, r.statusCode(), path + " → " + r.body());
    }
    HttpResponse<String> profile =
        client.send(
            client
                .request("/api/users/" + handle)
                .header("Authorization", "Bearer not-a-token")
                .GET()
                .build());
    assertFalse(Client.json(profile).has("followedByMe"), "answered as anonymous");
  }

  /** A broadcast published over WHIP by a new user. */
  private record Live(String id, String token, String location) {
    void end() {
      client.delete(location, token);
    }
  }

  private static Live goLive(String prefix) {
    String handle = newHandle(prefix);
    String token = client.signUp(handle, "secret123");
    HttpResponse<String> r = client.postSdp("/whip", Offers.publisher(), token);
    assertEquals(201, r.statusCode(), r.body());
    String id = Client.json(client.get("/api/users/" + handle)).get("live").get("id").asText();
    return new Live(id, token, r.headers().firstValue("Location").orElseThrow());
  }
}
