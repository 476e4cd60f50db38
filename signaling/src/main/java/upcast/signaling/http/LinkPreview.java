package upcast.signaling.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import upcast.signaling.store.BroadcastRecord;

/**
 * The {@code <head>} tags that make a shared {@code /b/{id}} link unfurl as a playable card: Open
 * Graph (https://ogp.me), Twitter/X player cards and oEmbed discovery (https://oembed.com §4).
 * Every value is HTML-escaped: titles are chosen by broadcasters and must never break out of an
 * attribute.
 */
final class LinkPreview {
  /** Size of {@code card.png}, the 1.91:1 image every network crops least. */
  static final int CARD_WIDTH = 1200;

  static final int CARD_HEIGHT = 630;

  /** Default size of the embedded player (16:9). */
  static final int PLAYER_WIDTH = 640;

  static final int PLAYER_HEIGHT = 360;

  private LinkPreview() {}

  /** The absolute URLs of one broadcast's pages and images under {@code base}. */
  record Urls(String base, String id) {
    String watch() {
      return base + "/b/" + id;
    }

    String embed() {
      return base + "/embed/" + id;
    }

    String card() {
      return base + "/b/" + id + "/card.png";
    }

    String oembed() {
      return base
          + "/oembed?url="
          + URLEncoder.encode(watch(), StandardCharsets.UTF_8)
          + "&format=json";
    }

    String author(String handle) {
      return base + "/u/" + handle;
    }
  }

  /** "Title — @handle on Upcast", the page title and og:title. */
  static String title(BroadcastRecord b) {
    return b.title() + " — @" + b.handle() + " on Upcast";
  }

  /** One sentence that says whether it is live, for og:description. */
  static String description(BroadcastRecord b) {
    return b.live()
        ? "@" + b.handle() + " is live on Upcast now. Watch with sub-second latency."
        : "A broadcast by @" + b.handle() + " on Upcast. It has ended.";
  }

  /** The tags for {@code b}, one per line, to go into {@code <head>}. */
  static String headTags(BroadcastRecord b, Urls urls) {
    String title = title(b);
    String description = description(b);
    StringBuilder h = new StringBuilder();
    meta(h, "name", "description", description);
    link(h, "canonical", null, urls.watch(), null);
    meta(h, "property", "og:type", "video.other");
    meta(h, "property", "og:site_name", "Upcast");
    meta(h, "property", "og:title", title);
    meta(h, "property", "og:description", description);
    meta(h, "property", "og:url", urls.watch());
    meta(h, "property", "og:image", urls.card());
    meta(h, "property", "og:image:type", "image/png");
    meta(h, "property", "og:image:width", Integer.toString(CARD_WIDTH));
    meta(h, "property", "og:image:height", Integer.toString(CARD_HEIGHT));
    meta(h, "property", "og:image:alt", title);
    meta(h, "name", "twitter:card", "player");
    meta(h, "name", "twitter:title", title);
    meta(h, "name", "twitter:description", description);
    meta(h, "name", "twitter:image", urls.card());
    meta(h, "name", "twitter:player", urls.embed());
    meta(h, "name", "twitter:player:width", Integer.toString(PLAYER_WIDTH));
    meta(h, "name", "twitter:player:height", Integer.toString(PLAYER_HEIGHT));
    link(h, "alternate", "application/json+oembed", urls.oembed(), title);
    return h.toString();
  }

  private static void meta(StringBuilder h, String attr, String key, String content) {
    h.append("  <meta ")
        .append(attr)
        .append("=\"")
        .append(key)
        .append("\" content=\"")
        .append(escape(content))
        .append("\">\n");
  }

  private static void link(
      StringBuilder h, String rel, @Nullable String type, String href, @Nullable String title) {
    h.append("  <link rel=\"").append(rel).append('"');
    if (type != null) {
      h.append(" type=\"").append(type).append('"');
    }
    h.append(" href=\"").append(escape(href)).append('"');
    if (title != null) {
      h.append(" title=\"").append(escape(title)).append('"');
    }
    h.append(">\n");
  }

  /** Escapes text for HTML element content and double- or single-quoted attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
