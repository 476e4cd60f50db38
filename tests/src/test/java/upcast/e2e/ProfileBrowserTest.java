package upcast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Profiles in Chromium: bob follows alice from her profile and the count follows; alice imports a
 * CSV of handles on her own profile and sees the report; the home page puts followed broadcasters
 * first.
 */
@BrowserTest
class ProfileBrowserTest extends BrowserTestBase {

  @Test
  void followFromAProfileAndImportACsv() throws Exception {
    WebDriver alice = window("alice");
    WebDriver bob = window("bob");
    api().signUp("carol");

    bob.get(server.baseUri().resolve("/u/alice").toString());
    Browsers.await(bob, 15, d -> d.findElement(By.id("follow")).isDisplayed());
    assertEquals("0", bob.findElement(By.id("followers")).getText());
    bob.findElement(By.id("follow")).click();
    Browsers.await(bob, 10, d -> d.findElement(By.id("followers")).getText().equals("1"));
    assertEquals("Following", bob.findElement(By.id("follow")).getText());
    bob.navigate().refresh();
    Browsers.await(bob, 10, d -> d.findElement(By.id("follow")).getText().equals("Following"));
    bob.findElement(By.id("show-followers")).click();
    Browsers.await(bob, 10, d -> d.findElement(By.id("people-list")).getText().contains("@bob"));
    Browsers.screenshot(bob, "profile-followed");

    alice.get(server.baseUri().resolve("/u/alice").toString());
    Browsers.await(alice, 15, d -> d.findElement(By.id("settings")).isDisplayed());
    assertTrue(!alice.findElement(By.id("follow")).isDisplayed(), "no Follow on your own profile");
    Path csv = Files.createTempFile("follows", ".csv");
    Files.writeString(csv, "handle\n@carol\nbob\nsomeone_new\nnot valid!\n");
    alice.findElement(By.id("import-file")).sendKeys(csv.toString());
    alice.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    String report =
        Browsers.await(
            alice,
            15,
            d -> {
              String t = d.findElement(By.id("import-report")).getText();
              return t.contains("followed now") ? t : null;
            });
    assertTrue(report.contains("2 followed now"), report);
    assertTrue(report.contains("1 will be followed when they join"), report);
    assertTrue(report.contains("Line 5"), report);
    Browsers.await(alice, 10, d -> d.findElement(By.id("following")).getText().equals("2"));
    Browsers.screenshot(alice, "profile-import");
  }
}
