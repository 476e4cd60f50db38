package upcast.signaling.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every response carries, ours and the errors Jetty answers itself alike ({@link
 * JsonErrorHandler}), so no path is left without them.
 *
 * <p>The Content Security Policy (CSP Level 3, https://www.w3.org/TR/CSP3/) allows only this
 * origin's files: the pages have no inline script or style attribute (scripts change styles through
 * the CSSOM, which CSP does not restrict), load no image or font from elsewhere, and connect only
 * to this origin ({@code fetch}, {@code EventSource}, and the WebSocket, which {@code 'self'}
 * covers for ws:/wss: in CSP Level 3). Video plays from {@code srcObject} streams, which no fetch
 * directive governs.
 */
final class SecurityHeaders {
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors ";

  /** Camera and microphone for this origin's own pages (the studio); no frame may ask for them. */
  static final String PERMISSIONS = "camera=(self), microphone=(self)";

  private SecurityHeaders() {}

  /**
   * Sets the shared headers; {@code /embed/*} may be framed by any site (oEmbed, twitter:player),
   * everything else by none.
   */
  static void apply(HttpFields.Mutable headers, String path) {
    headers.put("X-Content-Type-Options", "nosniff");
    if (path.startsWith("/embed/")) {
      headers.put("Content-Security-Policy", POLICY + "*");
    } else {
      headers.put("X-Frame-Options", "DENY");
      headers.put("Content-Security-Policy", POLICY + "'none'");
    }
    headers.put("Permissions-Policy", PERMISSIONS);
    headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
  }
}
