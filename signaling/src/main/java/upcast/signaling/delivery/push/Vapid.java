package upcast.signaling.delivery.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * Voluntary application server identification, <a href="https://www.rfc-editor.org/rfc/rfc8292">RFC
 * 8292</a>: each push request carries {@code Authorization: vapid t=<JWT>, k=<public key>} (§3),
 * the JWT signed with ES256 (RFC 7518 §3.4: the signature is the raw 64-byte {@code R || S}, not
 * DER) and claiming {@code aud} = the push service's origin, {@code exp} within 24 hours, {@code
 * sub} = a contact (§2).
 */
public final class Vapid {
  /** Token lifetime: well inside the 24-hour maximum of RFC 8292 §2. */
  static final Duration LIFETIME = Duration.ofHours(12);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER =
      P256.b64("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

  private final P256.KeyPair keys;
  private final String subject;
  private final String publicKey;

  public Vapid(P256.KeyPair keys, String subject) {
    this.keys = keys;
    this.subject = subject;
    this.publicKey = P256.b64(keys.publicBytes());
  }

  /** The application server key browsers subscribe with ({@code applicationServerKey}). */
  public String publicKey() {
    return publicKey;
  }

  /** The {@code Authorization} header value for a request to {@code endpoint}. */
  public String authorization(URI endpoint, Instant now) {
    return "vapid t=" + token(endpoint, now) + ", k=" + publicKey;
  }

  /** The signed JWT for the origin of {@code endpoint}. */
  public String token(URI endpoint, Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", origin(endpoint));
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    claims.put("sub", subject);
    String payload;
    try {
      payload = P256.b64(JSON.writeValueAsBytes(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("claims are plain strings and numbers", e);
    }
    String signingInput = HEADER + "." + payload;
    return signingInput + "." + P256.b64(sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@code scheme://host[:port]} — the audience is the origin, never the full endpoint. */
  public static String origin(URI endpoint) {
    String scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
    int port = endpoint.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    return scheme + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
  }

  /** ES256 over SHA-256 with deterministic k (RFC 6979), as 32-byte R then 32-byte S. */
  private byte[] sign(byte[] input) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, keys.privateKey());
    BigInteger[] rs = signer.generateSignature(digest);
    byte[] out = new byte[64];
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[0]), 0, out, 0, 32);
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[1]), 0, out, 32, 32);
    return out;
  }
}
