package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Glass-to-glass latency in real Chromium: a page encodes the wall clock into every frame it sends
 * by WHIP; two viewer pages read it back from the decoded WHEP video. For comparison, the same
 * measurement is then made peer-to-peer inside one browser (no server). The numbers are printed
 * (and kept in docs/performance.md); the test only asserts that stamped frames arrive and decode —
 * speed is measured, not asserted.
 */
@BrowserTest
class GlassToGlassTest extends BrowserTestBase {
  private static final int SECONDS = 15;

  private static String probe;

  @BeforeAll
  static void loadProbe() throws Exception {
    try (InputStream in = GlassToGlassTest.class.getResourceAsStream("/e2e/glass.js")) {
      probe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JavascriptExecutor page() throws Exception {
    WebDriver d = browsers.open();
    d.get(server.baseUri().resolve("/signin").toString());
    JavascriptExecutor js = (JavascriptExecutor) d;
    js.executeScript(probe);
    return js;
  }

  @Test
  @SuppressWarnings("unchecked")
  void measuresGlassToGlassThroughTheSfuAndDirectly() throws Exception {
    HttpResponse<String> user =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.baseUri().resolve("/api/users"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"handle\":\"clock\",\"password\":\"clock-password\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String token = user.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

    JavascriptExecutor publisher = page();
    Object published =
        publisher.executeAsyncScript(
            "const [token, done] = arguments;"
                + "(async () => {"
                + "  const pc = new RTCPeerConnection();"
                + "  pc.addTransceiver(glass.stampedTrack(), {direction: 'sendonly'});"
                + "  await pc.setLocalDescription(await pc.createOffer());"
                + "  const r = await fetch('/whip?title=clock', {method: 'POST', headers:"
                + "    {'Content-Type': 'application/sdp', 'Authorization': 'Bearer ' + token},"
                + "    body: pc.localDescription.sdp});"
                + "  if (r.status !== 201) { done('whip ' + r.status); return; }"
                + "  await pc.setRemoteDescription({type: 'answer', sdp: await r.text()});"
                + "  window.keep = pc; done('ok');"
                + "})().catch(e => done(String(e)));",
            token);
    assertEquals("ok", published);
    String id =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.baseUri().resolve("/api/broadcasts")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body()
            .replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");

    JavascriptExecutor[] viewers = {page(), page()};
    for (JavascriptExecutor v : viewers) {
      Object r =
          v.executeAsyncScript(
              "const [id, done] = arguments;"
                  + "(async () => {"
                  + "  window.samples = [];"
                  + "  const pc = new RTCPeerConnection();"
                  + "  pc.addTransceiver('video', {direction: 'recvonly'});"
                  + "  pc.ontrack = e => { window.stats = glass.measure(e.track, window.samples); };"
                  + "  await pc.setLocalDescription(await pc.createOffer());"
                  + "  const r = await fetch('/whep/' + id, {method: 'POST',"
                  + "    headers: {'Content-Type': 'application/sdp'}, body: pc.localDescription.sdp});"
                  + "  if (r.status !== 201) { done('whep ' + r.status); return; }"
                  + "  await pc.setRemoteDescription({type: 'answer', sdp: await r.text()});"
                  + "  window.viewerPc = pc; done('ok');"
                  + "})().catch(e => done(String(e)));",
              id);
      assertEquals("ok", r);
    }
    Thread.sleep(3000);
    for (JavascriptExecutor v : viewers) {
      v.executeScript("window.samples.length = 0;"); // drop the start-up frames
    }
    Thread.sleep(SECONDS * 1000L);
    for (int i = 0; i < viewers.length; i++) {
      Map<String, Object> q =
          (Map<String, Object>) viewers[i].executeScript("return glass.quantiles(window.samples);");
      System.out.println("glass-to-glass via SFU, viewer " + (i + 1) + ": " + q + " ms");
      assertTrue(((Number) q.get("count")).longValue() > SECONDS * 5L, "stamped frames decoded");
    }
    for (JavascriptExecutor v : viewers) {
      v.executeScript("window.viewerPc.close();");
    }
    publisher.executeScript("window.keep.close();");

    Object direct =
        viewers[0].executeAsyncScript(
            "const [seconds, done] = arguments;"
                + "(async () => {"
                + "  const samples = [];"
                + "  const a = new RTCPeerConnection(), b = new RTCPeerConnection();"
                + "  a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);"
                + "  b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);"
                + "  b.ontrack = e => glass.measure(e.track, samples);"
                + "  a.addTransceiver(glass.stampedTrack(), {direction: 'sendonly'});"
                + "  await a.setLocalDescription(await a.createOffer());"
                + "  await b.setRemoteDescription(a.localDescription);"
                + "  await b.setLocalDescription(await b.createAnswer());"
                + "  await a.setRemoteDescription(b.localDescription);"
                + "  await new Promise(r => setTimeout(r, 3000));"
                + "  samples.length = 0;"
                + "  await new Promise(r => setTimeout(r, seconds * 1000));"
                + "  done(glass.quantiles(samples));"
                + "})().catch(e => done(String(e)));",
            SECONDS);
    System.out.println("glass-to-glass direct peer-to-peer (same run): " + direct + " ms");
    assertTrue(direct instanceof Map, String.valueOf(direct));
    assertTrue(((Number) ((Map<String, Object>) direct).get("count")).longValue() > SECONDS * 5L);
  }
}
