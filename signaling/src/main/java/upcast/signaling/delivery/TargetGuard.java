package upcast.signaling.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Server-side request forgery guard for URLs users give us (webhooks, push endpoints): the server
 * must not be made to POST into its own network. A URL is refused when its host resolves to any
 * loopback, link-local, private (RFC 1918, RFC 6598 shared, ULA fc00::/7, site-local), multicast,
 * broadcast or unspecified address. Checked at registration and again right before each delivery,
 * because DNS can change in between (rebinding). Operators running everything on one private
 * network turn it off with {@code UPCAST_WEBHOOKS_ALLOW_PRIVATE=true}.
 */
public final class TargetGuard {
  /** Resolves host names; a seam so tests can answer for names without DNS. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Why a URL is refused; the message is for the user. */
  public static final class UnsafeTargetException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;
    private final String message;

    UnsafeTargetException(String message, boolean permanent) {
      super(message);
      this.permanent = permanent;
      this.message = message;
    }

    /** Why the target is refused, never null: it is shown to the owner. */
    @Override
    public String getMessage() {
      return message;
    }

    /** False when only the name did not resolve now (worth retrying a delivery later). */
    public boolean permanent() {
      return permanent;
    }
  }

  private final boolean allowPrivate;
  private final Resolver resolver;

  public TargetGuard(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public TargetGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  public boolean allowPrivate() {
    return allowPrivate;
  }

  /**
   * Parses and checks a URL.
   *
   * @param httpsOnly refuse plain http (Web Push endpoints), unless private targets are allowed
   */
  public URI check(@Nullable String url, boolean httpsOnly) throws UnsafeTargetException {
    URI uri = parse(url, httpsOnly);
    checkAddresses(uri);
    return uri;
  }

  /** Syntax and scheme only, no DNS: what can be said about a URL without the network. */
  public URI parse(@Nullable String url, boolean httpsOnly) throws UnsafeTargetException {
    if (url == null || url.isBlank()) {
      throw new UnsafeTargetException("A URL is required.", true);
    }
    if (url.length() > 2048) {
      throw new UnsafeTargetException("The URL is longer than 2048 characters.", true);
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new UnsafeTargetException("The URL is malformed: " + e.getReason() + ".", true);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    if (!https && !scheme.equals("http")) {
      throw new UnsafeTargetException("Only http and https URLs are allowed.", true);
    }
    if (httpsOnly && !https && !allowPrivate) {
      throw new UnsafeTargetException("The URL must use https.", true);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new UnsafeTargetException("The URL has no host.", true);
    }
    if (uri.getRawUserInfo() != null) {
      throw new UnsafeTargetException("The URL must not contain a user name or password.", true);
    }
    if (uri.getRawFragment() != null) {
      throw new UnsafeTargetException("The URL must not contain a #fragment.", true);
    }
    return uri;
  }

  /** Resolves the host now and refuses internal addresses (unless allowed). */
  public void checkAddresses(URI uri) throws UnsafeTargetException {
    if (allowPrivate) {
      return;
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new UnsafeTargetException("The host " + host + " does not resolve.", false);
    }
    for (InetAddress a : addresses) {
      if (isInternal(a)) {
        throw new UnsafeTargetException(
            "The host "
                + host
                + " resolves to "
                + a.getHostAddress()
                + ", an internal address; only public addresses are allowed.",
            true);
      }
    }
  }

  /** True for addresses a public service must never be made to reach. */
  public static boolean isInternal(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network" (RFC 1122)
          || (first == 100 && second >= 64 && second < 128) // shared CGNAT space (RFC 6598)
          || first >= 240; // reserved and 255.255.255.255 broadcast
    }
    if (a instanceof Inet6Address) {
      boolean ula = (b[0] & 0xfe) == 0xfc; // fc00::/7 (RFC 4193)
      boolean v4Mapped = isV4Embedded(b);
      return ula || v4Mapped;
    }
    return true;
  }

  /** ::ffff:a.b.c.d written so Java keeps it IPv6: judged by the IPv4 address inside. */
  private static boolean isV4Embedded(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    if ((b[10] & 0xff) != 0xff || (b[11] & 0xff) != 0xff) {
      return false;
    }
    try {
      return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
    } catch (UnknownHostException e) {
      return true;
    }
  }
}
