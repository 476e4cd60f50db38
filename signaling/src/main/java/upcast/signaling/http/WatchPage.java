package upcast.signaling.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.store.BroadcastRecord;

/**
 * The two pages of one broadcast: {@code /b/{id}} (watch.html with the link-preview tags of {@link
 * LinkPreview} rendered into its head, because crawlers run no script) and {@code /embed/{id}}
 * (embed.html, the iframe player). An unknown broadcast gets the same page with status 404: the
 * page's script then says "Broadcast not found" to people, and crawlers see the 404.
 */
final class WatchPage {
  static final String WATCH = "watch.html";
  static final String EMBED = "embed.html";

  private static final Pattern TITLE = Pattern.compile("<title>[^<]*</title>");

  private final BroadcastService broadcasts;
  private final PublicBase base;

  /** The two page templates, read and expanded once: the web-client jar does not change. */
  private final String watchTemplate = StaticPages.page(WATCH);

  private final String embedTemplate = StaticPages.page(EMBED);

  WatchPage(BroadcastService broadcasts, PublicBase base) {
    this.broadcasts = broadcasts;
    this.base = base;
  }

  /** {@code GET /b/{id}}. */
  void watch(String id, Request request, Response response, Callback callback) {
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
    send(response, callback, b != null, inject(watchTemplate, title, head));
  }

  /** {@code GET /embed/{id}}: framing is allowed here (the Router sets those headers). */
  void embed(String id, Response response, Callback callback) {
    BroadcastRecord b = findOrNull(id);
    String title = b == null ? "Broadcast not found — Upcast" : LinkPreview.title(b);
    String html = inject(embedTemplate, title, "  <meta name=\"robots\" content=\"noindex\">\n");
    send(response, callback, b != null, html);
  }

  /** The page, 404 for an unknown broadcast; pages are never cached unrevalidated. */
  private static void send(Response response, Callback callback, boolean found, String html) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    Http.send(
        response,
        callback,
        found ? 200 : 404,
        "text/html; charset=utf-8",
        html.getBytes(StandardCharsets.UTF_8));
  }

  private @Nullable BroadcastRecord findOrNull(String id) {
    try {
      return broadcasts.find(id);
    } catch (DomainException.NotFound e) {
      return null;
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
}
