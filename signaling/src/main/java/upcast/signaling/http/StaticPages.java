package upcast.signaling.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The web client's files from the classpath ({@code /web/}, the web-client jar). Page routes map to
 * their HTML file ({@code /b/{id}} and {@code /embed/{id}} are {@link WatchPage}'s); every other
 * file is served by its own path. Files are read once and kept: the set is small and fixed for the
 * life of the process.
 *
 * <p>A page's HTML may start with an include marker, {@code <!--#include page-top.html
 * title="Studio — Upcast" script="/studio.js" -->}: the server replaces it with that partial from
 * {@code /web-partials/} (web-client's {@code src/main/partials}, not served by its own path), each
 * {@code {{name}}} in the partial filled with the marker's {@code name="…"}. The values are HTML as
 * written. The pages are expanded once, when the server starts, and a marker that names a missing
 * partial, lacks a value or has one too many stops the start.
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

  /** The pages of the routes above and of {@link WatchPage}, expanded at start-up. */
  static final Set<String> ROUTE_PAGES =
      Set.copyOf(
          Stream.concat(
                  PAGES.values().stream(),
                  Stream.of("profile.html", WatchPage.WATCH, WatchPage.EMBED))
              .toList());

  /** {@code <!--#include NAME key="value" … -->} and the line break after it. */
  private static final Pattern INCLUDE =
      Pattern.compile("<!--#include ([a-z0-9-]+\\.html)((?: [a-z]+=\"[^\"]*\")*) -->\n?");

  private static final Pattern VALUE = Pattern.compile(" ([a-z]+)=\"([^\"]*)\"");
  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z]+)}}");

  /** Loaded files by name; only files that exist are kept, so unknown paths cost no memory. */
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  StaticPages() {
    for (String page : ROUTE_PAGES) {
      cache.put(page, page(page).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Serves the file for a GET or HEAD path; false if there is none. */
  boolean serve(String path, Response response, Callback callback) {
    String file = fileFor(path);
    if (file == null) {
      return false;
    }
    String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    byte[] body = cache.get(file);
    if (body == null) {
      if (ext.equals("html")) {
        String html = expanded(file);
        body = html == null ? null : html.getBytes(StandardCharsets.UTF_8);
      } else {
        body = load(file);
      }
      if (body == null) {
        return false;
      }
      cache.put(file, body);
    }
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
  private static byte @Nullable [] load(String file) {
    return resource("/web/" + file);
  }

  /** A partial under {@code web-partials/}, or null. */
  private static @Nullable String partial(String name) {
    byte[] bytes = resource("/web-partials/" + name);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** A classpath resource's bytes, or null. */
  private static byte @Nullable [] resource(String path) {
    try (InputStream in = StaticPages.class.getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** A page under {@code web/} with its include markers expanded; it must exist. */
  static String page(String file) {
    String html = expanded(file);
    if (html == null) {
      throw new IllegalStateException("web/" + file + " is missing from the web-client jar");
    }
    return html;
  }

  /** A page under {@code web/} with its include markers expanded, or null. */
  private static @Nullable String expanded(String file) {
    byte[] bytes = load(file);
    return bytes == null
        ? null
        : expand(file, new String(bytes, StandardCharsets.UTF_8), StaticPages::partial);
  }

  /**
   * {@code html} (the page {@code file}) with each include marker replaced by its partial, read by
   * {@code partials} (null if there is none), filled with the marker's values.
   *
   * @throws IllegalStateException if a partial is missing, a slot has no value, a value fills no
   *     slot, or a marker is malformed
   */
  static String expand(String file, String html, Function<String, String> partials) {
    Matcher include = INCLUDE.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 1024);
    while (include.find()) {
      String name = include.group(1);
      String partial = partials.apply(name);
      if (partial == null) {
        throw new IllegalStateException(file + " includes " + name + ", which does not exist");
      }
      Map<String, String> values = new HashMap<>();
      Matcher value = VALUE.matcher(include.group(2));
      while (value.find()) {
        values.put(value.group(1), value.group(2));
      }
      Set<String> unused = new HashSet<>(values.keySet());
      String filled =
          SLOT.matcher(partial)
              .replaceAll(
                  slot -> {
                    String v = values.get(slot.group(1));
                    if (v == null) {
                      throw new IllegalStateException(
                          file + " includes " + name + " without " + slot.group(1) + "=\"…\"");
                    }
                    unused.remove(slot.group(1));
                    return Matcher.quoteReplacement(v);
                  });
      if (!unused.isEmpty()) {
        throw new IllegalStateException(file + " gives " + name + " unknown values " + unused);
      }
      include.appendReplacement(out, Matcher.quoteReplacement(filled));
    }
    include.appendTail(out);
    if (out.indexOf("<!--#") >= 0) {
      throw new IllegalStateException(file + " has a malformed include marker");
    }
    return out.toString();
  }
}
