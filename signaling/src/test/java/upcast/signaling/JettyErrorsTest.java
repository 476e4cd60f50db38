package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Jetty refuses before our router sees them are answered like every other error: a JSON
 * body and the shared security headers (docs/api.md "Errors").
 */
class JettyErrorsTest extends ServerTest {

  static Stream<Arguments> badRequests() {
    String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
    return Stream.of(
        Arguments.of("dot-dot encoded", 400, "GET /%2e%2e/etc/passwd HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of("encoded slash", 400, "GET /api%2Fbroadcasts HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of("encoded NUL", 400, "GET /index%00.html HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of("empty segment", 400, "GET //api/broadcasts HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of("backslash", 400, "GET /\\evil.com HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of(
            "bad Content-Length",
            400,
            "POST /api/users HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n{}"),
        Arguments.of(
            "Content-Length and Transfer-Encoding",
            400,
            "POST /api/users HTTP/1.1\r\n"
                + host
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
        Arguments.of(
            "bad Host", 400, "GET / HTTP/1.1\r\nHost: bad host/\r\nConnection: close\r\n\r\n"),
        Arguments.of("no Host", 400, "GET /api/broadcasts HTTP/1.1\r\nConnection: close\r\n\r\n"),
        Arguments.of(
            "20 KB URI", 414, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of(
            "20 KB header",
            431,
            "GET / HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(20_000) + "\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void answersWithJsonAndOurHeaders(String name, int status, String request) throws IOException {
    RawHttp.Answer a = RawHttp.exchange(server.httpPort(), request);
    assertEquals(status, a.status(), a.raw());
    assertEquals("application/json", a.header("Content-Type"), a.raw());
    JsonNode body = Client.JSON.readTree(a.body());
    assertTrue(body.path("error").isTextual(), a.raw());
    assertTrue(body.path("message").isTextual(), a.raw());
    assertOurHeaders(a);
  }

  static void assertOurHeaders(RawHttp.Answer a) {
    assertEquals("nosniff", a.header("X-Content-Type-Options"), a.raw());
    assertEquals("DENY", a.header("X-Frame-Options"), a.raw());
    String csp = String.valueOf(a.header("Content-Security-Policy"));
    assertTrue(csp.contains("default-src 'self'"), a.raw());
    assertTrue(csp.contains("frame-ancestors 'none'"), a.raw());
    assertEquals("camera=(self), microphone=(self)", a.header("Permissions-Policy"), a.raw());
    assertEquals("strict-origin-when-cross-origin", a.header("Referrer-Policy"), a.raw());
    assertNull(a.header("Server"), a.raw());
  }
}
