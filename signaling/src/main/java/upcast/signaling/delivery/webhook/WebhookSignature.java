package upcast.signaling.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Upcast-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code
 * "<t>.<raw body>"} keyed with the webhook's secret (its UTF-8 bytes). Binding the timestamp into
 * the MAC lets receivers refuse replays older than their tolerance (docs/api.md "Verifying
 * webhooks"). {@link #verify} is the receiver's side, used by our tests and usable as a reference.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code unixSeconds}. */
  public static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
  }

  /**
   * True if {@code header} is a valid signature of {@code body} made within {@code
   * toleranceSeconds} of {@code nowSeconds}. Compares in constant time.
   */
  public static boolean verify(
      String secret, @Nullable String header, byte[] body, long nowSeconds, long toleranceSeconds) {
    if (header == null) {
      return false;
    }
    Long t = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      String p = part.trim();
      try {
        if (p.startsWith("t=")) {
          t = Long.parseLong(p.substring(2));
        } else if (p.startsWith("v1=")) {
          given = HexFormat.of().parseHex(p.substring(3));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (t == null || given == null || Math.abs(nowSeconds - t) > toleranceSeconds) {
      return false;
    }
    return MessageDigest.isEqual(given, mac(secret, t, body));
  }

  private static byte[] mac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
