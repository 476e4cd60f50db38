package upcast.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;

/** One in-process Upcast on loopback (free ports, fresh data directory) per test class. */
abstract class ServerTestBase {
  @TempDir static Path data;
  static UpcastServer server;
  static Api api;

  @BeforeAll
  static void startServer() {
    server = UpcastServer.start(UpcastConfig.forTests(data));
    api = new Api(server.baseUri());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }
}
