package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import upcast.sfu.client.SrtpProfile;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Profiles, follows, the X link, imports (X archive and CSV, with pending follows resolved when
 * people join) and discovery, through the real HTTP API (docs/api.md "Profiles and follows").
 */
class SocialApiTest {
  @TempDir Path dataDir;
  private UpcastServer server;
  private Api api;

  @BeforeEach
  void start() {
    server = UpcastServer.start(UpcastConfig.forTests(dataDir));
    api = new Api(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> call(
      String method, String path, @Nullable String body, @Nullable String token) throws Exception {
    return api.send(method, path, body == null ? null : "application/json", body, token);
  }

  private static JsonNode ok(HttpResponse<String> r) throws IOException {
    assertEquals(200, r.statusCode(), r.body());
    return Api.json(r);
  }

  private static void error(int status, String code, HttpResponse<String> r) throws IOException {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(code, Api.json(r).get("error").asText(), r.body());
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = SocialApiTest.class.getResourceAsStream("/import/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<String> handles(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("users").forEach(u -> out.add(u.get("handle").asText()));
    return out;
  }

  @Test
  void followAndUnfollowWithProfilesAndCounts() throws Exception {
    String alice = api.signUp("alice");
    String bob = api.signUp("bob");
    JsonNode profile = ok(api.get("/api/users/ALICE"));
    assertEquals("alice", profile.get("handle").asText());
    assertEquals(0, profile.get("followers").asLong());
    assertTrue(profile.get("live").isNull());
    assertEquals(0, profile.get("broadcasts").size());
    assertTrue(profile.get("x").isNull());
    assertFalse(profile.has("followedByMe"), "anonymous: nothing to say");

    JsonNode followed = ok(call("POST", "/api/users/alice/follow", null, bob));
    assertTrue(followed.get("following").asBoolean());
    assertEquals(1, followed.get("followers").asLong());
    assertEquals(
        1, ok(call("POST", "/api/users/alice/follow", null, bob)).get("followers").asLong());
    assertTrue(ok(call("GET", "/api/users/alice", null, bob)).get("followedByMe").asBoolean());
    assertFalse(ok(call("GET", "/api/users/alice", null, alice)).get("followedByMe").asBoolean());
    assertEquals(List.of("bob"), handles(ok(api.get("/api/users/alice/followers"))));
    assertEquals(List.of("alice"), handles(ok(api.get("/api/users/bob/following"))));
    assertEquals(1, ok(call("GET", "/api/me", null, bob)).get("following").asLong());

    assertEquals(
        0, ok(call("DELETE", "/api/users/alice/follow", null, bob)).get("followers").asLong());
    assertEquals(
        0, ok(call("DELETE", "/api/users/alice/follow", null, bob)).get("followers").asLong());

    error(400, "cannot_follow_self", call("POST", "/api/users/alice/follow", null, alice));
    error(404, "not_found", call("POST", "/api/users/nobody/follow", null, bob));
    error(404, "not_found", api.get("/api/users/nobody"));
    error(404, "not_found", api.get("/api/users/not-a-handle!"));
    error(401, "unauthorized", call("POST", "/api/users/alice/follow", null, null));
    error(401, "unauthorized", call("POST", "/api/users/alice/follow", null, "forged"));
    error(401, "unauthorized", call("GET", "/api/me", null, null));
    error(405, "method_not_allowed", call("PUT", "/api/users/alice/follow", null, bob));
  }

  @Test
  void followersArePaged() throws Exception {
    api.signUp("star");
    for (int i = 0; i < 7; i++) {
      ok(call("POST", "/api/users/star/follow", null, api.signUp("fan" + i)));
    }
    JsonNode p1 = ok(api.get("/api/users/star/followers?limit=3"));
    JsonNode p2 =
        ok(api.get("/api/users/star/followers?limit=3&cursor=" + p1.get("next").asText()));
    JsonNode p3 =
        ok(api.get("/api/users/star/followers?limit=3&cursor=" + p2.get("next").asText()));
    List<String> all = new ArrayList<>(handles(p1));
    all.addAll(handles(p2));
    all.addAll(handles(p3));
    assertEquals(List.of("fan0", "fan1", "fan2", "fan3", "fan4", "fan5", "fan6"), all);
    assertTrue(p3.get("next").isNull());
    error(400, "invalid_limit", api.get("/api/users/star/followers?limit=500"));
    error(400, "invalid_cursor", api.get("/api/users/star/followers?cursor=abc"));
  }

  @Test
  void linkingAnXAccount() throws Exception {
    String alice = api.signUp("alice");
    String bob = api.signUp("bob");
    JsonNode me =
        ok(call("PUT", "/api/me/x", "{\"handle\":\"@Alice_X\",\"accountId\":\"783214\"}", alice));
    assertEquals("Alice_X", me.get("x").get("handle").asText());
    assertEquals("783214", me.get("x").get("accountId").asText());
    error(
        409,
        "x_account_taken",
        call("PUT", "/api/me/x", "{\"handle\":\"bob_x\",\"accountId\":\"783214\"}", bob));
    error(
        400,
        "invalid_x_account_id",
        call("PUT", "/api/me/x", "{\"handle\":\"bob_x\",\"accountId\":\"12a\"}", bob));
    error(
        400,
        "invalid_x_handle",
        call("PUT", "/api/me/x", "{\"handle\":\"has space\",\"accountId\":\"1\"}", bob));
    error(401, "unauthorized", call("PUT", "/api/me/x", "{}", null));
    assertEquals(204, call("DELETE", "/api/me/x", null, alice).statusCode());
    assertTrue(ok(api.get("/api/users/alice")).get("x").isNull());
  }

  @Test
  void importingAnXArchiveFollowsWhoIsHereAndKeepsTheRest() throws Exception {
    String importer = api.signUp("importer");
    ok(call("PUT", "/api/me/x", "{\"handle\":\"one\",\"accountId\":\"783214\"}", api.signUp("u1")));
    ok(call("PUT", "/api/me/x", "{\"handle\":\"two\",\"accountId\":\"12\"}", api.signUp("u2")));

    JsonNode report =
        ok(
            api.send(
                "POST",
                "/api/me/import/twitter",
                "text/javascript",
                fixture("following.js"),
                importer));
    assertEquals(2, report.get("matched").asInt(), report.toString());
    assertEquals(16, report.get("pending").asInt());
    assertEquals(2, report.get("invalid").asInt());
    assertEquals(0, report.get("alreadyFollowing").asInt());
    assertEquals(110, report.get("errors").get(0).get("line").asInt(), report.toString());
    assertTrue(report.get("errors").get(1).get("message").asText().contains("not-a-number"));
    assertEquals(List.of("u1", "u2"), handles(ok(api.get("/api/users/importer/following"))));

    JsonNode again =
        ok(
            api.send(
                "POST",
                "/api/me/import/twitter",
                "text/javascript",
                fixture("following.js"),
                importer));
    assertEquals(0, again.get("matched").asInt());
    assertEquals(2, again.get("alreadyFollowing").asInt());
    assertEquals(16, again.get("pending").asInt());

    // Someone from the archive joins and links X: the importer follows them from then on.
    ok(
        call(
            "PUT",
            "/api/me/x",
            "{\"handle\":\"late\",\"accountId\":\"2244994945\"}",
            api.signUp("latecomer")));
    assertEquals(
        List.of("u1", "u2", "latecomer"), handles(ok(api.get("/api/users/importer/following"))));

    HttpResponse<String> malformed =
        api.send(
            "POST",
            "/api/me/import/twitter",
            "text/javascript",
            fixture("following-malformed.js"),
            importer);
    error(400, "invalid_import", malformed);
    assertTrue(
        Api.json(malformed).get("message").asText().startsWith("Line 10:"), malformed.body());
    error(
        400,
        "invalid_import",
        api.send(
            "POST",
            "/api/me/import/twitter",
            "text/javascript",
            fixture("not-an-archive.js"),
            importer));
    error(
        413,
        "too_large",
        api.send(
            "POST",
            "/api/me/import/twitter",
            "text/javascript",
            "x".repeat(5 * 1024 * 1024 + 1),
            importer));
    error(
        401,
        "unauthorized",
        api.send(
            "POST", "/api/me/import/twitter", "text/javascript", fixture("following.js"), null));
  }

  @Test
  void importingACsvOfHandles() throws Exception {
    String importer = api.signUp("importer");
    api.signUp("alice_import");
    api.signUp("Bob_Import");
    ok(
        call(
            "PUT",
            "/api/me/x",
            "{\"handle\":\"x_only_handle\",\"accountId\":\"99\"}",
            api.signUp("zed")));

    JsonNode report =
        ok(api.send("POST", "/api/me/import/csv", "text/csv", fixture("handles.csv"), importer));
    assertEquals(3, report.get("matched").asInt(), report.toString());
    assertEquals(2, report.get("pending").asInt());
    assertEquals(3, report.get("invalid").asInt());
    List<Integer> lines = new ArrayList<>();
    report.get("errors").forEach(e -> lines.add(e.get("line").asInt()));
    assertEquals(List.of(6, 7, 8), lines);
    assertEquals(
        List.of("alice_import", "Bob_Import", "zed"),
        handles(ok(api.get("/api/users/importer/following"))));

    api.signUp("Carol_Import"); // was pending: followed on sign-up
    assertTrue(handles(ok(api.get("/api/users/importer/following"))).contains("Carol_Import"));

    JsonNode export =
        ok(
            api.send(
                "POST",
                "/api/me/import/csv",
                "text/csv",
                fixture("export-with-username.csv"),
                importer));
    assertEquals(1, export.get("alreadyFollowing").asInt(), export.toString());
    assertEquals(1, export.get("pending").asInt());
    error(
        400,
        "invalid_import",
        api.send("POST", "/api/me/import/csv", "text/csv", "a\0b", importer));
  }

  @Test
  void liveBroadcastsOfPeopleYouFollowComeFirst() throws Exception {
    String alice = api.signUp("alice");
    String carol = api.signUp("carol");
    String bob = api.signUp("bob");
    try (TestPeer a = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer c = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      assertEquals(201, api.publish("C", SdpOffers.publisher(c, 1, 2), carol).statusCode());
      assertEquals(201, api.publish("A", SdpOffers.publisher(a, 3, 4), alice).statusCode());
      ok(call("POST", "/api/users/carol/follow", null, bob));
      JsonNode forBob = ok(call("GET", "/api/broadcasts?live=true", null, bob));
      assertEquals("carol", forBob.get(0).get("broadcaster").get("handle").asText());
      assertTrue(forBob.get(0).get("followed").asBoolean());
      assertFalse(forBob.get(1).get("followed").asBoolean());
      JsonNode anonymous = ok(api.get("/api/broadcasts?live=true"));
      assertEquals(
          "alice", anonymous.get(0).get("broadcaster").get("handle").asText(), "newest first");
      assertFalse(anonymous.get(0).has("followed"));
      JsonNode profile = ok(api.get("/api/users/carol"));
      assertEquals("C", profile.get("live").get("title").asText());
      assertEquals(1, profile.get("broadcasts").size());
    }
  }
}
