package upcast.signaling.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web client's files from the classpath ({@code /web/}, the web-client jar). Page routes map to
 * their HTML file; every other file is served by its own name.
 */
final class StaticPages {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  /** Serves the file for a GET path; false if there is none. */
  boolean serve(String path, Response response, Callback callback) {
    String file = fileFor(path);
    if (file == null) {
      return false;
    }
    Optional<byte[]> body = cache.computeIfAbsent(file, StaticPages::load);
    if (body.isEmpty()) {
      return false;
    }
    String ext = file.substring(file.lastIndexOf('.') + 1);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    Http.send(
        response, callback, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body.get());
    return true;
  }

  private static String fileFor(String path) {
    if (path.equals("/")) {
      return "index.html";
    }
    if (path.equals("/studio")) {
      return "studio.html";
    }
    if (path.equals("/signin")) {
      return "signin.html";
    }
    if (path.matches("/b/[A-Za-z0-9]{1,16}")) {
      return "watch.html";
    }
    if (path.matches("/[A-Za-z0-9_-]+\\.(js|css|svg|png|ico|json)")) {
      return path.substring(1);
    }
    return null;
  }

  private static Optional<byte[]> load(String file) {
    try (InputStream in = StaticPages.class.getResourceAsStream("/web/" + file)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
