package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import upcast.it.Api;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Chat interop with an independent WebRTC implementation: werift (TypeScript; its own ICE, DTLS,
 * SCTP and DCEP), run by Node from {@code tests/interop}, joins by WHEP with a {@code chat} channel
 * and exchanges comments with a Chromium viewer on the watch page, through our SFU.
 */
@BrowserTest
class WeriftInteropTest extends BrowserTestBase {
  private static final Path INTEROP = Path.of("interop");

  @Test
  void weriftAndChromiumExchangeComments() throws Exception {
    assertTrue(
        Files.isDirectory(INTEROP.resolve("node_modules/werift")),
        "werift is missing: ./test.sh runs `npm ci` in tests/interop before the suite");
    Api api = api();
    try (TestPeer publisher = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      HttpResponse<String> whip =
          api.publish("Interop", SdpOffers.publisher(publisher, 1, 2), api.signUp("alice"));
      assertEquals(201, whip.statusCode(), whip.body());
      publisher.connect(AnswerInfo.parse(whip.body()));
      String id = api.getOk("/api/broadcasts?live=true").get(0).get("id").asText();

      WebDriver carol = window("carol");
      carol.get(server.baseUri().resolve("/b/" + id).toString());
      Browsers.await(carol, 20, d -> d.findElement(By.id("comment-input")).isEnabled());

      String base = server.baseUri().toString().replaceAll("/$", "");
      Path out = Files.createTempFile("werift", ".log");
      Process node =
          new ProcessBuilder(
                  List.of(
                      "node",
                      "whep-chat.mjs",
                      base,
                      id,
                      api.signUp("dave"),
                      "hello from werift 🛰",
                      "carol",
                      "hello from chromium",
                      "30000"))
              .directory(INTEROP.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      try {
        try {
          Browsers.await(
              carol,
              30,
              d ->
                  String.valueOf(d.findElement(By.id("chat-list")).getAttribute("textContent"))
                      .contains("hello from werift 🛰"));
        } catch (RuntimeException e) {
          throw new AssertionError(
              "Chromium never saw werift's comment; werift said:\n" + read(out), e);
        }
        assertTrue(
            String.valueOf(
                    carol
                        .findElement(By.cssSelector("#chat-list [data-author='dave']"))
                        .getAttribute("textContent"))
                .contains("werift"));
        carol.findElement(By.id("comment-input")).sendKeys("hello from chromium");
        carol.findElement(By.id("comment-send")).click();
        assertTrue(node.waitFor(40, TimeUnit.SECONDS), "werift finished: " + read(out));
        String log = read(out);
        System.out.println("werift peer said:\n" + log);
        assertEquals(0, node.exitValue(), log);
        assertTrue(log.contains("\"event\":\"done\""), log);
        assertTrue(log.contains("\"type\":\"hello\",\"you\":\"dave\""), log);
        Browsers.screenshot(carol, "chat-interop");
      } finally {
        node.destroyForcibly();
      }
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
