package upcast.e2e;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts headless Chromium windows for one test class and quits them all at the end.
 *
 * <p>Each page that must render gets its own browser: headless Chromium throttles background tabs
 * to a few frames per second.
 */
final class Browsers implements AutoCloseable {
  private final List<ChromeDriver> drivers = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  /** A fresh browser with a fake camera and microphone and its own profile directory. */
  ChromeDriver open() throws IOException {
    Path profile = Files.createTempDirectory("upcast-chromium-");
    profiles.add(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1280,800",
        "--user-data-dir=" + profile);
    // Console messages (CSP violations, a 404 for an icon) readable through driver.manage().logs().
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    drivers.add(driver);
    return driver;
  }

  /**
   * A page script that publishes the fake camera over WHIP: arguments {@code token, title};
   * resolves with {@code {status, location}} or {@code {status, error}} and leaves the peer
   * connection in {@code window.whipPc}.
   */
  static final String WHIP_PUBLISH =
      "const [token, title, done] = arguments;"
          + "(async () => {"
          + "  const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});"
          + "  const pc = new RTCPeerConnection();"
          + "  stream.getTracks().forEach(t => pc.addTransceiver(t, {direction: 'sendonly'}));"
          + "  await pc.setLocalDescription(await pc.createOffer());"
          + "  const r = await fetch('/whip?title=' + encodeURIComponent(title), {method: 'POST',"
          + "    headers: {'Content-Type': 'application/sdp', 'Authorization': 'Bearer ' + token},"
          + "    body: pc.localDescription.sdp});"
          + "  const body = await r.text();"
          + "  if (r.status !== 201) { done({status: r.status, error: body}); return; }"
          + "  await pc.setRemoteDescription({type: 'answer', sdp: body});"
          + "  window.whipPc = pc;"
          + "  done({status: r.status, location: r.headers.get('Location')});"
          + "})().catch(e => done({status: -1, error: String(e)}));";

  /** Waits up to {@code seconds} for {@code condition} to return non-null/true. */
  static <T> T await(WebDriver driver, int seconds, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100))
        .until(condition);
  }

  /**
   * Inbound media counters of the page's {@code window.upcastPc}, or of the peer connection the
   * named global holds: video frames decoded and audio samples received.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Number> inboundStats(WebDriver driver, String pcExpression) {
    Object result =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const pc = "
                    + pcExpression
                    + ";"
                    + "if (!pc) { done({frames: 0, samples: 0, audioPackets: 0}); return; }"
                    + "pc.getStats().then(stats => {"
                    + "  let frames = 0, samples = 0, audioPackets = 0;"
                    + "  stats.forEach(s => {"
                    + "    if (s.type !== 'inbound-rtp') return;"
                    + "    if (s.kind === 'video') frames += s.framesDecoded || 0;"
                    + "    if (s.kind === 'audio') { samples += s.totalSamplesReceived || 0;"
                    + "      audioPackets += s.packetsReceived || 0; }"
                    + "  });"
                    + "  done({frames, samples, audioPackets});"
                    + "}, e => done({frames: 0, samples: 0, audioPackets: 0}));");
    return (Map<String, Number>) requireNonNull(result, "getStats gave nothing");
  }

  /** A number in a script's result; fails the test when the script gave no result or no key. */
  static long number(@Nullable Map<String, ?> result, String key) {
    Object value = requireNonNull(result, "the script gave no result").get(key);
    return ((Number) requireNonNull(value, key)).longValue();
  }

  /** Saves a PNG of the page under {@code <build dir>/screenshots/} for people to look at. */
  static void screenshot(WebDriver driver, String name) {
    try {
      Path dir = Path.of(System.getProperty("screenshotDir", "target/screenshots"));
      Files.createDirectories(dir);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException | RuntimeException e) {
      System.out.println("screenshot " + name + " failed: " + e);
    }
  }

  /**
   * Console messages of every open browser since the last call that report a Content Security
   * Policy violation: the pages must run under the server's policy without any.
   */
  List<String> cspViolations() {
    List<String> found = new ArrayList<>();
    for (ChromeDriver driver : drivers) {
      try {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
          if (e.getMessage().contains("Content Security Policy")) {
            found.add(e.getMessage());
          }
        }
      } catch (RuntimeException e) {
        // A browser that is gone has nothing more to say.
      }
    }
    return found;
  }

  @Override
  public void close() {
    for (ChromeDriver driver : drivers) {
      try {
        driver.quit();
      } catch (RuntimeException e) {
        // The browser may already be gone; nothing else to free.
      }
    }
    drivers.clear();
    for (Path profile : profiles) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Temporary profile left behind; harmless.
      }
    }
  }
}
