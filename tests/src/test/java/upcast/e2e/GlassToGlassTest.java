package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Glass-to-glass latency in real Chromium: a page encodes the wall clock into every frame it sends
 * by WHIP; viewer pages read it back from the decoded WHEP video. For comparison, the same
 * measurement is then made peer-to-peer inside one browser (no server), for as long. The numbers
 * are printed; the test only asserts that stamped frames arrive and decode — speed is measured, not
 * asserted.
 *
 * <p>In {@code ./test.sh} it measures 15 s with two viewers. {@code ./bench.sh glass} runs the same
 * code as the benchmark the issue asks for (a minute, three viewers) through the system properties
 * {@code glass.seconds} and {@code glass.viewers}, and {@code glass.out} (a file name): the result
 * table is also written there (markdown) for docs/performance-log.md.
 */
@BrowserTest
class GlassToGlassTest extends BrowserTestBase {
  private static final int SECONDS = Integer.getInteger("glass.seconds", 15);
  private static final int VIEWERS = Integer.getInteger("glass.viewers", 2);

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

    JavascriptExecutor[] viewers = new JavascriptExecutor[VIEWERS];
    for (int i = 0; i < VIEWERS; i++) {
      viewers[i] = page();
    }
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
    List<Map<String, Object>> viaSfu = new ArrayList<>();
    for (int i = 0; i < viewers.length; i++) {
      Map<String, Object> q =
          (Map<String, Object>) viewers[i].executeScript("return glass.quantiles(window.samples);");
      System.out.println("glass-to-glass via SFU, viewer " + (i + 1) + ": " + q + " ms");
      assertTrue(Browsers.number(q, "count") > SECONDS * 5L, "stamped frames decoded");
      viaSfu.add(q);
    }
    for (JavascriptExecutor v : viewers) {
      v.executeScript("window.viewerPc.close();");
    }
    publisher.executeScript("window.keep.close();");

    // Peer-to-peer in viewer 1's browser: started here, read after the same measuring time (one
    // async script may run only 30 s).
    Object started =
        viewers[0].executeAsyncScript(
            "const done = arguments[0];"
                + "(async () => {"
                + "  window.direct = [];"
                + "  const a = new RTCPeerConnection(), b = new RTCPeerConnection();"
                + "  a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);"
                + "  b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);"
                + "  b.ontrack = e => glass.measure(e.track, window.direct);"
                + "  a.addTransceiver(glass.stampedTrack(), {direction: 'sendonly'});"
                + "  await a.setLocalDescription(await a.createOffer());"
                + "  await b.setRemoteDescription(a.localDescription);"
                + "  await b.setLocalDescription(await b.createAnswer());"
                + "  await a.setRemoteDescription(b.localDescription);"
                + "  window.directPcs = [a, b]; done('ok');"
                + "})().catch(e => done(String(e)));");
    assertEquals("ok", started);
    Thread.sleep(3000);
    viewers[0].executeScript("window.direct.length = 0;");
    Thread.sleep(SECONDS * 1000L);
    Map<String, Object> direct =
        (Map<String, Object>) viewers[0].executeScript("return glass.quantiles(window.direct);");
    assertNotNull(direct);
    viewers[0].executeScript("window.directPcs.forEach(pc => pc.close());");
    System.out.println("glass-to-glass direct peer-to-peer (same run): " + direct + " ms");
    assertTrue(Browsers.number(direct, "count") > SECONDS * 5L, "direct frames decoded");
    writeTable(viaSfu, direct);
  }

  /** One table row: frames, p50 and p95, and how far each is above the direct path's. */
  private static String row(String path, Map<String, Object> q, Map<String, Object> direct) {
    long p50 = Browsers.number(q, "p50");
    long p95 = Browsers.number(q, "p95");
    long d50 = Browsers.number(direct, "p50");
    long d95 = Browsers.number(direct, "p95");
    return String.format(
        "| %s | %s | %d ms | %d ms | %+d / %+d ms |",
        path, q.get("count"), p50, p95, p50 - d50, p95 - d95);
  }

  /** Writes the table to the file named by {@code glass.out}, if any (for ./bench.sh glass). */
  private static void writeTable(List<Map<String, Object>> viaSfu, Map<String, Object> direct)
      throws IOException {
    String out = System.getProperty("glass.out");
    if (out == null || out.isBlank()) {
      return;
    }
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < viaSfu.size(); i++) {
      rows.add(row("through Upcast, viewer " + (i + 1), viaSfu.get(i), direct));
    }
    rows.add(row("direct peer-to-peer, same run", direct, direct));
    StringBuilder t = new StringBuilder();
    t.append(VIEWERS)
        .append(" viewers, ")
        .append(SECONDS)
        .append(
            " s measured per path after a 3 s warm-up; 640×360 VP8 at 30 frames/s, headless"
                + " Chromium, loopback.\n\n");
    t.append("| path | frames | p50 | p95 | above direct, p50 / p95 (goal ≤ +10 / +20 ms) |\n");
    t.append("|---|---|---|---|---|\n");
    rows.forEach(r -> t.append(r).append('\n'));
    Files.writeString(Path.of(out), t.toString());
  }
}
