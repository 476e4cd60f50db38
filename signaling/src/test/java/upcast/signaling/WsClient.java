package upcast.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A signaling WebSocket client that queues every JSON message it receives. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
  private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  WsClient(URI httpBase, @Nullable String token) {
    String ws = httpBase.toString().replaceFirst("^http", "ws") + "ws";
    URI uri = URI.create(token == null ? ws : ws + "?token=" + token);
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, this)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
  }

  void send(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** The next message, failing after 10 s. */
  JsonNode next() throws InterruptedException {
    JsonNode m = inbox.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 10 s");
    }
    return m;
  }

  /** The next message of {@code type}, skipping others (e.g. viewer-count pushes). */
  JsonNode next(String type) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      JsonNode m = next();
      if (m.path("type").asText().equals(type)) {
        return m;
      }
    }
    throw new AssertionError("no " + type + " message among the next 50");
  }

  /** Waits for a {@code viewers} push with {@code count}; fails on any other count first. */
  JsonNode viewers(int count) throws InterruptedException {
    JsonNode m = next("viewers");
    if (m.get("count").asInt() != count) {
      throw new AssertionError("expected " + count + " viewers, got " + m);
    }
    return m;
  }

  @Override
  public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        inbox.add(Client.JSON.readTree(partial.toString()));
      } catch (IOException e) {
        throw new IllegalStateException("server sent non-JSON: " + partial, e);
      }
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(-1);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      var unused = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"); // aborted right after
    }
    socket.abort();
  }
}
