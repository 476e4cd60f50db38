package upcast.signaling.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The web client's files from the classpath ({@code /web/}, the web-client jar). Page routes map to
 * their HTML file ({@code /b/{id}} and {@code /embed/{id}} are {@link WatchPage}'s); every other
 * file is served by its own path. Files are read once and kept: the set is small and fixed for the
 * life of the process.
 */
final class StaticPages {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"));

  /** Page routes without a file extension. */
  private static final Map<String, String> PAGES =
      Map.of(
          "/",
          "index.html",
          "/studio",
          "studio.html",
          "/signin",
          "signin.html",
          "/inbox",
          "inbox.html");

  /** Path segments of plain names only: no "..", no hidden files, no encoded tricks. */
  private static final Pattern FILE =
      Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+\\.([a-z0-9]+)");

  /** {@code /u/{handle}}: a user's profile page. */
  private static final Pattern PROFILE = Pattern.compile("/u/[A-Za-z0-9_]{1,15}");

  /** Loaded files by name; only files that exist are kept, so unknown paths cost no memory. */
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** Serves the file for a GET or HEAD path; false if there is none. */
  boolean serve(String path, Response response, Callback callback) {
    String file = fileFor(path);
    if (file == null) {
      return false;
    }
    byte[] body = cache.get(file);
    if (body == null) {
      body = load(file);
      if (body == null) {
        return false;
      }
      cache.put(file, body);
    }
    String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    // Files are not versioned by name: always revalidate so pages and scripts stay in step.
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    Http.send(response, callback, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
    return true;
  }

  /** The file under {@code web/} for a request path, or null if the path names none. */
  static @Nullable String fileFor(String path) {
    String page = PAGES.get(path);
    if (page != null) {
      return page;
    }
    if (PROFILE.matcher(path).matches()) {
      return "profile.html";
    }
    var m = FILE.matcher(path);
    if (m.matches() && TYPES.containsKey(m.group(2)) && !path.contains("..")) {
      return path.substring(1);
    }
    return null;
  }

  /** A file under {@code web/} on the classpath, or null. */
  static byte @Nullable [] load(String file) {
    try (InputStream in = StaticPages.class.getResourceAsStream("/web/" + file)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
