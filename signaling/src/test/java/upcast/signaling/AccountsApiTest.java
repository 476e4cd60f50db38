package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-up and sign-in over HTTP: statuses, error codes and bodies per docs/api.md. */
class AccountsApiTest extends ServerTest {

  private static String credentials(String handle, String password) {
    return "{\"handle\":\"" + handle + "\",\"password\":\"" + password + "\"}";
  }

  @Test
  void signUpReturnsIdHandleAndToken() {
    String handle = newHandle("Alice_");
    HttpResponse<String> r = client.postJson("/api/users", credentials(handle, "correct horse"));
    assertEquals(201, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = Client.json(r);
    assertEquals(handle, body.get("handle").asText());
    assertFalse(body.get("id").asText().isEmpty());
    // 32 random bytes in base64url without padding.
    assertTrue(body.get("token").asText().matches("[A-Za-z0-9_-]{43}"), body.toString());
  }

  @Test
  void handlesAreUniqueIgnoringCase() {
    String handle = newHandle("bob");
    assertEquals(201, client.postJson("/api/users", credentials(handle, "password1")).statusCode());
    HttpResponse<String> same = client.postJson("/api/users", credentials(handle, "password2"));
    assertEquals(409, same.statusCode());
    assertEquals("handle_taken", Client.error(same));
    HttpResponse<String> upper =
        client.postJson("/api/users", credentials(handle.toUpperCase(Locale.ROOT), "password2"));
    assertEquals(409, upper.statusCode());
    assertEquals("handle_taken", Client.error(upper));
    assertFalse(Client.json(upper).get("message").asText().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sixteen_chars_xx", "has space", "dash-ed", "émile", "a.b"})
  void badHandlesAreRefused(String handle) {
    HttpResponse<String> r = client.postJson("/api/users", credentials(handle, "password1"));
    assertEquals(400, r.statusCode(), handle);
    assertEquals("invalid_handle", Client.error(r));
  }

  @Test
  void fifteenCharacterHandleIsFine() {
    String handle = newHandle("x").concat("_______________").substring(0, 15);
    assertEquals(201, client.postJson("/api/users", credentials(handle, "password1")).statusCode());
  }

  @Test
  void passwordsAreEightToTwoHundredCharacters() {
    HttpResponse<String> shortOne =
        client.postJson("/api/users", credentials(newHandle("p"), "1234567"));
    assertEquals(400, shortOne.statusCode());
    assertEquals("invalid_password", Client.error(shortOne));
    HttpResponse<String> longOne =
        client.postJson("/api/users", credentials(newHandle("p"), "x".repeat(201)));
    assertEquals(400, longOne.statusCode());
    assertEquals("invalid_password", Client.error(longOne));
    assertEquals(
        201,
        client.postJson("/api/users", credentials(newHandle("p"), "x".repeat(200))).statusCode());
    assertEquals(
        201, client.postJson("/api/users", credentials(newHandle("p"), "12345678")).statusCode());
  }

  @Test
  void malformedJsonIs400AndTheWrongContentTypeIs415() {
    HttpResponse<String> malformed = client.postJson("/api/users", "{\"handle\":");
    assertEquals(400, malformed.statusCode());
    assertEquals("bad_request", Client.error(malformed));
    HttpResponse<String> notObject = client.postJson("/api/users", "[1,2]");
    assertEquals(400, notObject.statusCode());
    HttpResponse<String> form =
        client.send(
            client
                .request("/api/users")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("handle=a&password=b"))
                .build());
    assertEquals(415, form.statusCode());
    assertEquals("unsupported_media_type", Client.error(form));
  }

  @Test
  void signInIssuesAFreshTokenAndIgnoresHandleCase() {
    String handle = newHandle("Carol");
    String first = client.signUp(handle, "password1");
    HttpResponse<String> r =
        client.postJson("/api/sessions", credentials(handle.toLowerCase(Locale.ROOT), "password1"));
    assertEquals(200, r.statusCode(), r.body());
    String second = Client.json(r).get("token").asText();
    assertNotEquals(first, second);
  }

  @Test
  void wrongPasswordAndUnknownHandleAre401() {
    String handle = newHandle("dave");
    client.signUp(handle, "password1");
    HttpResponse<String> wrong = client.postJson("/api/sessions", credentials(handle, "password2"));
    assertEquals(401, wrong.statusCode());
    assertEquals("unauthorized", Client.error(wrong));
    HttpResponse<String> unknown =
        client.postJson("/api/sessions", credentials(newHandle("nobody"), "password1"));
    assertEquals(401, unknown.statusCode());
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<String> r = client.get("/api/users");
    assertEquals(405, r.statusCode());
    assertEquals("method_not_allowed", Client.error(r));
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void unknownApiRouteIs404Json() {
    HttpResponse<String> r = client.get("/api/nothing");
    assertEquals(404, r.statusCode());
    assertEquals("not_found", Client.error(r));
  }
}
