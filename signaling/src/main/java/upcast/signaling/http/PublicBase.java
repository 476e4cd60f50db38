package upcast.signaling.http;

import java.net.URI;
import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * The absolute {@code scheme://host[:port]} of links we hand to other sites (link previews, oEmbed,
 * share intents): crawlers and embedding sites resolve nothing relative. The configured {@code
 * UPCAST_PUBLIC_URL} wins; without it, the scheme and Host of the request are used, which is right
 * whenever people reach the server directly.
 */
final class PublicBase {
  private final @Nullable String configured;

  /** {@code configured} is the validated public URL without a trailing slash, or null. */
  PublicBase(@Nullable URI configured) {
    this.configured = configured == null ? null : configured.toString();
  }

  /** The base for links in the answer to {@code request}, without a trailing slash. */
  String of(Request request) {
    if (configured != null) {
      return configured;
    }
    String scheme = request.getHttpURI().getScheme();
    scheme = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
    String host = Request.getServerName(request);
    int port = Request.getServerPort(request);
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    boolean defaultPort =
        port <= 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  /**
   * Whether {@code url} points at this server as reached by {@code request}: same host and port,
   * either scheme (a page shared as http may be asked about as https behind a proxy).
   */
  boolean isOurs(URI url, Request request) {
    URI base = URI.create(of(request));
    if (url.getHost() == null || url.getScheme() == null) {
      return false;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return false;
    }
    boolean bothDefault = url.getPort() == -1 && base.getPort() == -1;
    return url.getHost().equalsIgnoreCase(base.getHost())
        && (bothDefault || effectivePort(url) == effectivePort(base));
  }

  private static int effectivePort(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
