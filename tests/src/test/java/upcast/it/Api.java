package upcast.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.ChatClient;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/** A tiny HTTP client for the API and browser tests. */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CHAT_WAIT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  public Api(URI base) {
    this.base = base;
  }

  public HttpResponse<String> send(
      String method,
      String path,
      @Nullable String contentType,
      @Nullable String body,
      @Nullable String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null, null);
  }

  public HttpResponse<String> postJson(String path, String json)
      throws IOException, InterruptedException {
    return send("POST", path, "application/json", json, null);
  }

  /** Goes live by WHIP with {@code offer} (RFC 9725 §4.2) as the user of {@code token}. */
  public HttpResponse<String> publish(String title, String offer, String token)
      throws IOException, InterruptedException {
    return send(
        "POST",
        "/whip?title=" + URLEncoder.encode(title, StandardCharsets.UTF_8),
        "application/sdp",
        offer,
        token);
  }

  /** Signs up a user and returns its token. */
  public String signUp(String handle) throws IOException, InterruptedException {
    HttpResponse<String> r =
        postJson("/api/users", "{\"handle\":\"" + handle + "\",\"password\":\"password-123\"}");
    if (r.statusCode() != 201) {
      throw new AssertionError(r.statusCode() + " " + r.body());
    }
    return json(r).get("token").asText();
  }

  public static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** GETs {@code path} and returns its JSON body, failing unless the status is 200. */
  public JsonNode getOk(String path) throws IOException, InterruptedException {
    return expect(200, get(path));
  }

  /** POSTs JSON to {@code path} and returns the JSON answer, failing unless it is 201 Created. */
  public JsonNode postCreated(String path, String json) throws IOException, InterruptedException {
    return expect(201, postJson(path, json));
  }

  private static JsonNode expect(int status, HttpResponse<String> r) throws IOException {
    if (r.statusCode() != status) {
      throw new AssertionError(
          r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  /**
   * Watches {@code broadcastId} by WHEP with a {@code chat} channel (signed in when {@code token}
   * is given) and returns the channel once the server said hello.
   */
  public ChatClient watchWithChat(TestPeer peer, String broadcastId, @Nullable String token)
      throws IOException, InterruptedException, TimeoutException {
    HttpResponse<String> r =
        send(
            "POST",
            "/whep/" + broadcastId,
            "application/sdp",
            SdpOffers.viewerWithDataChannel(peer),
            token);
    if (r.statusCode() != 201) {
      throw new AssertionError("WHEP " + r.statusCode() + " " + r.body());
    }
    peer.connect(AnswerInfo.parse(r.body()));
    ChatClient c = ChatClient.open(peer, "chat", CHAT_WAIT);
    try {
      c.await(m -> m.path("type").asText().equals("hello"), CHAT_WAIT);
    } catch (AssertionError | InterruptedException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
