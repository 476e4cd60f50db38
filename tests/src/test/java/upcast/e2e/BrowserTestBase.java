package upcast.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
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
}
