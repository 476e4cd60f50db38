package upcast.e2e;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The pages on a phone (390×844, touch, mobile viewport) in Chromium: home, studio, watch and
 * profile keep the header on one line (the account items open from an icon), the profile avatar is
 * a small circle, the unmute button draws its icon as SVG (no emoji font needed), and the favicon
 * exists as SVG and ICO, so no page logs a 404 for it. Screenshots go to the screenshot dir.
 */
@BrowserTest
class PhoneLayoutBrowserTest extends BrowserTestBase {
  private static final int WIDTH = 390;
  private static final int HEIGHT = 844;

  /** The brand and the header's visible controls: where each one sits, and the header's box. */
  private static final String HEADER_BOXES =
      "const bar = document.querySelector('.topbar').getBoundingClientRect();"
          + "const items = [...document.querySelectorAll('.topbar > .brand, #nav > *')]"
          + "  .filter(e => e.getClientRects().length > 0);"
          + "return {barTop: bar.top, barBottom: bar.bottom, barHeight: bar.height,"
          + "  scrollWidth: document.documentElement.scrollWidth,"
          + "  items: items.map(e => { const r = e.getBoundingClientRect();"
          + "    return {name: e.id || e.className, top: r.top, bottom: r.bottom, left: r.left,"
          + "      right: r.right, height: r.height}; })};";

  /** Fetches each icon the page links and /favicon.ico: {@code [{href, status, type}]}. */
  private static final String ICONS =
      "const done = arguments[arguments.length - 1];"
          + "const hrefs = [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href);"
          + "hrefs.push(new URL('/favicon.ico', location.href).href);"
          + "Promise.all(hrefs.map(h => fetch(h).then(r => ({href: h, status: r.status,"
          + "  type: r.headers.get('content-type') || ''}))))"
          + "  .then(done, e => done([{href: String(e), status: -1, type: ''}]));";

  private static @Nullable Object js(WebDriver d, String script, Object... args) {
    return ((JavascriptExecutor) d).executeScript(script, args);
  }

