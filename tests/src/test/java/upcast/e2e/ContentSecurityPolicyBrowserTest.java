package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Every page runs under the server's Content-Security-Policy without a refusal in the console, and
 * the console check used after every browser test ({@link BrowserTestBase}) does see a refusal.
 */
class ContentSecurityPolicyBrowserTest extends BrowserTestBase {

  @Test
  void everyPageLoadsWithoutViolations() throws Exception {
    WebDriver d = window("cspuser");
    for (String path :
        List.of("/", "/signin", "/studio", "/inbox", "/u/cspuser", "/b/NoSuchOne", "/embed/x1")) {
      d.get(server.baseUri().resolve(path).toString());
      Browsers.await(
          d,
          10,
          w ->
              "complete"
                  .equals(((JavascriptExecutor) w).executeScript("return document.readyState")));
      Thread.sleep(300); // module scripts and their first fetches
      assertEquals(List.of(), browsers.cspViolations(), path);
    }
  }

  @Test
  void anInlineScriptIsRefusedAndReported() throws Exception {
    WebDriver d = window(null);
    ((JavascriptExecutor) d)
        .executeScript(
            "const s = document.createElement('script');"
                + "s.textContent = 'window.inlineRan = true';"
                + "document.head.append(s);");
    assertNull(((JavascriptExecutor) d).executeScript("return window.inlineRan"));
    List<String> seen = Browsers.await(d, 5, w -> nonEmpty(browsers.cspViolations()));
    assertFalse(seen.isEmpty());
  }

  private static @Nullable List<String> nonEmpty(List<String> found) {
    return found.isEmpty() ? null : found;
  }
}
