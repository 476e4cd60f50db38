package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import upcast.sfu.srtp.SrtpProfile;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/** Accounts, tokens and broadcast history survive a restart on the same data directory. */
class PersistenceTest {
  @TempDir Path data;

  @Test
  void accountsAndHistorySurviveARestart() throws Exception {
    String token;
    String endedId;
    String leftLiveId;
    try (UpcastServer first = UpcastServer.start(UpcastConfig.forTests(data));
        TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      Api api = new Api(first.baseUri());
      token = api.signUp("carol");
      HttpResponse<String> whip =
          api.send(
              "POST",
              "/whip?title=First",
              "application/sdp",
              SdpOffers.publisher(peer, 1, 2),
              token);
      assertEquals(201, whip.statusCode(), whip.body());
      endedId = Api.json(api.get("/api/broadcasts?live=true")).get(0).get("id").asText();
      assertEquals(
          200,
          api.send("DELETE", whip.headers().firstValue("Location").orElseThrow(), null, null, token)
              .statusCode());
      HttpResponse<String> second =
          api.send(
              "POST",
              "/whip?title=Second",
              "application/sdp",
              SdpOffers.publisher(peer, 3, 4),
              token);
      assertEquals(201, second.statusCode(), second.body());
      leftLiveId = Api.json(api.get("/api/broadcasts?live=true")).get(0).get("id").asText();
    } // the process "dies" with a broadcast live

    try (UpcastServer again = UpcastServer.start(UpcastConfig.forTests(data))) {
      Api api = new Api(again.baseUri());
      HttpResponse<String> signIn =
          api.postJson("/api/sessions", "{\"handle\":\"carol\",\"password\":\"password-123\"}");
      assertEquals(200, signIn.statusCode(), signIn.body());
      ApiTest.assertError(
          api.postJson("/api/users", "{\"handle\":\"CAROL\",\"password\":\"password-123\"}"),
          409,
          "handle_taken");
      JsonNode ended = Api.json(api.get("/api/broadcasts/" + endedId));
      assertEquals("First", ended.get("title").asText());
      assertEquals("carol", ended.get("broadcaster").get("handle").asText());
      assertFalse(ended.get("endedAt").isNull());
      JsonNode stale = Api.json(api.get("/api/broadcasts/" + leftLiveId));
      assertFalse(stale.get("live").asBoolean(), "media died with the old process");
      assertEquals(0, Api.json(api.get("/api/broadcasts?live=true")).size());
      assertEquals(2, Api.json(api.get("/api/broadcasts?live=false")).size());
      // The old token still works: tokens are stored (hashed) in the database.
      try (TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
        assertEquals(
            201,
            api.send("POST", "/whip", "application/sdp", SdpOffers.publisher(peer, 1, 2), token)
                .statusCode());
      }
    }
  }
}
