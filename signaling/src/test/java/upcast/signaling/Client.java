package upcast.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A small HTTP client for one in-process server on loopback. */
final class Client {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  Client(URI base) {
    this.base = base;
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** POST with an SDP body and an optional bearer token. */
  HttpResponse<String> postSdp(String path, String sdp, @Nullable String token) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/sdp")
            .POST(HttpRequest.BodyPublishers.ofString(sdp));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  HttpResponse<String> delete(String path, @Nullable String token) {
    HttpRequest.Builder b = request(path).DELETE();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  /** Signs up a new user and returns the token. */
  String signUp(String handle, String password) {
    HttpResponse<String> r =
        postJson("/api/users", "{\"handle\":\"" + handle + "\",\"password\":\"" + password + "\"}");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("sign-up failed: " + r.statusCode() + " " + r.body());
    }
    return json(r).get("token").asText();
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + r.body(), e);
    }
  }

  /** The error code of an error response. */
  static String error(HttpResponse<String> r) {
    return json(r).path("error").asText();
  }
}
