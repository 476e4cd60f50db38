package upcast.e2e;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.ChatClient;
import upcast.testpeer.TestPeer;

/**
 * A page on another origin embeds {@code /embed/{id}?comments=1} in an iframe, as oEmbed's HTML
 * does, and the broadcast plays in it; the watch page offers the share buttons. The other origin is
 * a second HTTP server on 127.0.0.1 (another port is another origin).
 */
@BrowserTest
class EmbedBrowserTest extends BrowserTestBase {
  @Test
  @SuppressWarnings("unchecked")
  void anotherSiteEmbedsThePlayerAndTheWatchPageShares() throws Exception {
    String token =
        api()
            .postCreated("/api/users", "{\"handle\":\"embedder\",\"password\":\"secret-password\"}")
            .get("token")
            .asText();
    WebDriver publisher = browsers.open();
    publisher.get(server.baseUri().resolve("/").toString());
    Map<String, Object> whip =
        (Map<String, Object>)
            ((JavascriptExecutor) publisher)
                .executeAsyncScript(Browsers.WHIP_PUBLISH, token, "Harbour at dusk");
    assertNotNull(whip);
    assertEquals(201L, Browsers.number(whip, "status"), String.valueOf(whip));
    String id = api().getOk("/api/broadcasts?live=true").get(0).get("id").asText();
    String base = server.baseUri().toString().replaceAll("/$", "");
    String embedUrl = base + "/embed/" + id + "?comments=1";

    HttpServer site =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page =
        ("<!doctype html><title>A blog</title><h1>My blog</h1>"
                + "<script>window.upcastEvents = [];"
                + "addEventListener('message', e => { if (e.data && e.data.source === 'upcast')"
                + " upcastEvents.push({origin: e.origin, event: e.data.event}); });</script>"
                + "<iframe id='player' src='"
                + embedUrl
                + "' width='640' height='360' frameborder='0' allow='autoplay; fullscreen'"
                + " allowfullscreen></iframe>")
            .getBytes(StandardCharsets.UTF_8);
    site.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    site.start();
    try {
      WebDriver viewer = browsers.open();
      String siteUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
      viewer.get(siteUrl);
      long joinStarted = System.nanoTime();
      Browsers.await(viewer, 30, d -> events(d).contains("playing"));
      System.out.println(
          "embed: first frame reported to the embedding page after "
              + (System.nanoTime() - joinStarted) / 1_000_000
              + " ms");
      List<Map<String, Object>> raw =
          (List<Map<String, Object>>)
              ((JavascriptExecutor) viewer).executeScript("return window.upcastEvents;");
      assertNotNull(raw);
      assertEquals(base, raw.get(0).get("origin"), "the player runs on Upcast's origin");

      viewer.switchTo().frame(viewer.findElement(By.id("player")));
      Browsers.await(
          viewer,
          20,
          d -> Browsers.number(Browsers.inboundStats(d, "window.upcastPc"), "frames") > 10);
      Browsers.await(
          viewer,
          10,
          d ->
              "open"
                  .equals(
                      js(d, "return window.upcastChat && window.upcastChat.channel.readyState;")));
      assertTrue(viewer.findElement(By.id("live-badge")).isDisplayed());
      WebElement watchOn = viewer.findElement(By.id("watch-on-upcast"));
      assertEquals(base + "/b/" + id, watchOn.getAttribute("href"));
      assertEquals("_blank", watchOn.getAttribute("target"));
      Browsers.await(viewer, 10, d -> d.findElement(By.id("viewer-count")).getText().equals("1"));
      // Comments overlay: real comments from two signed-in WHEP viewers' chat channels; the
      // broadcaster then blocks carol, whose comment disappears from the embed.
      try (TestPeer bobPeer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
          TestPeer carolPeer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
          ChatClient bob = api().watchWithChat(bobPeer, id, api().signUp("bob"));
          ChatClient carol = api().watchWithChat(carolPeer, id, api().signUp("carol"))) {
        bob.send("{\"type\":\"comment\",\"text\":\"<b>hello</b>\"}");
        carol.send("{\"type\":\"comment\",\"text\":\"nice\"}");
        Browsers.await(viewer, 10, d -> d.findElements(By.cssSelector("#comments li")).size() == 2);
        HttpResponse<String> block =
            api()
                .send(
                    "POST",
                    "/api/broadcasts/" + id + "/blocks",
                    "application/json",
                    "{\"handle\":\"carol\"}",
                    token);
        assertEquals(200, block.statusCode(), block.body());
        Browsers.await(viewer, 10, d -> d.findElements(By.cssSelector("#comments li")).size() == 1);
      }
      List<WebElement> comments = viewer.findElements(By.cssSelector("#comments li"));
      assertEquals(1, comments.size());
      assertEquals("@bob<b>hello</b>", comments.get(0).getText().replace(" ", ""));
      assertTrue(viewer.findElements(By.cssSelector("#comments b")).isEmpty(), "text, not HTML");
      Browsers.screenshot(viewer, "embed-playing");
      viewer.switchTo().defaultContent();

      // The watch page's share buttons, in a third window (its own viewer).
      WebDriver watcher = browsers.open();
      watcher.get(base + "/b/" + id);
      // The buttons are drawn again once the page has joined: read them in one script.
      Map<String, Object> x =
          (Map<String, Object>)
              Browsers.await(
                  watcher,
                  10,
                  d ->
                      js(
                          d,
                          "const a = document.getElementById('share-x');"
                              + " return a && {href: a.href, target: a.target};"));
      assertEquals("_blank", x.get("target"));
      String href = (String) x.get("href");
      assertNotNull(href);
      assertTrue(href.startsWith("https://x.com/intent/post?"), href);
      Map<String, String> intent = query(URI.create(href));
      assertEquals("Harbour at dusk — @embedder is live on Upcast", intent.get("text"));
      assertEquals(base + "/b/" + id, intent.get("url"));
      assertEquals(
          "Copy link", js(watcher, "return document.getElementById('share-copy').textContent;"));
      boolean canShare =
          Boolean.TRUE.equals(js(watcher, "return typeof navigator.share === 'function';"));
      assertEquals(
          canShare, js(watcher, "return document.getElementById('share-native') !== null;"));
      Browsers.screenshot(watcher, "watch-share");

      // The broadcast ends: the embed says so and tells the embedding page.
      ((JavascriptExecutor) publisher)
          .executeAsyncScript(
              "const [url, token, done] = arguments; fetch(url, {method: 'DELETE', headers:"
                  + " {'Authorization': 'Bearer ' + token}}).then(r => done(r.status));",
              whip.get("location"),
              token);
      Browsers.await(viewer, 20, d -> events(d).contains("ended"));
      viewer.switchTo().frame(viewer.findElement(By.id("player")));
      assertTrue(viewer.findElement(By.id("ended")).isDisplayed());
      assertEquals("This broadcast has ended", viewer.findElement(By.id("ended-text")).getText());
      Browsers.screenshot(viewer, "embed-ended");
    } finally {
      site.stop(0);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> events(WebDriver d) {
    return (List<Object>)
        requireNonNull(js(d, "return (window.upcastEvents || []).map(e => e.event);"));
  }

  private static @Nullable Object js(WebDriver d, String script) {
    return ((JavascriptExecutor) d).executeScript(script);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
