package upcast.signaling.delivery.push;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * NIST P-256 keys as Web Push writes them: public keys as 65-byte uncompressed points (SEC 1
 * §2.3.3, {@code 0x04 || X || Y}), private keys as 32-byte big-endian scalars, both base64url
 * without padding (RFC 8291 §3.1, RFC 8292 §3.2). Bouncy Castle's lightweight API.
 */
public final class P256 {
  static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private P256() {}

  /** A key pair. */
  public record KeyPair(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey) {
    /** The public key as a 65-byte uncompressed point. */
    public byte[] publicBytes() {
      return publicKey.getQ().getEncoded(false);
    }

    /** The private scalar as 32 bytes. */
    public byte[] privateBytes() {
      return BigIntegers.asUnsignedByteArray(32, privateKey.getD());
    }
  }

  public static KeyPair generate(SecureRandom random) {
    ECKeyPairGenerator gen = new ECKeyPairGenerator();
    gen.init(new ECKeyGenerationParameters(DOMAIN, random));
    AsymmetricCipherKeyPair kp = gen.generateKeyPair();
    return new KeyPair(
        (ECPrivateKeyParameters) kp.getPrivate(), (ECPublicKeyParameters) kp.getPublic());
  }

  /** The key pair of a 32-byte private scalar (its public point is derived). */
  public static KeyPair fromPrivate(byte[] scalar) {
    if (scalar.length != 32) {
      throw new IllegalArgumentException("a P-256 private key is 32 bytes");
    }
    BigInteger d = new BigInteger(1, scalar);
    if (d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0) {
      throw new IllegalArgumentException("not a P-256 private key");
    }
    ECPoint q = DOMAIN.getG().multiply(d).normalize();
    return new KeyPair(new ECPrivateKeyParameters(d, DOMAIN), new ECPublicKeyParameters(q, DOMAIN));
  }

  /**
   * A public key from its 65-byte uncompressed encoding.
   *
   * @throws IllegalArgumentException if the bytes are not an uncompressed point on the curve
   */
  public static ECPublicKeyParameters publicKey(byte[] uncompressed) {
    if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
      throw new IllegalArgumentException("a P-256 public key is a 65-byte uncompressed point");
    }
    ECPoint q = CURVE.getCurve().decodePoint(uncompressed); // validates the point is on the curve
    return new ECPublicKeyParameters(q, DOMAIN);
  }

  /** ECDH: the 32-byte X coordinate of the shared point (RFC 8291 §3.1 "ecdh_secret"). */
  public static byte[] ecdh(ECPrivateKeyParameters mine, ECPublicKeyParameters theirs) {
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(mine);
    return BigIntegers.asUnsignedByteArray(32, agreement.calculateAgreement(theirs));
  }

  public static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Decodes base64url, with or without padding; IllegalArgumentException if malformed. */
  public static byte[] unb64(String text) {
    return B64D.decode(text);
  }
}
