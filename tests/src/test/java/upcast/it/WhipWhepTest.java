package upcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/** WHIP ingest and WHEP playback over HTTP with real media (RFC 9725), and their refusals. */
class WhipWhepTest extends ServerTestBase {
  @Test
  void publishViewAndEndOverWhipAndWhep() throws Exception {
    String alice = api.signUp("alice");
    String mallory = api.signUp("mallory");
    try (TestPeer pub = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer viewer = TestPeer.create(SrtpProfile.AES128_CM_HMAC_SHA1_80)) {
      HttpResponse<String> whip =
          api.publish(
              "Hello WHIP",
              SdpOffers.publisher(
                  pub, SyntheticPublisher.AUDIO_SSRC, SyntheticPublisher.VIDEO_SSRC),
              alice);
      assertEquals(201, whip.statusCode(), whip.body());
      assertEquals("application/sdp", whip.headers().firstValue("Content-Type").orElse(""));
      String location = whip.headers().firstValue("Location").orElseThrow();
      assertTrue(location.startsWith("/whip/"), location);
      pub.connect(AnswerInfo.parse(whip.body()));

      HttpResponse<String> again =
          api.send("POST", "/whip", "application/sdp", SdpOffers.publisher(pub, 5, 6), alice);
      ApiTest.assertError(again, 409, "already_live");

      JsonNode live = Api.json(api.get("/api/broadcasts?live=true"));
      assertEquals(1, live.size());
      JsonNode b = live.get(0);
      assertEquals("Hello WHIP", b.get("title").asText());
      assertEquals("alice", b.get("broadcaster").get("handle").asText());
      assertTrue(b.get("live").asBoolean());
      String id = b.get("id").asText();
      assertEquals("/b/" + id, b.get("watchUrl").asText());
      assertEquals("/whep/" + id, b.get("whepUrl").asText());

      try (SyntheticPublisher media = new SyntheticPublisher(pub, 20)) {
        HttpResponse<String> whep =
            api.send("POST", "/whep/" + id, "application/sdp", SdpOffers.viewer(viewer), null);
        assertEquals(201, whep.statusCode(), whep.body());
        String whepLocation = whep.headers().firstValue("Location").orElseThrow();
        assertTrue(whepLocation.startsWith("/whep/" + id + "/"), whepLocation);
        viewer.connect(AnswerInfo.parse(whep.body()));
        assertTrue(viewer.rtp().poll(5, TimeUnit.SECONDS) != null, "the WHEP viewer gets media");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Api.json(api.get("/api/broadcasts/" + id)).get("viewers").asInt() != 1
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertEquals(1, Api.json(api.get("/api/broadcasts/" + id)).get("viewers").asInt());

        ApiTest.assertError(
            api.send("PATCH", whepLocation, "application/trickle-ice-sdpfrag", "a=x", null),
            405,
            "method_not_allowed");
        assertEquals(200, api.send("DELETE", whepLocation, null, null, null).statusCode());
        ApiTest.assertError(api.send("DELETE", whepLocation, null, null, null), 404, "not_found");
        ApiTest.assertError(api.send("DELETE", location, null, null, mallory), 403, "forbidden");
        ApiTest.assertError(api.send("DELETE", location, null, null, null), 401, "unauthorized");
        assertEquals(200, api.send("DELETE", location, null, null, alice).statusCode());
      }
      JsonNode ended = Api.json(api.get("/api/broadcasts/" + id));
      assertFalse(ended.get("live").asBoolean());
      assertFalse(ended.get("endedAt").isNull());
      ApiTest.assertError(
          api.send("POST", "/whep/" + id, "application/sdp", SdpOffers.viewer(viewer), null),
          404,
          "not_live");
    }
  }
}
