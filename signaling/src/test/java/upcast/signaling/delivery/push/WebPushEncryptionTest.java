package upcast.signaling.delivery.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * RFC 8291 message encryption: byte-exact against the worked example of <a
 * href="https://www.rfc-editor.org/rfc/rfc8291#appendix-A">Appendix A</a> (fixed sender key and
 * salt), and decryptable by an independent (JDK crypto) browser with fresh keys.
 */
public class WebPushEncryptionTest {
  // RFC 8291 Appendix A
  static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  static final String AS_PUBLIC =
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  static final String UA_PUBLIC =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  static final String BODY =
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS"
          + "6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxs"
          + "j_Qulcy4a-fN";

  /** The RFC's user agent public key: a valid P-256 point other tests can use. */
  public static String uaPublic() {
    return UA_PUBLIC;
  }

  @Test
  void reproducesTheRfc8291AppendixAMessageExactly() {
    P256.KeyPair sender = P256.fromPrivate(P256.unb64(AS_PRIVATE));
    assertEquals(AS_PUBLIC, P256.b64(sender.publicBytes()), "derived sender public key");
    byte[] body =
        WebPushEncryption.encrypt(
            PLAINTEXT.getBytes(StandardCharsets.UTF_8),
            P256.unb64(UA_PUBLIC),
            P256.unb64(AUTH),
            sender,
            P256.unb64(SALT));
    assertEquals(BODY, P256.b64(body));
  }

  @Test
  void anIndependentBrowserDecryptsFreshMessages() throws Exception {
    TestBrowser browser = new TestBrowser();
    WebPushEncryption encryption = new WebPushEncryption(new SecureRandom());
    byte[] text =
        "{\"type\":\"live\",\"title\":\"@alice is live\"}".getBytes(StandardCharsets.UTF_8);
    byte[] a = encryption.encrypt(text, P256.unb64(browser.p256dh()), P256.unb64(browser.auth()));
    byte[] b = encryption.encrypt(text, P256.unb64(browser.p256dh()), P256.unb64(browser.auth()));
    assertArrayEquals(text, browser.decrypt(a));
    assertArrayEquals(text, browser.decrypt(b));
    assertEquals(false, java.util.Arrays.equals(a, b), "fresh salt and key per message");
  }

  @Test
  void refusesBadKeysAndOversizedMessages() {
    WebPushEncryption encryption = new WebPushEncryption(new SecureRandom());
    byte[] auth = new byte[16];
    byte[] notAPoint = new byte[65];
    notAPoint[0] = 4;
    assertThrows(
        IllegalArgumentException.class, () -> encryption.encrypt(new byte[1], notAPoint, auth));
    assertThrows(
        IllegalArgumentException.class,
        () -> encryption.encrypt(new byte[1], P256.unb64(UA_PUBLIC), new byte[15]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            encryption.encrypt(
                new byte[WebPushEncryption.MAX_PLAINTEXT + 1], P256.unb64(UA_PUBLIC), auth));
  }
}
