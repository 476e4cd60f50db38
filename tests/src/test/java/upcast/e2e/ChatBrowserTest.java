package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Comments and hearts as people use them, in real headless Chromium through our SFU's SCTP: a
 * broadcaster in the studio, two signed-in viewers and an anonymous one on the watch page. Measures
 * comment latency (sent by one viewer → shown at another) and prints it.
 */
@BrowserTest
class ChatBrowserTest extends BrowserTestBase {

  private static @Nullable Object js(WebDriver d, String script, Object... args) {
    return ((JavascriptExecutor) d).executeScript(script, args);
  }

  private static List<WebElement> commentsBy(WebDriver d, String container, String author) {
    return d.findElements(By.cssSelector("#" + container + " [data-author='" + author + "']"));
  }

  @Test
  void viewersCommentAndHeartAndTheBroadcasterBlocks() throws Exception {
    WebDriver studio = window("alice");
    String shareLink = goLiveInStudio(studio, "Chat with me");

    WebDriver bob = window("bob");
    WebDriver carol = window("carol");
    WebDriver anon = window(null);
    for (WebDriver d : List.of(bob, carol, anon)) {
      d.get(shareLink);
    }
    for (WebDriver d : List.of(bob, carol)) {
      Browsers.await(d, 20, x -> x.findElement(By.id("comment-input")).isEnabled());
    }
    Browsers.await(anon, 20, d -> d.findElement(By.id("comment-signin")).isDisplayed());
    assertFalse(anon.findElement(By.id("comment-form")).isDisplayed(), "anonymous: no input");
    Browsers.await(studio, 20, d -> d.findElement(By.id("viewer-count")).getText().equals("3"));

    // Comments: bob types; carol, the anonymous viewer and the studio see them. Latency is bob's
    // send → carol's display, both on the machine's clock (performance.timeOrigin + now()).
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String text = "hello #" + i + " <b>not bold</b>";
      WebElement input = bob.findElement(By.id("comment-input"));
      input.sendKeys(text);
      bob.findElement(By.id("comment-send")).click();
      Number shown =
          Browsers.await(
              carol,
              10,
              d ->
                  (Number)
                      js(
                          d,
                          "const c = window.upcastChat;"
                              + "const m = c.received.find(x => x.type === 'comment'"
                              + " && x.text === arguments[0]);"
                              + "return m ? c.shown[m.id] : null;",
                          text));
      Number sent =
          (Number)
              js(
                  bob,
                  "const s = window.upcastChat.sent.find(x => x.text === arguments[0]);"
                      + "return s ? s.at : null;",
                  text);
      assertNotNull(sent);
      latencies.add(shown.doubleValue() - sent.doubleValue());
      Thread.sleep(1050); // one comment per second is the limit
    }
    Collections.sort(latencies);
    System.out.printf(
        "comment latency (bob sends → carol shows, %d comments, Chromium ↔ SFU SCTP):"
            + " p50=%.1f ms max=%.1f ms%n",
        latencies.size(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    Browsers.await(anon, 10, d -> d.findElement(By.id("chat-overlay")).getText().contains("#9"));
    Browsers.await(studio, 10, d -> commentsBy(d, "studio-comments", "bob").size() == 10);
    assertEquals(
        "hello #0 <b>not bold</b>",
        carol
            .findElement(By.cssSelector("#chat-list [data-author='bob'] .comment-text"))
            .getAttribute("textContent"),
        "comment text is shown as text, never as markup");
    carol.findElement(By.id("chat-toggle")).click();
    assertTrue(carol.findElement(By.id("chat-list")).isDisplayed(), "scroll-back list opens");
    Browsers.screenshot(carol, "chat-watch");

    // Hearts: carol taps the video and the heart button; everyone sees the running total.
    WebElement video = carol.findElement(By.id("player"));
    for (int i = 0; i < 5; i++) {
      video.click();
    }
    carol.findElement(By.id("heart-button")).click();
    carol.findElement(By.id("heart-button")).click();
    for (WebDriver d : List.of(studio, bob, anon, carol)) {
      Browsers.await(d, 10, x -> x.findElement(By.id("heart-count")).getText().equals("7"));
    }
    Browsers.screenshot(studio, "chat-studio");

    // The studio's viewer list: the signed-in viewers with Follow, and the anonymous count.
    Browsers.await(
        studio,
        10,
        d ->
            d.findElements(By.cssSelector("#viewer-list li")).size() == 2
                && d.findElement(By.id("anonymous-count")).getText().contains("1 not signed in"));
    studio.findElement(By.cssSelector("#viewer-list li[data-handle='carol'] button")).click();
    Browsers.await(
        studio,
        10,
        d ->
            d.findElement(By.cssSelector("#viewer-list li[data-handle='carol'] button"))
                .getText()
                .equals("Following"));
    assertEquals(1, api().getOk("/api/users/carol").get("followers").asLong());

    // The broadcaster blocks bob: his comments vanish everywhere, his next one is refused.
    studio.findElement(By.cssSelector(".block-button[data-handle='bob']")).click();
    for (WebDriver d : List.of(carol, anon)) {
      Browsers.await(d, 10, x -> commentsBy(x, "chat-list", "bob").isEmpty());
      Browsers.await(d, 10, x -> commentsBy(x, "chat-overlay", "bob").isEmpty());
    }
    Browsers.await(studio, 10, d -> commentsBy(d, "studio-comments", "bob").isEmpty());
    bob.findElement(By.id("comment-input")).sendKeys("let me back in");
    bob.findElement(By.id("comment-send")).click();
    Browsers.await(
        bob, 10, d -> d.findElement(By.id("chat-error")).getText().contains("blocked you"));
    Browsers.screenshot(bob, "chat-blocked");

    // Carol still comments fine.
    carol.findElement(By.id("comment-input")).sendKeys("still here");
    carol.findElement(By.id("comment-send")).click();
    Browsers.await(studio, 10, d -> commentsBy(d, "studio-comments", "carol").size() == 1);
  }
}
