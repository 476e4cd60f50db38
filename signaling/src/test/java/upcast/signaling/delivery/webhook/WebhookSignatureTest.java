package upcast.signaling.delivery.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@code Upcast-Signature}: format, verification, tolerance, tampering. */
class WebhookSignatureTest {
  private static final String SECRET = "whsec_test";
  private static final byte[] BODY =
      "{\"type\":\"broadcast.live\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void isHmacSha256OfTimestampDotBody() throws Exception {
    String header = WebhookSignature.header(SECRET, 1764072000L, BODY);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected =
        mac.doFinal(
            ("1764072000." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    assertEquals("t=1764072000,v1=" + HexFormat.of().formatHex(expected), header);
  }

  @Test
  void verifiesWithinToleranceOnly() {
    String header = WebhookSignature.header(SECRET, 1000, BODY);
    assertTrue(WebhookSignature.verify(SECRET, header, BODY, 1000, 300));
    assertTrue(WebhookSignature.verify(SECRET, header, BODY, 1300, 300));
    assertFalse(WebhookSignature.verify(SECRET, header, BODY, 1301, 300), "too old: a replay");
  }

  @Test
  void refusesTamperingAndGarbage() {
    String header = WebhookSignature.header(SECRET, 1000, BODY);
    byte[] other = "{\"type\":\"broadcast.live \"}".getBytes(StandardCharsets.UTF_8);
    assertFalse(WebhookSignature.verify(SECRET, header, other, 1000, 300), "body changed");
    assertFalse(WebhookSignature.verify("whsec_other", header, BODY, 1000, 300), "other key");
    String shifted = header.replace("t=1000", "t=1001");
    assertFalse(WebhookSignature.verify(SECRET, shifted, BODY, 1000, 300), "timestamp changed");
    assertFalse(WebhookSignature.verify(SECRET, null, BODY, 1000, 300));
    assertFalse(WebhookSignature.verify(SECRET, "t=x,v1=zz", BODY, 1000, 300));
    assertFalse(WebhookSignature.verify(SECRET, "v1=00", BODY, 1000, 300));
  }
}
