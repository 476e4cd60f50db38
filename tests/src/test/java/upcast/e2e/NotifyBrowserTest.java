package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import upcast.it.Api;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * The go-live moment as a follower lives it: bob follows alice from her profile, keeps the home
 * page open; alice goes live; bob's page shows the toast and the bell count at once, and the inbox
 * lists it.
 */
@BrowserTest
class NotifyBrowserTest extends BrowserTestBase {

  @Test
  void aFollowerSeesTheToastAndTheInboxEntry() throws Exception {
    Api api = api();
    String alice = api.signUp("alice");
    WebDriver bob = window("bob");
    bob.get(server.baseUri().resolve("/u/alice").toString());
    Browsers.await(bob, 15, d -> d.findElement(By.id("follow")).isDisplayed());
    bob.findElement(By.id("follow")).click();
    Browsers.await(bob, 10, d -> d.findElement(By.id("followers")).getText().equals("1"));
    bob.get(server.baseUri().toString());
    Browsers.await(bob, 15, d -> d.findElement(By.id("bell")).isDisplayed());
    Thread.sleep(500); // the event stream is open

    try (TestPeer publisher = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      long started = System.nanoTime();
      HttpResponse<String> whip =
          api.publish("Morning walk", SdpOffers.publisher(publisher, 1, 2), alice);
      assertEquals(201, whip.statusCode(), whip.body());
      WebElement toast =
          Browsers.await(
              bob,
              10,
              d ->
                  d.findElements(By.cssSelector("#toasts .toast")).stream()
                      // Fading in from opacity 0, it has no visible text for the first 250 ms.
                      .filter(e -> !e.getText().isEmpty())
                      .findFirst()
                      .orElse(null));
      System.out.printf(
          "go-live → toast on the follower's open page: %d ms%n",
          (System.nanoTime() - started) / 1_000_000);
      assertEquals("@alice is live: Morning walk", toast.getText());
      assertTrue(String.valueOf(toast.getAttribute("href")).contains("/b/"));
      assertEquals("1", bob.findElement(By.cssSelector("#bell .bell-count")).getText());
      Browsers.screenshot(bob, "notify-toast");

      bob.findElement(By.id("bell")).click();
      WebElement entry =
          Browsers.await(
              bob,
              10,
              d ->
                  d.findElements(By.cssSelector("#inbox .inbox-item.unread")).stream()
                      .findFirst()
                      .orElse(null));
      assertTrue(entry.getText().contains("@alice is live: Morning walk"), entry.getText());
      bob.findElement(By.id("mark-all")).click();
      Browsers.await(bob, 10, d -> d.findElements(By.cssSelector("#inbox .unread")).isEmpty());
      Browsers.await(
          bob, 10, d -> !d.findElement(By.cssSelector("#bell .bell-count")).isDisplayed());
      Browsers.screenshot(bob, "notify-inbox");
    }
  }
}
