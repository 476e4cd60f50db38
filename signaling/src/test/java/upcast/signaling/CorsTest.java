package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WHIP, WHEP and the read-only API answer CORS preflights and may be read from any origin. */
class CorsTest extends ServerTest {

  private static HttpResponse<String> preflight(String path, String method) {
    return client.send(
        client
            .request(path)
            .header("Origin", "https://player.example")
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", "authorization, content-type")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/whip", "/whep/someBroadcast", "/whip/session", "/whep/b/s"})
  void whipAndWhepPreflightsAllowPostDeleteAndTheHeadersClientsSend(String path) {
    HttpResponse<String> r = preflight(path, "POST");
    assertEquals(204, r.statusCode());
    assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    String methods = r.headers().firstValue("Access-Control-Allow-Methods").orElse("");
    assertTrue(methods.contains("POST") && methods.contains("DELETE"), methods);
    String headers = r.headers().firstValue("Access-Control-Allow-Headers").orElse("");
    assertTrue(
        headers.contains("Authorization")
            && headers.contains("Content-Type")
            && headers.contains("If-Match"),
        headers);
    String exposed = r.headers().firstValue("Access-Control-Expose-Headers").orElse("");
    assertTrue(
        exposed.contains("Location") && exposed.contains("Link") && exposed.contains("ETag"));
    assertEquals("application/sdp", r.headers().firstValue("Accept-Post").orElse(""));
  }

  @Test
  void apiPreflightAllowsGet() {
    HttpResponse<String> r = preflight("/api/broadcasts", "GET");
    assertEquals(204, r.statusCode());
    assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
  }

  @Test
  void actualResponsesCarryAllowOrigin() {
    HttpResponse<String> list = client.get("/api/broadcasts?live=true");
    assertEquals("*", list.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    HttpResponse<String> error = client.postSdp("/whip", "v=0", null);
    assertEquals(401, error.statusCode());
    assertEquals("*", error.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void accountsAndPagesAreSameOriginOnly() {
    HttpResponse<String> r = preflight("/api/users", "POST");
    assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    assertTrue(client.get("/").headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }
}
