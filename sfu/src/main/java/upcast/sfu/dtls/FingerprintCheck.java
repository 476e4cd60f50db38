package upcast.sfu.dtls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/** Checks a DTLS peer's certificate against the {@code a=fingerprint} of its SDP (RFC 8122). */
final class FingerprintCheck {
  private FingerprintCheck() {}

  static void verify(Certificate presented, String algorithm, String expected) throws IOException {
    if (presented == null || presented.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "no certificate presented");
    }
    String actual =
        DtlsCertificate.fingerprint(algorithm, presented.getCertificateAt(0).getEncoded());
    if (actual == null
        || !MessageDigest.isEqual(
            actual.getBytes(StandardCharsets.US_ASCII),
            expected.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "fingerprint mismatch");
    }
  }
}
