package upcast.sfu.dtls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;
import org.jspecify.annotations.Nullable;

/** Checks a DTLS peer's certificate against the {@code a=fingerprint} of its SDP (RFC 8122). */
final class FingerprintCheck {
  private FingerprintCheck() {}

  /** Throws a {@code bad_certificate} alert unless the certificate matches. */
  static void verify(Certificate presented, String algorithm, String expected) throws IOException {
    String problem = problem(presented, algorithm, expected);
    if (problem != null) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, problem);
    }
  }

  /** What is wrong with the presented certificate, or null when it matches the fingerprint. */
  static @Nullable String problem(Certificate presented, String algorithm, String expected)
      throws IOException {
    if (presented == null || presented.isEmpty()) {
      return "no certificate presented";
    }
    if (algorithm == null || expected == null) {
      return "fingerprint mismatch";
    }
    String actual =
        DtlsCertificate.fingerprint(algorithm, presented.getCertificateAt(0).getEncoded());
    if (actual == null) {
      return "unsupported fingerprint algorithm " + algorithm;
    }
    boolean same =
        MessageDigest.isEqual(
            actual.getBytes(StandardCharsets.US_ASCII),
            expected.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    return same ? null : "fingerprint mismatch";
  }
}
