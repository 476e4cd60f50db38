package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  @CsvSource({"/, index.html", "/studio, studio.html", "/signin, signin.html"})
  void pageRoutesServeTheirHtml(String path, String file) throws Exception {
    HttpResponse<String> r = client.get(path);
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").get());
    assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
    try (var in = getClass().getResourceAsStream("/web/" + file)) {
      assertEquals(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), r.body());
    }
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
