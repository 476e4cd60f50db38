package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The chat UI's rules that ChatBrowserTest does not exercise, in real Chromium: an anonymous viewer
 * (on a phone-sized window) is asked to sign in instead of sending hearts; the studio's comments
 * setting closes and reopens viewers' comment boxes; when the broadcast ends the box goes away.
 */
@BrowserTest
class ChatSettingsBrowserTest extends BrowserTestBase {

  private static @Nullable Object js(WebDriver d, String script, Object... args) {
    return ((JavascriptExecutor) d).executeScript(script, args);
  }

  private static void chooseSetting(WebDriver studio, String value) {
    studio.findElement(By.cssSelector("#comments-setting option[value='" + value + "']")).click();
  }

  private static boolean boxIs(WebDriver d, boolean enabled, String placeholder) {
    WebElement input = d.findElement(By.id("comment-input"));
    return input.isEnabled() == enabled && placeholder.equals(input.getAttribute("placeholder"));
  }

  private static @Nullable String lastSetting(WebDriver d) {
    return (String)
        js(
            d,
            "const s = window.upcastChat.received.filter(m => m.type === 'settings'"
                + " || m.type === 'hello');"
                + "return s.length ? s[s.length - 1].comments : null;");
  }

  @Test
  void anonymousHeartsAskToSignInAndTheSettingControlsTheCommentBox() throws Exception {
    WebDriver studio = window("alice");
    String shareLink = goLiveInStudio(studio, "Settings");
    String watchPath = URI.create(shareLink).getPath();

    WebDriver dave = window("dave");
    WebDriver anon = window(null);
    anon.manage().window().setSize(new Dimension(390, 844));
    for (WebDriver d : List.of(dave, anon)) {
      d.get(shareLink);
      Browsers.await(
          d, 20, x -> "open".equals(js(x, "return window.upcastChat.channel.readyState;")));
    }
    Browsers.await(dave, 20, d -> boxIs(d, true, "Say something…"));
    Browsers.await(studio, 20, d -> d.findElement(By.id("viewer-count")).getText().equals("2"));

    // Anonymous: a tap on the video or the heart button sends nothing and offers a sign-in link.
    anon.findElement(By.id("player")).click();
    anon.findElement(By.id("heart-button")).click();
    WebElement error = anon.findElement(By.id("chat-error"));
    Browsers.await(anon, 5, d -> error.isDisplayed());
    assertTrue(error.getText().startsWith("Sign in to send hearts."), error.getText());
    WebElement link = error.findElement(By.cssSelector("a.signin-link"));
    assertEquals(
        "/signin?next=" + watchPath.replace("/", "%2F"),
        URI.create(link.getAttribute("href")).getRawPath()
            + "?"
            + URI.create(link.getAttribute("href")).getRawQuery());
    Thread.sleep(600); // three heart batches would have gone out by now
    assertEquals(0L, js(anon, "return window.upcastChat.chat.pendingHearts;"));
    assertEquals(
        false,
        js(anon, "return window.upcastChat.received.some(m => m.type === 'error');"),
        "no heart reached the server, so no auth_required came back");
    assertEquals("0", studio.findElement(By.id("heart-count")).getText());
    assertTrue(anon.findElement(By.id("comment-signin")).isDisplayed());
    Browsers.screenshot(anon, "chat-watch-mobile");

    // Off: the box closes for dave; the anonymous viewer is told too.
    chooseSetting(studio, "off");
    Browsers.await(dave, 10, d -> boxIs(d, false, "Comments are turned off"));
    Browsers.await(anon, 10, d -> "off".equals(lastSetting(d)));

    // Followers: dave (no follower) may try; the server refuses and the box closes with the reason.
    chooseSetting(studio, "followers");
    Browsers.await(dave, 10, d -> boxIs(d, true, "Say something…"));
    dave.findElement(By.id("comment-input")).sendKeys("am I a follower?");
    dave.findElement(By.id("comment-send")).click();
    Browsers.await(
        dave, 10, d -> d.findElement(By.id("chat-error")).getText().contains("Only followers"));
    Browsers.await(dave, 10, d -> boxIs(d, false, "Only followers can comment"));

    // Everyone again: dave comments, it shows overlaid on his video and in the studio.
    chooseSetting(studio, "everyone");
    Browsers.await(dave, 10, d -> boxIs(d, true, "Say something…"));
    WebElement input = dave.findElement(By.id("comment-input"));
    input.clear();
    input.sendKeys("back in");
    dave.findElement(By.id("comment-send")).click();
    Browsers.await(
        studio,
        10,
        d -> d.findElements(By.cssSelector("#studio-comments [data-author='dave']")).size() == 1);
    assertFalse(studio.findElement(By.id("studio-comments-empty")).isDisplayed());
    WebElement bubble =
        Browsers.await(
            dave, 10, d -> d.findElement(By.cssSelector("#chat-overlay [data-author='dave']")));
    assertTrue(bubble.isDisplayed(), "the comment is overlaid on the video");
    Browsers.screenshot(dave, "chat-overlay");
    Browsers.screenshot(studio, "chat-studio-settings");

    // Hearts: dave's own taps float at once and are not floated again when the total comes back.
    String countFloats =
        "window.floats = 0; new MutationObserver(rs => rs.forEach(r =>"
            + " window.floats += r.addedNodes.length))"
            + ".observe(document.getElementById('hearts-layer'), {childList: true});";
    js(dave, countFloats);
    js(studio, countFloats);
    for (int i = 0; i < 3; i++) {
      dave.findElement(By.id("heart-button")).click();
    }
    for (WebDriver d : List.of(studio, dave, anon)) {
      Browsers.await(d, 10, x -> x.findElement(By.id("heart-count")).getText().equals("3"));
    }
    Thread.sleep(300); // a late duplicate would show up by now
    assertEquals(3L, js(dave, "return window.floats;"), "dave's hearts floated once each");
    assertEquals(3L, js(studio, "return window.floats;"), "the studio sees dave's three hearts");

    // The studio hears `ended` on its chat channel too (as when a broadcast is ended elsewhere):
    // fed to the page's chat here, it returns to the Go-live form and hangs up, which ends the
    // broadcast for the viewers, whose comment box goes away.
    js(studio, "window.upcastChat.chat.dispatch(JSON.stringify({type: 'ended'}));");
    Browsers.await(
        studio,
        10,
        d -> d.findElement(By.id("status")).getText().equals("Your broadcast has ended."));
    assertTrue(studio.findElement(By.id("setup")).isDisplayed());
    Browsers.await(dave, 20, d -> d.findElement(By.id("ended")).isDisplayed());
    assertFalse(dave.findElement(By.id("comment-form")).isDisplayed());
    assertFalse(dave.findElement(By.id("comment-signin")).isDisplayed());
    assertTrue(dave.findElement(By.id("chat-toggle")).isDisplayed(), "scroll-back stays readable");
  }
}
