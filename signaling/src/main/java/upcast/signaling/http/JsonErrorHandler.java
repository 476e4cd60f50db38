package upcast.signaling.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before or around our {@link Router}: requests the parser refuses
 * (a malformed {@code Content-Length}, both {@code Content-Length} and {@code Transfer-Encoding},
 * RFC 9112 §6.3; a missing or bad {@code Host}, RFC 9110 §7.2), URIs it finds ambiguous or
 * suspicious ({@code %2e%2e}, {@code %2F}, {@code %00}, a backslash), a URI or headers over the
 * buffer (414, RFC 9110 §15.5.15; 431, RFC 6585 §5), and failures nothing else answered. They get
 * the JSON error body and the headers of every other response (docs/api.md "Errors"), with our own
 * words: Jetty's reason is never echoed, so no internal detail leaks.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final Map<Integer, String[]> KNOWN =
      Map.of(
          400, new String[] {"bad_request", "The request is malformed."},
          404, new String[] {"not_found", "No such page."},
          405, new String[] {"method_not_allowed", "The method is not allowed here."},
          408, new String[] {"timeout", "The request took too long to arrive."},
          413, new String[] {"too_large", "The request body is too large."},
          414, new String[] {"uri_too_long", "The request URI is too long."},
          431, new String[] {"headers_too_large", "The request headers are too large."},
          501, new String[] {"not_implemented", "The server does not support this request."},
          505, new String[] {"http_version_not_supported", "Use HTTP/1.1."});

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer s && s >= 400 && s <= 599 ? s : 500;
    response.setStatus(status);
    byte[] body = body(status);
    headers(response.getHeaders(), Request.getPathInContext(request), body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static void headers(HttpFields.Mutable headers, String path, int length) {
    SecurityHeaders.apply(headers, path);
    headers.put(HttpHeader.CONTENT_TYPE, "application/json");
    headers.put(ERROR_CACHE_CONTROL);
    headers.put(HttpHeader.CONTENT_LENGTH, Integer.toString(length));
  }

  /** {@code {"error": code, "message": text}}, as {@link Http#error} writes it. */
  static byte[] body(int status) {
    String[] known = KNOWN.get(status);
    Map<String, String> body = new LinkedHashMap<>();
    if (known != null) {
      body.put("error", known[0]);
      body.put("message", known[1]);
    } else if (status < 500) {
      body.put("error", "bad_request");
      body.put("message", "The request cannot be served.");
    } else {
      body.put("error", "internal");
      body.put("message", "Something went wrong on our side.");
    }
    return toJson(body);
  }

  private static byte[] toJson(Map<String, String> body) {
    try {
      return Http.JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always encodes", e);
    }
  }
}
