package upcast.signaling.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.store.BroadcastRecord;

/**
 * {@code GET /b/{id}/card.png[?w=N]}: the broadcast's preview card. Rendering takes tens of
 * milliseconds and a shared link is fetched by many crawlers at once, so cards are kept per
 * broadcast state (live or ended) and size, in a bounded least-recently-used cache.
 */
final class CardImages {
  private static final int CACHE_ENTRIES = 256;

  private final BroadcastService broadcasts;

  private final Map<String, byte[]> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  CardImages(BroadcastService broadcasts) {
    this.broadcasts = broadcasts;
  }

  void serve(String id, Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    BroadcastRecord b = broadcasts.find(id);
    int width = width(Http.query(request, "w"));
    String state = b.live() ? "live" : "ended";
    String etag = "\"" + b.id() + "-" + state + "-" + width + "\"";
    // A live card turns into an ended one: let caches keep it only briefly while live.
    response
        .getHeaders()
        .put(HttpHeader.CACHE_CONTROL, b.live() ? "public, max-age=60" : "public, max-age=86400");
    response.getHeaders().put(HttpHeader.ETAG, etag);
    String inm = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
    if (etag.equals(inm)) {
      Http.empty(response, callback, 304);
      return;
    }
    String key = b.id() + "|" + state + "|" + width + "|" + b.title() + "|" + b.handle();
    byte[] png;
    synchronized (cache) {
      png = cache.get(key);
    }
    if (png == null) {
      png = CardRenderer.png(b.title(), b.handle(), b.live(), width);
      synchronized (cache) {
        cache.put(key, png);
      }
    }
    Http.send(response, callback, 200, "image/png", png);
  }

  /** The requested width: 1200 by default, else an integer 16..1200 (400 otherwise). */
  static int width(String w) throws ApiException {
    if (w == null) {
      return LinkPreview.CARD_WIDTH;
    }
    try {
      int v = AsciiDigits.parseInt(w);
      if (v >= 16 && v <= LinkPreview.CARD_WIDTH) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw ApiException.badRequest("w must be a width in pixels from 16 to 1200.");
  }
}
