package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.Database;
import upcast.signaling.store.User;
import upcast.signaling.store.UserStore;

/** Accounts and broadcast history survive a restart on the same data directory. */
class PersistenceTest {
  @TempDir Path data;

  @Test
  void accountsAndEndedBroadcastsSurviveARestart() {
    String id;
    String token;
    try (UpcastServer first = UpcastServer.start(UpcastConfig.forTests(data))) {
      Client client = new Client(first.baseUri());
      token = client.signUp("Persistent", "password1");
      HttpResponse<String> published =
          client.postSdp("/whip?title=Yesterday", Offers.publisher(), token);
      assertEquals(201, published.statusCode(), published.body());
      id = Client.json(client.get("/api/broadcasts?live=true")).get(0).get("id").asText();
      assertEquals(
          200, client.delete(published.headers().firstValue("Location").get(), token).statusCode());
    }
    try (UpcastServer again = UpcastServer.start(UpcastConfig.forTests(data))) {
      Client client = new Client(again.baseUri());
      HttpResponse<String> signIn =
          client.postJson(
              "/api/sessions", "{\"handle\":\"persistent\",\"password\":\"password1\"}");
      assertEquals(200, signIn.statusCode(), signIn.body());
      // Tokens issued before the restart still work.
      HttpResponse<String> whip = client.postSdp("/whip", "not sdp", token);
      assertEquals(400, whip.statusCode(), "token accepted, offer refused");
      assertEquals(
          409,
          client
              .postJson("/api/users", "{\"handle\":\"PERSISTENT\",\"password\":\"password1\"}")
              .statusCode());
      JsonNode b = Client.json(client.get("/api/broadcasts/" + id));
      assertEquals("Yesterday", b.get("title").asText());
      assertEquals("Persistent", b.get("broadcaster").get("handle").asText());
      assertFalse(b.get("live").asBoolean());
      assertFalse(b.get("endedAt").isNull());
    }
  }

  @Test
  void broadcastsLeftLiveByACrashedProcessAreEndedAtStartup() {
    // What a killed process leaves behind: a live row whose media is gone.
    try (Database db = Database.open(data, null, null, null)) {
      User owner =
          new UserStore(db).create("crashed", "$2y$10$notarealhashbutlongenough").orElseThrow();
      new BroadcastStore(db).create("Crashed0001", owner, "Before the crash", Instant.now());
    }
    try (UpcastServer server = UpcastServer.start(UpcastConfig.forTests(data))) {
      Client client = new Client(server.baseUri());
      JsonNode b = Client.json(client.get("/api/broadcasts/Crashed0001"));
      assertFalse(b.get("live").asBoolean(), b.toString());
      assertFalse(b.get("endedAt").isNull());
      assertEquals(0, Client.json(client.get("/api/broadcasts?live=true")).size());
      assertTrue(Client.json(client.get("/api/broadcasts?live=false")).size() >= 1);
    }
  }

  @Test
  void closingTheServerEndsBroadcastsItStillCarried() {
    String token;
    try (UpcastServer first = UpcastServer.start(UpcastConfig.forTests(data))) {
      Client client = new Client(first.baseUri());
      token = client.signUp("shutdown", "password1");
      assertEquals(201, client.postSdp("/whip", Offers.publisher(), token).statusCode());
    }
    try (Database db = Database.open(data, null, null, null)) {
      assertTrue(new BroadcastStore(db).live(10).isEmpty());
      assertEquals(1, new BroadcastStore(db).recent(10).size());
    }
  }
}
