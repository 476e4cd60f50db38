package upcast.signaling.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.store.BroadcastRecord;

/**
 * {@code GET /oembed?url=…} (oEmbed 1.0, https://oembed.com §2.2–2.3): turns a watch URL into a
 * {@code video} response whose HTML is an iframe of {@code /embed/{id}}, so blogs, CMSs and chat
 * apps can embed a broadcast from its link alone.
 */
final class OEmbedApi {
  private static final Pattern WATCH_PATH = Pattern.compile("/b/([A-Za-z0-9]{1,16})/?");

  /**
   * The player is never narrower than 160 px (160×90): a consumer asking for less (say {@code
   * maxheight=1}) gets a player people can still see and use, not a 1×0 one. §2.3.4 makes maxwidth
   * and maxheight limits "where possible"; below this it is not.
   */
  static final int MIN_PLAYER_WIDTH = 160;

  private final BroadcastService broadcasts;
  private final PublicBase base;

  OEmbedApi(BroadcastService broadcasts, PublicBase base) {
    this.broadcasts = broadcasts;
    this.base = base;
  }

  void serve(Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    String url = Http.query(request, "url");
    if (url == null || url.isBlank()) {
      throw ApiException.badRequest("url is required: the watch page URL of a broadcast.");
    }
    String format = Http.query(request, "format");
    if (format != null && !format.equals("json")) {
      // §2.2: 501 Not Implemented for a format the provider does not support.
      throw new ApiException(501, "not_implemented", "Only format=json is supported.");
    }
    Integer maxWidth = dimension(Http.query(request, "maxwidth"), "maxwidth");
    Integer maxHeight = dimension(Http.query(request, "maxheight"), "maxheight");
    String id = broadcastId(url, request);
    BroadcastRecord b = broadcasts.find(id);

    String root = base.of(request);
    LinkPreview.Urls urls = new LinkPreview.Urls(root, b.id());
    int width =
        Math.max(
            MIN_PLAYER_WIDTH,
            fit(LinkPreview.PLAYER_WIDTH, LinkPreview.PLAYER_HEIGHT, maxWidth, maxHeight));
    int height = width * LinkPreview.PLAYER_HEIGHT / LinkPreview.PLAYER_WIDTH;

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "1.0");
    body.put("type", "video");
    body.put("provider_name", "Upcast");
    body.put("provider_url", root + "/");
    body.put("title", b.title());
    body.put("author_name", "@" + b.handle());
    body.put("author_url", urls.author(b.handle()));
    body.put("cache_age", b.live() ? 60 : 86400);
    body.put("html", iframe(urls.embed(), width, height, LinkPreview.title(b)));
    body.put("width", width);
    body.put("height", height);
    // §2.3.4: the thumbnail, too, must respect maxwidth and maxheight; too small → none.
    int thumbWidth = fit(LinkPreview.CARD_WIDTH, LinkPreview.CARD_HEIGHT, maxWidth, maxHeight);
    if (thumbWidth >= 16) {
      body.put(
          "thumbnail_url",
          urls.card() + (thumbWidth == LinkPreview.CARD_WIDTH ? "" : "?w=" + thumbWidth));
      body.put("thumbnail_width", thumbWidth);
      body.put("thumbnail_height", thumbWidth * LinkPreview.CARD_HEIGHT / LinkPreview.CARD_WIDTH);
    }
    Http.json(response, callback, 200, body);
  }

  /** The broadcast id of a watch URL on this server; 404 for any other URL (§2.2). */
  private String broadcastId(String url, Request request) throws ApiException {
    try {
      URI u = new URI(url.strip());
      Matcher m = WATCH_PATH.matcher(u.getRawPath() == null ? "" : u.getRawPath());
      if (u.isAbsolute() && base.isOurs(u, request) && m.matches()) {
        return m.group(1);
      }
    } catch (URISyntaxException e) {
      // not a URL, so not one of ours
    }
    throw ApiException.notFound("That URL is not an Upcast broadcast on this server.");
  }

  /**
   * The widest width ≤ {@code w} whose {@code w:h} height (rounded down) stays within the optional
   * limits.
   */
  private static int fit(int w, int h, @Nullable Integer maxWidth, @Nullable Integer maxHeight) {
    int width = w;
    if (maxWidth != null) {
      width = Math.min(width, maxWidth);
    }
    if (maxHeight != null) {
      width = (int) Math.min(width, (long) maxHeight * w / h);
    }
    return Math.max(1, width);
  }

  private static @Nullable Integer dimension(@Nullable String value, String name)
      throws ApiException {
    if (value == null) {
      return null;
    }
    try {
      int v = AsciiDigits.parseInt(value);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw ApiException.badRequest(name + " must be a positive number of pixels.");
  }

  private static String iframe(String src, int width, int height, String title) {
    return "<iframe src=\""
        + LinkPreview.escape(src)
        + "\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" frameborder=\"0\" allow=\"autoplay; fullscreen\" allowfullscreen title=\""
        + LinkPreview.escape(title)
        + "\"></iframe>";
  }
}