  /** Makes {@code d} a phone: viewport, device pixels, mobile meta viewport, touch. */
  private static void phone(WebDriver d) {
    ChromeDriver c = (ChromeDriver) d;
    c.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 2, "mobile", true));
    c.executeCdpCommand(
        "Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
  }

  @Test
  void pagesFitAPhone() throws Exception {
    WebDriver studio = window("alice");
    String shareLink = goLiveInStudio(studio, "Phone check");

    WebDriver phone = window("bob");
    phone(phone);
    assertEquals(WIDTH, ((Number) requireNonNull(js(phone, "return innerWidth;"))).intValue());
    assertEquals(true, js(phone, "return navigator.maxTouchPoints > 0;"), "touch emulated");

    phone.get(server.baseUri().toString());
    Browsers.await(phone, 15, d -> d.findElement(By.cssSelector(".grid .card")));
    checkPage(phone, "home", true);
    Browsers.screenshot(phone, "phone-home");

    // The account items open from the icon button, inside the window.
    assertFalse(phone.findElement(By.id("sign-out")).isDisplayed(), "behind the account icon");
    phone.findElement(By.id("account-button")).click();
    WebElement signOut = phone.findElement(By.id("sign-out"));
    Browsers.await(phone, 5, d -> signOut.isDisplayed());
    assertEquals("@bob", phone.findElement(By.id("signed-in-as")).getText());
    assertTrue(signOut.getRect().getX() + signOut.getRect().getWidth() <= WIDTH, "menu in view");
    Browsers.screenshot(phone, "phone-account-menu");
    new Actions(phone).sendKeys(Keys.ESCAPE).perform();
    Browsers.await(phone, 5, d -> !signOut.isDisplayed());

    phone.get(server.baseUri().resolve("/studio").toString());
    Browsers.await(phone, 20, d -> d.findElement(By.id("go-live")).isEnabled());
    checkPage(phone, "studio", true);
    Browsers.screenshot(phone, "phone-studio");

    phone.get(shareLink);
    WebElement unmute = phone.findElement(By.id("unmute"));
    Browsers.await(phone, 20, d -> unmute.isDisplayed());
    assertEquals("Tap to unmute", unmute.getText());
    WebElement icon = unmute.findElement(By.tagName("svg"));
    assertTrue(icon.getRect().getWidth() > 10 && icon.getRect().getHeight() > 10, "icon drawn");
    assertEquals(
        true,
        js(
            phone,
            "return [...arguments[0].textContent].every(c => c.codePointAt(0) < 0x2000);",
            unmute),
        "no emoji left in the button");
    checkPage(phone, "watch", true);
    Browsers.screenshot(phone, "phone-watch");

    phone.get(server.baseUri().resolve("/u/alice").toString());
    Browsers.await(phone, 15, d -> d.findElement(By.id("profile")).isDisplayed());
    checkPage(phone, "profile", true);
    assertSmallCircle(phone.findElement(By.id("avatar")), 80);
    Browsers.screenshot(phone, "phone-profile");

    // Signed out, the header has Go live and Sign in, still on one line.
    WebDriver anon = window(null);
    phone(anon);
    anon.get(server.baseUri().toString());
    Browsers.await(anon, 15, d -> d.findElement(By.id("nav-signin")));
    checkPage(anon, "home (signed out)", false);
    Browsers.screenshot(anon, "phone-home-signed-out");

    // On a desktop window too, the avatar is a circle, not half the page.
    studio.get(server.baseUri().resolve("/u/alice").toString());
    Browsers.await(studio, 15, d -> d.findElement(By.id("profile")).isDisplayed());
    assertSmallCircle(studio.findElement(By.id("avatar")), 80);
    Browsers.screenshot(studio, "desktop-profile");
  }

  /** One-line header, nothing wider than the phone, icons served, no 404 in the console. */
  @SuppressWarnings("unchecked")
  private static void checkPage(WebDriver d, String page, boolean signedIn) {
    if (signedIn) {
      Browsers.await(d, 15, x -> x.findElement(By.id("bell"))); // the last item to arrive
      assertTrue(d.findElement(By.id("account-button")).isDisplayed(), page + ": account icon");
    }
    Map<String, Object> header = (Map<String, Object>) requireNonNull(js(d, HEADER_BOXES));
    List<Map<String, Object>> items =
        (List<Map<String, Object>>) requireNonNull(header.get("items"));
    double barTop = num(header, "barTop");
    double barBottom = num(header, "barBottom");
    assertTrue(num(header, "barHeight") <= 60, page + ": header one line high: " + header);
    assertTrue(num(header, "scrollWidth") <= WIDTH, page + ": nothing wider than the phone");
    assertTrue(items.size() >= 3, page + ": brand and buttons: " + items);
    double firstMiddle = Double.NaN;
    for (Map<String, Object> item : items) {
      double top = num(item, "top");
      double bottom = num(item, "bottom");
      double middle = (top + bottom) / 2;
      if (Double.isNaN(firstMiddle)) {
        firstMiddle = middle;
      }
      assertTrue(top >= barTop && bottom <= barBottom, page + ": inside the header: " + item);
      assertTrue(num(item, "height") <= 44, page + ": one line of text: " + item);
      assertTrue(Math.abs(middle - firstMiddle) <= 4, page + ": on one row: " + items);
      assertTrue(num(item, "right") <= WIDTH, page + ": in view: " + item);
    }

    List<Map<String, Object>> icons =
        (List<Map<String, Object>>)
            requireNonNull(((JavascriptExecutor) d).executeAsyncScript(ICONS));
    assertTrue(icons.size() >= 3, page + ": SVG and ICO linked: " + icons);
    for (Map<String, Object> icon : icons) {
      assertEquals(200L, ((Number) requireNonNull(icon.get("status"))).longValue(), "" + icon);
      assertTrue(String.valueOf(icon.get("type")).startsWith("image/"), "" + icon);
    }
    List<String> notFound = new ArrayList<>();
    for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
      if (e.getMessage().contains("404") || e.getMessage().contains("favicon")) {
        notFound.add(e.getMessage());
      }
    }
    assertEquals(List.of(), notFound, page + ": console");
  }

  private static void assertSmallCircle(WebElement avatar, int maxSize) {
    var r = avatar.getRect();
    assertEquals(r.getWidth(), r.getHeight(), "avatar square box: " + r.getDimension());
    assertTrue(r.getWidth() >= 32 && r.getWidth() <= maxSize, "avatar small: " + r.getDimension());
    assertTrue(avatar.getCssValue("border-radius").startsWith("50%"), "round");
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) requireNonNull(m.get(key), key)).doubleValue();
  }
}
