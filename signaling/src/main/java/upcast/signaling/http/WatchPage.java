package upcast.signaling.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import upcast.signaling.ApiException;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.store.BroadcastRecord;

/**
 * The two pages of one broadcast: {@code /b/{id}} (watch.html with the link-preview tags of {@link
 * LinkPreview} rendered into its head, because crawlers run no script) and {@code /embed/{id}}
 * (embed.html, the iframe player). An unknown broadcast gets the same page with status 404: the
 * page's script then says "Broadcast not found" to people, and crawlers see the 404.
 */
final class WatchPage {
  private static final Pattern TITLE = Pattern.compile("<title>[^<]*</title>");

  private final BroadcastService broadcasts;
  private final PublicBase base;
  private final Map<String, String> templates = new ConcurrentHashMap<>();

  WatchPage(BroadcastService broadcasts, PublicBase base) {
    this.broadcasts = broadcasts;
    this.base = base;
  }

  /** {@code GET /b/{id}}. */
  void watch(String id, Request request, Response response, Callback callback) throws ApiException {
    String template = template("watch.html");
    BroadcastRecord b = findOrNull(id);
    String head;
    String title;
    if (b == null) {
      title = "Broadcast not found — Upcast";
      head = "  <meta name=\"robots\" content=\"noindex\">\n";
    } else {
      title = LinkPreview.title(b);
      head = LinkPreview.headTags(b, new LinkPreview.Urls(base.of(request), b.id()));
    }
    String html = inject(template, title, head);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    Http.send(
        response,
        callback,
        b == null ? 404 : 200,
        "text/html; charset=utf-8",
        html.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code GET /embed/{id}}: framing is allowed here (the Router sets those headers). */
  void embed(String id, Response response, Callback callback) throws ApiException {
    String template = template("embed.html");
    BroadcastRecord b = findOrNull(id);
    String title = b == null ? "Broadcast not found — Upcast" : LinkPreview.title(b);
    String html = inject(template, title, "  <meta name=\"robots\" content=\"noindex\">\n");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    Http.send(
        response,
        callback,
        b == null ? 404 : 200,
        "text/html; charset=utf-8",
        html.getBytes(StandardCharsets.UTF_8));
  }

  private @Nullable BroadcastRecord findOrNull(String id) throws ApiException {
    try {
      return broadcasts.find(id);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** Replaces the template's title and adds {@code head} just before {@code </head>}. */
  static String inject(String template, String title, String head) {
    Matcher m = TITLE.matcher(template);
    String titled =
        m.find()
            ? template.substring(0, m.start())
                + "<title>"
                + LinkPreview.escape(title)
                + "</title>"
                + template.substring(m.end())
            : template;
    int end = titled.indexOf("</head>");
    if (end < 0) {
      throw new IllegalStateException("page template without </head>");
    }
    return titled.substring(0, end) + head + titled.substring(end);
  }

  /** The page template, read once: the web-client jar does not change while we run. */
  private String template(String file) {
    return templates.computeIfAbsent(
        file,
        f -> {
          byte[] bytes = StaticPages.load(f);
          if (bytes == null) {
            throw new IllegalStateException("web/" + f + " is missing from the web-client jar");
          }
          return new String(bytes, StandardCharsets.UTF_8);
        });
  }
}
