package upcast.signaling.delivery.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * RFC 8292 VAPID: the header shape, the claims (aud = origin, exp, sub) and an ES256 signature that
 * the JDK's own ECDSA (raw R||S, "P1363" format) verifies with the advertised key.
 */
class VapidTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Verifies a JWT with the JDK and returns its claims; fails the test if the signature is bad. */
  static JsonNode verify(String jwt, String publicKey) throws Exception {
    String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length, jwt);
    JsonNode header = JSON.readTree(P256.unb64(parts[0]));
    assertEquals("ES256", header.get("alg").asText());
    assertEquals("JWT", header.get("typ").asText());
    byte[] signature = P256.unb64(parts[2]);
    assertEquals(64, signature.length, "ES256 signatures are raw R||S");
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(TestBrowser.publicKey(P256.unb64(publicKey)));
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(signature), "signature verifies with the VAPID public key");
    return JSON.readTree(P256.unb64(parts[1]));
  }

  @Test
  void signsATokenTheJdkVerifies() throws Exception {
    Vapid vapid = new Vapid(P256.generate(new SecureRandom()), "mailto:ops@example.org");
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    String header =
        vapid.authorization(URI.create("https://push.example.net:8443/send/abc?x=1"), now);
    assertTrue(header.startsWith("vapid t="), header);
    String jwt = header.substring(8, header.indexOf(", k="));
    String k = header.substring(header.indexOf(", k=") + 4);
    assertEquals(vapid.publicKey(), k);
    assertEquals(65, P256.unb64(k).length);
    JsonNode claims = verify(jwt, k);
    assertEquals("https://push.example.net:8443", claims.get("aud").asText());
    assertEquals("mailto:ops@example.org", claims.get("sub").asText());
    long exp = claims.get("exp").asLong();
    assertTrue(exp > now.getEpochSecond() && exp <= now.getEpochSecond() + 24 * 3600, "exp");
  }

  @Test
  void aTamperedTokenDoesNotVerify() throws Exception {
    Vapid vapid = new Vapid(P256.generate(new SecureRandom()), "https://upcast.example");
    String jwt = vapid.token(URI.create("https://fcm.googleapis.com/fcm/send/x"), Instant.now());
    String[] parts = jwt.split("\\.");
    String forged =
        P256.b64(
            "{\"aud\":\"https://evil.example\",\"exp\":1,\"sub\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8));
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(TestBrowser.publicKey(P256.unb64(vapid.publicKey())));
    verifier.update((parts[0] + "." + forged).getBytes(StandardCharsets.US_ASCII));
    assertFalse(verifier.verify(P256.unb64(parts[2])));
  }

  @Test
  void theAudienceIsTheOriginWithoutDefaultPort() {
    assertEquals(
        "https://fcm.googleapis.com",
        Vapid.origin(URI.create("https://fcm.googleapis.com:443/fcm/send/abc")));
    assertEquals("http://127.0.0.1:9000", Vapid.origin(URI.create("http://127.0.0.1:9000/p/1")));
  }

  @Test
  void aStoredPrivateKeyGivesBackTheSamePublicKey() {
    P256.KeyPair k = P256.generate(new SecureRandom());
    P256.KeyPair again = P256.fromPrivate(k.privateBytes());
    assertEquals(P256.b64(k.publicBytes()), P256.b64(again.publicBytes()));
  }
}
