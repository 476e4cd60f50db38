package upcast.signaling.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs to receivers outside our control: connect timeout 5 s, 10 s for the whole exchange, no
 * redirects followed (a redirect could point anywhere, past the {@link TargetGuard}), response
 * bodies read and dropped.
 */
public final class HttpPoster {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /**
   * Sends the request and returns the status.
   *
   * @throws IOException on connection failures and timeouts (worth a retry)
   */
  public int post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(TOTAL_TIMEOUT)
            .header("User-Agent", "Upcast-Delivery/1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    CompletableFuture<HttpResponse<Void>> f =
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    try {
      return f.get(TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new IOException("no answer within " + TOTAL_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
