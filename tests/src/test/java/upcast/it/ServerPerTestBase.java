package upcast.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;

/**
 * One in-process Upcast per test, with a fresh data directory that survives {@link #stop} and
 * {@link #start} (restart tests), and the peers and clients a test opened, closed after it in
 * reverse order. {@link ServerTestBase} is the cheaper one-server-per-class variant.
 */
abstract class ServerPerTestBase {
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  UpcastServer server;
  Api api;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    server = UpcastServer.start(UpcastConfig.forTests(dataDir));
    api = new Api(server.baseUri());
  }

  /** Closes what the test opened, then the server; the data directory stays. */
  @AfterEach
  @SuppressWarnings("NullAway") // server is null only from here to the next test's start
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Closes {@code c} after the test (or at {@link #stop}). */
  <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }
}
