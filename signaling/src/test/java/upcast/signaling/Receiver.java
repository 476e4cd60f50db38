package upcast.signaling;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver or push service for tests: a JDK HTTP server on 127.0.0.1 that records every
 * request and answers with scripted statuses (then 201 by default).
 */
final class Receiver implements AutoCloseable {
  /** One received request; header names lower-cased. */
  @SuppressWarnings("ArrayRecordComponent") // a test's record of one request
  record Received(String path, Map<String, String> headers, byte[] body, long atNanos) {
    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
  private volatile int defaultStatus = 201;

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
          received.add(
              new Received(exchange.getRequestURI().getPath(), headers, body, System.nanoTime()));
          Integer scripted = script.poll();
          exchange.sendResponseHeaders(scripted == null ? defaultStatus : scripted, -1);
          exchange.close();
        });
    server.setExecutor(executor);
    server.start();
  }

  /** The next requests get these statuses, in order; then the default. */
  Receiver answer(int... statuses) {
    for (int s : statuses) {
      script.add(s);
    }
    return this;
  }

  Receiver byDefault(int status) {
    defaultStatus = status;
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> received(String path) {
    List<Received> out = new ArrayList<>();
    for (Received r : received) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Waits (bounded) until {@code path} has at least {@code n} requests. */
  List<Received> await(String path, int n, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (received(path).size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return received(path);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
