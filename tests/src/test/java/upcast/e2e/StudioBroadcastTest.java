package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The first-light story as a person lives it, in real headless Chromium: sign up, go live from the
 * studio with the fake camera, three viewers watch and hear it, a late viewer finds it on the home
 * page and gets a picture quickly, and ending the broadcast tells every viewer.
 */
@BrowserTest
class StudioBroadcastTest extends BrowserTestBase {

  private static String url(String path) {
    return server.baseUri().resolve(path).toString();
  }

  @Test
  void broadcasterGoesLiveAndViewersWatchUntilTheEnd() throws Exception {
    WebDriver studio = browsers.open();
    studio.get(url("/signin"));
    studio.findElement(By.id("handle")).sendKeys("alice");
    studio.findElement(By.id("password")).sendKeys("correct horse battery");
    studio.findElement(By.id("signup")).click();
    Browsers.await(
        studio, 15, d -> d.findElement(By.id("signed-in-as")).getText().equals("@alice"));

    String shareLink = goLiveInStudio(studio, "First light");
    assertTrue(shareLink.contains("/b/"), shareLink);
    String intent = studio.findElement(By.id("share-x")).getAttribute("href");
    assertNotNull(intent);
    assertTrue(intent.startsWith("https://x.com/intent/post?text=First%20light%20%E2%80%94%20%40"));
    assertTrue(
        intent.endsWith(
            "&url="
                + java.net.URLEncoder.encode(shareLink, java.nio.charset.StandardCharsets.UTF_8)),
        intent);
    String broadcastId = shareLink.substring(shareLink.lastIndexOf('/') + 1);

    List<WebDriver> viewers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      WebDriver viewer = browsers.open();
      viewer.get(shareLink);
      viewers.add(viewer);
    }
    for (WebDriver viewer : viewers) {
      assertMediaFlows(viewer);
      assertTrue(
          viewer.findElement(By.id("broadcast-title")).getText().contains("First light"),
          "title shown");
      assertTrue(viewer.findElement(By.id("unmute")).isDisplayed(), "unmute control visible");
    }
    Browsers.await(studio, 15, d -> d.findElement(By.id("viewer-count")).getText().equals("3"));
    Browsers.screenshot(studio, "studio-live");
    Browsers.screenshot(viewers.get(0), "watch-live");

    // A late viewer finds the broadcast on the home page and opens it.
    WebDriver late = browsers.open();
    late.get(url("/"));
    WebElement card =
        Browsers.await(
            late,
            15,
            d ->
                d
                    .findElements(By.cssSelector("[data-broadcast-id='" + broadcastId + "'] a"))
                    .stream()
                    .findFirst()
                    .orElse(null));
    assertTrue(card.getText().contains("First light"), card.getText());
    long clicked = System.nanoTime();
    card.click();
    Browsers.await(
        late, 15, d -> Browsers.number(Browsers.inboundStats(d, "window.upcastPc"), "frames") > 0);
    long firstFrameMs = (System.nanoTime() - clicked) / 1_000_000;
    Object timings =
        ((JavascriptExecutor) late).executeScript("return JSON.stringify(window.upcastTimings)");
    System.out.println(
        "time-to-first-frame ms="
            + firstFrameMs
            + " (late viewer, click to decoded frame); page milestones since navigation: "
            + timings);
    assertTrue(firstFrameMs < 15_000);

    assertTrue(apiGet("/api/broadcasts?live=true").contains(broadcastId), "listed as live");

    studio.findElement(By.id("end-broadcast")).click();
    viewers.add(late);
    for (WebDriver viewer : viewers) {
      Browsers.await(viewer, 15, d -> d.findElement(By.id("ended")).isDisplayed());
    }
    Browsers.screenshot(late, "watch-ended");
    Browsers.await(studio, 10, d -> !apiGet("/api/broadcasts?live=true").contains(broadcastId));
    System.out.println("sfu stats: " + server.sfu().stats());
  }

  /** Video frames are decoded and audio arrives, and both keep growing. */
  private static void assertMediaFlows(WebDriver viewer) {
    Browsers.await(
        viewer,
        20,
        d -> Browsers.number(Browsers.inboundStats(d, "window.upcastPc"), "frames") > 0);
    var before = Browsers.inboundStats(viewer, "window.upcastPc");
    Browsers.await(
        viewer,
        15,
        d -> {
          var now = Browsers.inboundStats(d, "window.upcastPc");
          return Browsers.number(now, "frames") > Browsers.number(before, "frames") + 5
              && Browsers.number(now, "audioPackets") > Browsers.number(before, "audioPackets")
              && Browsers.number(now, "samples") > Browsers.number(before, "samples");
        });
  }

  private static String apiGet(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
