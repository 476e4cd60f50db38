package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * After signing in, {@code /signin?next=…} returns only to a path on this site: anything a browser
 * would read as another host ({@code //evil.com}, and {@code /\evil.com}, since a backslash counts
 * as a slash) goes home instead.
 */
class SignInRedirectBrowserTest extends BrowserTestBase {

  @ParameterizedTest(name = "next={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/%5Cevil.com|/",
        "//evil.com|/",
        "/\\evil.com|/",
        "https://evil.com|/",
        "%2F%2Fevil.com|/",
        "/%09/evil.com|/",
        "javascript:alert(1)|/",
        "/inbox|/inbox",
        "/u/someone?tab=followers|/u/someone?tab=followers"
      })
  void returnsOnlyToAPathOnThisSite(String next, String expected) throws Exception {
    String handle = "next" + Integer.toHexString(next.hashCode() & 0xffff);
    api().signUp(handle);
    WebDriver d = browsers.open();
    d.get(server.baseUri() + "signin?next=" + next);
    d.findElement(By.id("handle")).sendKeys(handle);
    d.findElement(By.id("password")).sendKeys("password-123");
    d.findElement(By.id("signin")).click();
    String landed =
        Browsers.await(
            d,
            15,
            w -> {
              String url = String.valueOf(w.getCurrentUrl());
              return url.contains("/signin") ? null : url;
            });
    URI at = URI.create(landed);
    assertEquals(server.baseUri().getAuthority(), at.getAuthority(), landed);
    String path = at.getRawPath() + (at.getRawQuery() == null ? "" : "?" + at.getRawQuery());
    assertEquals(expected, path, landed);
  }
}
