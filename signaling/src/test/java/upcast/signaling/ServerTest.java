package upcast.signaling;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One in-process Upcast per test class: loopback, free ports, a fresh data directory. */
abstract class ServerTest {
  private static final AtomicInteger HANDLES = new AtomicInteger();

  @TempDir static Path data;
  static UpcastServer server;
  static Client client;

  @BeforeAll
  static void startServer() {
    server = UpcastServer.start(UpcastConfig.forTests(data));
    client = new Client(server.baseUri());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** A handle no other test in this run uses. */
  static String newHandle(String prefix) {
    return prefix + HANDLES.incrementAndGet();
  }
}
