package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Page routes, files by their own path, content types and the security headers. */
class StaticPagesTest extends ServerTest {

  @ParameterizedTest
  @CsvSource({
    "/, Upcast — live now, /home.js",
    "/studio, Studio — Upcast, /studio.js",
    "/signin, Sign in — Upcast, /signin.js",
    "/inbox, Notifications — Upcast, /inbox.js",
    "/u/alice, Profile — Upcast, /profile.js"
  })
  void pageRoutesServeTheirPageWithTheSharedTop(String path, String title, String script) {
    HttpResponse<String> r = client.get(path);
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").get());
    assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
    String html = r.body();
    // The include marker became web-client's page-top partial, filled with this page's values.
    assertTrue(html.startsWith("<!doctype html>\n<html lang=\"en\">\n<head>\n"), html);
    assertEquals(1, count(html, "<title>" + title + "</title>"), html);
    assertEquals(1, count(html, "<title>"), html);
    assertEquals(1, count(html, "<script type=\"module\" src=\"" + script + "\"></script>"), html);
    assertEquals(1, count(html, "<meta name=\"viewport\""), html);
    assertEquals(1, count(html, "<nav id=\"nav\" aria-label=\"Account\"></nav>"), html);
    assertFalse(html.contains("<!--#") || html.contains("{{"), html);
    assertTrue(html.contains("</header>\n  <main class=\"page"), html);
    assertTrue(html.endsWith("</body>\n</html>\n"), html);
  }

  @Test
  void aPageByItsFileNameIsTheSamePageAsItsRoute() {
    assertEquals(client.get("/studio").body(), client.get("/studio.html").body());
    HttpResponse<String> watch = client.get("/watch.html");
    assertEquals(200, watch.statusCode());
    assertTrue(watch.body().contains("<title>Watch — Upcast</title>"), watch.body());
    assertFalse(watch.body().contains("<!--#"), watch.body());
  }

  @Test
  void partialsAreNotServedByTheirOwnPath() {
    assertEquals(404, client.get("/page-top.html").statusCode());
    assertEquals(404, client.get("/web-partials/page-top.html").statusCode());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  @Test
  void filesAreServedByTheirPathWithTheirType() {
    HttpResponse<String> js = client.get("/app.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Type").get().startsWith("text/javascript"));
    HttpResponse<String> css = client.get("/style.css");
    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").get().startsWith("text/css"));
    HttpResponse<String> html = client.get("/watch.html");
    assertEquals(200, html.statusCode());
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    for (String path : new String[] {"/", "/app.js", "/api/broadcasts", "/nothing-here"}) {
      HttpResponse<String> r = client.get(path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/nothing-here",
        "/missing.js",
        "/b/",
        "/web/index.html",
        "/..%2Fpom.xml",
        "/%2e%2e/%2e%2e/etc/passwd.txt",
        "/.hidden.js",
        "/simplelogger.properties"
      })
  void unknownPathsAre404Json(String path) {
    HttpResponse<String> r = client.get(path);
    assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " → " + r.statusCode());
    if (r.statusCode() == 404) {
      assertEquals("not_found", Client.error(r));
    }
  }

  @Test
  void headHasNoBodyAndPostToAPageIs404() {
    HttpResponse<String> head =
        client.send(
            client.request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals(404, client.postJson("/", "{}").statusCode());
  }
}
