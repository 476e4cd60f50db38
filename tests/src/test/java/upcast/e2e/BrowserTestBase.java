package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import upcast.it.Api;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;

/** An in-process Upcast on loopback and the Chromium windows of one browser test class. */
abstract class BrowserTestBase {
  @TempDir static Path dataDir;
  static UpcastServer server;
  static Browsers browsers;

  @BeforeAll
  static void startServerAndBrowsers() {
    server = UpcastServer.start(UpcastConfig.forTests(dataDir));
    browsers = new Browsers();
  }

  /** Every page a test opened ran under the server's Content-Security-Policy without a refusal. */
  @AfterEach
  void noContentSecurityPolicyViolations() {
    if (browsers != null) {
      assertEquals(List.of(), browsers.cspViolations());
    }
  }

  @AfterAll
  static void stopServerAndBrowsers() {
    if (browsers != null) {
      browsers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** An HTTP client for the in-process server's API. */
  static Api api() {
    return new Api(server.baseUri());
  }

  /** Opens a window signed in as a fresh user (anonymous when {@code handle} is null). */
  static WebDriver window(@Nullable String handle) throws Exception {
    WebDriver d = browsers.open();
    d.get(server.baseUri().toString());
    if (handle != null) {
      ((JavascriptExecutor) d)
          .executeScript(
              "localStorage.setItem('upcast.token', arguments[0]);"
                  + "localStorage.setItem('upcast.handle', arguments[1]);",
              api().signUp(handle),
              handle);
    }
    return d;
  }

  /** Goes live from the studio (signed in already) and returns the share link. */
  static String goLiveInStudio(WebDriver studio, String title) {
    studio.get(server.baseUri().resolve("/studio").toString());
    WebElement goLive = studio.findElement(By.id("go-live"));
    Browsers.await(studio, 20, d -> goLive.isEnabled());
    studio.findElement(By.id("title-input")).sendKeys(title);
    goLive.click();
    return Browsers.await(
        studio,
        20,
        d -> {
          String v = d.findElement(By.id("share-link")).getAttribute("value");
          return v == null || v.isEmpty() ? null : v;
        });
  }
}
