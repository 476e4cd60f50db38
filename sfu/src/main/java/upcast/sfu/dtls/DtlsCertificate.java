package upcast.sfu.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * A self-signed ECDSA P-256 certificate for DTLS-SRTP. WebRTC identifies it by its fingerprint in
 * the SDP (RFC 8122 §5), not by a CA. ECDSA with P-256 is what every WebRTC endpoint must support
 * (RFC 8827 §6.5), and Chromium fails the handshake with Bouncy Castle's RSA suites.
 */
public final class DtlsCertificate {
  private final byte[] der;
  private final AsymmetricKeyParameter privateKey;
  private final String fingerprint;

  private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
    this.der = der;
    this.privateKey = privateKey;
    this.fingerprint = Objects.requireNonNull(fingerprint("sha-256", der), "SHA-256 is known");
  }

  /** Generates a fresh key pair and a certificate valid for 30 days. */
  public static DtlsCertificate generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = gen.generateKeyPair();
      X500Name name = new X500Name("CN=upcast");
      Instant now = Instant.now();
      X509CertificateHolder holder =
          new JcaX509v3CertificateBuilder(
                  name,
                  new BigInteger(64, new SecureRandom()),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(30))),
                  name,
                  pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      return new DtlsCertificate(
          holder.getEncoded(), PrivateKeyFactory.createKey(pair.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot create the DTLS certificate", e);
    }
  }

  /** {@code sha-256} fingerprint, upper-case hex pairs joined by colons (RFC 8122 §5). */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Fingerprint of a DER certificate with the SDP hash name ({@code sha-1}, {@code sha-256}, ...);
   * null when the hash is unknown.
   */
  public static @Nullable String fingerprint(String algorithm, byte[] der) {
    String jca =
        switch (algorithm.toLowerCase(Locale.ROOT)) {
          case "sha-1" -> "SHA-1";
          case "sha-224" -> "SHA-224";
          case "sha-256" -> "SHA-256";
          case "sha-384" -> "SHA-384";
          case "sha-512" -> "SHA-512";
          default -> null;
        };
    if (jca == null) {
      return null;
    }
    try {
      byte[] digest = MessageDigest.getInstance(jca).digest(der);
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  Certificate tlsCertificate(BcTlsCrypto crypto) throws IOException {
    return new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
  }

  BcDefaultTlsCredentialedSigner signer(BcTlsCrypto crypto, TlsContext context) throws IOException {
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context),
        crypto,
        privateKey,
        tlsCertificate(crypto),
        new org.bouncycastle.tls.SignatureAndHashAlgorithm(
            org.bouncycastle.tls.HashAlgorithm.sha256,
            org.bouncycastle.tls.SignatureAlgorithm.ecdsa));
  }
}
