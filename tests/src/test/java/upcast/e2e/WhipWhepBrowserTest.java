package upcast.e2e;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Standard clients: a page publishes the fake camera with nothing but RTCPeerConnection and fetch
 * to {@code /whip}, another page plays it with the same to {@code /whep/{id}} — no Upcast code in
 * either page's WebRTC exchange.
 */
@BrowserTest
class WhipWhepBrowserTest extends BrowserTestBase {

  /** Plays over WHEP; resolves with the status, Location and error text. */
  private static final String WHEP_VIEW =
      "const [id, done] = arguments;"
          + "(async () => {"
          + "  const pc = new RTCPeerConnection();"
          + "  pc.addTransceiver('audio', {direction: 'recvonly'});"
          + "  pc.addTransceiver('video', {direction: 'recvonly'});"
          + "  await pc.setLocalDescription(await pc.createOffer());"
          + "  const r = await fetch('/whep/' + id, {method: 'POST',"
          + "    headers: {'Content-Type': 'application/sdp'}, body: pc.localDescription.sdp});"
          + "  const body = await r.text();"
          + "  if (r.status !== 201) { done({status: r.status, error: body}); return; }"
          + "  await pc.setRemoteDescription({type: 'answer', sdp: body});"
          + "  window.whepPc = pc;"
          + "  done({status: r.status, location: r.headers.get('Location')});"
          + "})().catch(e => done({status: -1, error: String(e)}));";

  /** DELETE on a session URL; resolves with the status. */
  private static final String DELETE =
      "const [url, token, done] = arguments;"
          + "fetch(url, {method: 'DELETE', headers: token ? {'Authorization': 'Bearer ' + token}"
          + " : {}}).then(r => done(r.status), e => done(-1));";

  @Test
  @SuppressWarnings("unchecked")
  void whipPublisherIsPlayedByWhepViewer() throws Exception {
    String token =
        api()
            .postCreated("/api/users", "{\"handle\":\"obs_user\",\"password\":\"secret-password\"}")
            .get("token")
            .asText();

    WebDriver publisher = browsers.open();
    publisher.get(server.baseUri().resolve("/").toString());
    Map<String, Object> whip =
        (Map<String, Object>)
            ((JavascriptExecutor) publisher)
                .executeAsyncScript(Browsers.WHIP_PUBLISH, token, "Via WHIP");
    assertNotNull(whip);
    assertEquals(201L, Browsers.number(whip, "status"), String.valueOf(whip));
    String whipLocation = (String) whip.get("location");
    assertTrue(whipLocation != null && whipLocation.startsWith("/whip/"), whipLocation);

    JsonNode live = api().getOk("/api/broadcasts?live=true");
    assertEquals(1, live.size(), live.toString());
    assertEquals("Via WHIP", live.get(0).get("title").asText());
    assertEquals("obs_user", live.get(0).get("broadcaster").get("handle").asText());
    String id = live.get(0).get("id").asText();

    WebDriver viewer = browsers.open();
    viewer.get(server.baseUri().resolve("/").toString());
    long joinStarted = System.nanoTime();
    Map<String, Object> whep =
        (Map<String, Object>) ((JavascriptExecutor) viewer).executeAsyncScript(WHEP_VIEW, id);
    assertNotNull(whep);
    assertEquals(201L, Browsers.number(whep, "status"), String.valueOf(whep));
    String whepLocation = (String) whep.get("location");
    assertTrue(whepLocation != null && whepLocation.startsWith("/whep/"), whepLocation);

    Browsers.await(
        viewer, 20, d -> Browsers.number(Browsers.inboundStats(d, "window.whepPc"), "frames") > 0);
    System.out.println(
        "whep time-to-first-frame ms="
            + (System.nanoTime() - joinStarted) / 1_000_000
            + " (offer created → first decoded frame, 2 browsers)");
    Browsers.await(
        viewer, 20, d -> Browsers.number(Browsers.inboundStats(d, "window.whepPc"), "frames") > 10);
    Browsers.await(
        viewer,
        10,
        d -> Browsers.number(Browsers.inboundStats(d, "window.whepPc"), "audioPackets") > 10);

    long whepDelete =
        ((Number)
                requireNonNull(
                    ((JavascriptExecutor) viewer).executeAsyncScript(DELETE, whepLocation, null)))
            .longValue();
    assertEquals(200L, whepDelete);
    long whipDelete =
        ((Number)
                requireNonNull(
                    ((JavascriptExecutor) publisher)
                        .executeAsyncScript(DELETE, whipLocation, token)))
            .longValue();
    assertEquals(200L, whipDelete);
    JsonNode ended = api().getOk("/api/broadcasts/" + id);
    assertEquals(false, ended.get("live").asBoolean(), ended.toString());
    assertTrue(!ended.get("endedAt").isNull(), ended.toString());
  }
}
