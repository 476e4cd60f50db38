package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The REST API's contract (docs/api.md): statuses, JSON errors, CORS, pages. */
class ApiTest extends ServerTestBase {
  static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = Api.json(r);
    assertEquals(code, body.get("error").asText(), r.body());
    assertFalse(body.get("message").asText().isBlank());
  }

  @Test
  void signUpAndSignIn() throws Exception {
    HttpResponse<String> r =
        api.postJson("/api/users", "{\"handle\":\"Bob_1\",\"password\":\"hunter2hunter2\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode user = Api.json(r);
    assertEquals("Bob_1", user.get("handle").asText());
    assertFalse(user.get("id").asText().isEmpty());
    assertTrue(user.get("token").asText().length() >= 40);
    assertError(
        api.postJson("/api/users", "{\"handle\":\"bob_1\",\"password\":\"hunter2hunter2\"}"),
        409,
        "handle_taken");
    HttpResponse<String> s =
        api.postJson("/api/sessions", "{\"handle\":\"BOB_1\",\"password\":\"hunter2hunter2\"}");
    assertEquals(200, s.statusCode(), s.body());
    assertFalse(Api.json(s).get("token").asText().equals(user.get("token").asText()));
    assertError(
        api.postJson("/api/sessions", "{\"handle\":\"bob_1\",\"password\":\"wrong-password\"}"),
        401,
        "unauthorized");
    assertError(
        api.postJson("/api/sessions", "{\"handle\":\"nobody\",\"password\":\"wrong-password\"}"),
        401,
        "unauthorized");
  }

  @Test
  void badSignUpsAreRefusedClearly() throws Exception {
    assertError(
        api.postJson("/api/users", "{\"handle\":\"has space\",\"password\":\"hunter2hunter2\"}"),
        400,
        "invalid_handle");
    assertError(
        api.postJson(
            "/api/users", "{\"handle\":\"waytoolonghandle1\",\"password\":\"hunter2hunter2\"}"),
        400,
        "invalid_handle");
    assertError(
        api.postJson("/api/users", "{\"handle\":\"short\",\"password\":\"short\"}"),
        400,
        "invalid_password");
    assertError(api.postJson("/api/users", "{\"handle\":"), 400, "bad_request");
    assertError(api.postJson("/api/users", "[1,2]"), 400, "bad_request");
    assertError(
        api.send("POST", "/api/users", "text/plain", "handle=x", null),
        415,
        "unsupported_media_type");
    assertError(
        api.postJson("/api/users", "{\"pad\":\"" + "x".repeat(70_000) + "\"}"), 413, "too_large");
    assertError(api.get("/api/users"), 405, "method_not_allowed");
  }

  @Test
  void broadcastsAndUnknownThings() throws Exception {
    HttpResponse<String> list = api.get("/api/broadcasts?live=true");
    assertEquals(200, list.statusCode());
    assertTrue(Api.json(list).isArray());
    assertError(api.get("/api/broadcasts/nope"), 404, "not_found");
    assertError(api.get("/api/nothing"), 404, "not_found");
    assertError(api.get("/no/such/page"), 404, "not_found");
  }

  @Test
  void whipNeedsAValidTokenAndSdp() throws Exception {
    String token = api.signUp("whipper");
    assertError(api.send("POST", "/whip", "application/sdp", "v=0", null), 401, "unauthorized");
    assertError(api.send("POST", "/whip", "application/sdp", "v=0", "bad"), 401, "unauthorized");
    assertError(
        api.send("POST", "/whip", "application/json", "{}", token), 415, "unsupported_media_type");
    assertError(api.send("POST", "/whip", "application/sdp", "v=0\r\nx", token), 400, "bad_sdp");
    assertError(
        api.send("POST", "/whip", "application/sdp", "v=0\r\n" + "a=x\r\n".repeat(20_000), token),
        413,
        "too_large");
    assertError(api.send("POST", "/whep/nope", "application/sdp", "v=0", null), 404, "not_found");
    assertError(api.send("DELETE", "/whip/nope", null, null, token), 404, "not_found");
    assertEquals(0, Api.json(api.get("/api/broadcasts?live=true")).size(), "nothing left live");
  }

  @Test
  void crossOriginClientsGetPreflightAnswers() throws Exception {
    for (String path : new String[] {"/whip", "/whep/abc", "/api/broadcasts"}) {
      HttpResponse<String> r = api.send("OPTIONS", path, null, null, null);
      assertEquals(204, r.statusCode(), path);
      assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), path);
      assertTrue(
          r.headers()
              .firstValue("Access-Control-Allow-Headers")
              .orElse("")
              .contains("Authorization"));
      assertTrue(
          r.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Location"));
    }
    assertEquals(
        "*",
        api.get("/api/broadcasts").headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void pagesAndMetricsAreServed() throws Exception {
    for (String path : new String[] {"/", "/studio", "/signin", "/app.js", "/style.css"}) {
      HttpResponse<String> r = api.get(path);
      assertEquals(200, r.statusCode(), path);
    }
    // The watch page of an unknown broadcast is a "not found" page (SharingTest has the rest).
    assertEquals(404, api.get("/b/abc123").statusCode());
    assertTrue(
        api.get("/app.js")
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("text/javascript"));
    assertEquals("DENY", api.get("/").headers().firstValue("X-Frame-Options").orElse(""));
    HttpResponse<String> metrics = api.get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(
        metrics.body().contains("# TYPE upcast_transport_packets_received_total counter"),
        metrics.body());
    assertTrue(metrics.body().contains("upcast_broadcasts "), metrics.body());
  }
}
