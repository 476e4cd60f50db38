package upcast.sfu.dtls;

import java.util.Hashtable;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.jspecify.annotations.Nullable;
import upcast.sfu.srtp.SrtpProfile;

/** The DTLS-SRTP pieces both handshake roles share (RFC 5764 §4.1 and §4.2). */
final class UseSrtp {
  private UseSrtp() {}

  /**
   * ECDSA suites only: Chromium fails the handshake (internal_error) when Bouncy Castle offers RSA
   * suites with an ECDSA certificate; RFC 8827 §6.5 makes TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
   * the suite every WebRTC endpoint supports. Both roles use the same list.
   */
  static int[] cipherSuites(org.bouncycastle.tls.crypto.TlsCrypto crypto) {
    return org.bouncycastle.tls.TlsUtils.getSupportedCipherSuites(
        crypto,
        new int[] {
          org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
          org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
          org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
          org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
          org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
        });
  }

  /** Adds a {@code use_srtp} extension naming one profile to a (possibly null) extension table. */
  @SuppressWarnings({
    "rawtypes",
    "unchecked",
    "JdkObsolete"
  }) // BC's extension tables are Hashtables
  static Hashtable withProfile(@Nullable Hashtable extensions, SrtpProfile profile)
      throws java.io.IOException {
    Hashtable out = extensions == null ? new Hashtable() : extensions;
    TlsSRTPUtils.addUseSRTPExtension(
        out, new UseSRTPData(new int[] {profile.dtlsValue}, TlsUtils.EMPTY_BYTES));
    return out;
  }

  /** Exports the SRTP master keys and salts of both sides (RFC 5764 §4.2). */
  static byte[] exportKeys(TlsContext context, SrtpProfile profile) {
    return context.exportKeyingMaterial(
        ExporterLabel.dtls_srtp, null, 2 * (profile.keyLength + profile.saltLength));
  }
}
