package upcast.signaling.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import upcast.signaling.live.Accounts;
import upcast.signaling.store.User;

/** Reading requests and writing JSON responses and errors, the same way for every endpoint. */
public final class Http {
  /** Largest request body we read: SDP offers and JSON bodies are far smaller. */
  public static final int MAX_BODY = 64 * 1024;

  /**
   * Reads and writes every JSON body. A body is one value: anything after it ({@code {…} garbage})
   * is refused (RFC 8259 §2: a JSON text is a single value), not silently dropped.
   */
  public static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private Http() {}

  /** The body, refusing more than {@link #MAX_BODY} bytes with 413. */
  static byte[] body(Request request) throws ApiException {
    return body(request, MAX_BODY);
  }

  /** The body, refusing more than {@code max} bytes with 413 (uploads allow more). */
  static byte[] body(Request request, int max) throws ApiException {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > max) {
      throw tooLarge(max);
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] data = in.readNBytes(max + 1);
      if (data.length > max) {
        throw tooLarge(max);
      }
      return data;
    } catch (IOException e) {
      throw ApiException.badRequest("Could not read the request body.");
    }
  }

  /** Unread request bodies up to this size are discarded before an early answer. */
  private static final long DISCARD_LIMIT = 1 << 20;

  /**
   * Reads and drops what is left of a request body we answer without using (an error, a 405):
   * otherwise Jetty closes the connection, and a client still writing the body, or reusing the
   * connection, sees a reset instead of our answer. Bodies over 1 MiB are not read.
   */
  static void discardBody(Request request) {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > DISCARD_LIMIT) {
      return;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] sink = new byte[8192];
      long left = DISCARD_LIMIT;
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // The connection is going away anyway.
    }
  }

  private static ApiException tooLarge(int max) {
    String limit = max >= 1 << 20 ? max / (1 << 20) + " MiB" : max / 1024 + " KiB";
    return new ApiException(413, "too_large", "The request body is larger than " + limit + ".");
  }

  /** Requires the given media type (415 otherwise) and returns the body as UTF-8 text. */
  static String bodyOfType(Request request, String mediaType) throws ApiException {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals(mediaType)) {
      throw new ApiException(
          415, "unsupported_media_type", "Send the body as Content-Type: " + mediaType + ".");
    }
    return new String(body(request), StandardCharsets.UTF_8);
  }

  /** A JSON object body (415 if not JSON, 400 if malformed). */
  static JsonNode jsonBody(Request request) throws ApiException {
    String text = bodyOfType(request, "application/json");
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("The body must be a JSON object.");
      }
      return node;
    } catch (JsonParseException e) {
      throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      // Not the parser's words: the mapper's name Java types (trailing tokens, for one).
      throw ApiException.badRequest("Malformed JSON: the body must be one JSON object only.");
    }
  }

  /** A query parameter, or null; 400 if the query string is not valid percent-encoding. */
  static String query(Request request, String name) throws ApiException {
    try {
      return Request.extractQueryParameters(request).getValue(name);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("The query string is malformed.");
    }
  }

  /** A text field of a JSON object, or null. */
  static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  /** The bearer token of the Authorization header, or null. */
  static @Nullable String bearer(Request request) {
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return auth.substring(7).trim();
  }

  /** The user of the request's bearer token; 401 without a valid one. */
  static User signedIn(Accounts accounts, Request request) throws ApiException {
    String token = bearer(request);
    if (token == null) {
      throw ApiException.unauthorized("Send Authorization: Bearer <token>.");
    }
    return accounts
        .authenticate(token)
        .orElseThrow(() -> ApiException.unauthorized("The bearer token is not valid."));
  }

  /**
   * The user of the request's bearer token, or null (anonymous) without a token or with one that is
   * not valid: public reads answer everyone, so a stale token in a browser must not turn them into
   * 401s.
   */
  static @Nullable User viewer(Accounts accounts, Request request) {
    String token = bearer(request);
    return token == null ? null : accounts.authenticate(token).orElse(null);
  }

  static void json(Response response, Callback callback, int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    send(response, callback, status, "application/json", bytes);
  }

  static void error(Response response, Callback callback, ApiException e) {
    json(response, callback, e.status(), Map.of("error", e.code(), "message", e.getMessage()));
  }

  static void send(
      Response response, Callback callback, int status, String contentType, byte[] body) {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static void empty(Response response, Callback callback, int status) {
    response.setStatus(status);
    response.write(true, null, callback);
  }
}
