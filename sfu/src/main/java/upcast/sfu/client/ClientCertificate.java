package upcast.sfu.client;

import upcast.sfu.dtls.DtlsCertificate;

/**
 * A client's self-signed DTLS certificate (ECDSA P-256). The offer announces its fingerprint (RFC
 * 8122 §5); one certificate may serve many {@link DtlsClient}s, as a browser's does.
 */
public final class ClientCertificate {
  private final DtlsCertificate certificate;

  private ClientCertificate(DtlsCertificate certificate) {
    this.certificate = certificate;
  }

  /** A fresh key pair and certificate. */
  public static ClientCertificate generate() {
    return new ClientCertificate(DtlsCertificate.generate());
  }

  /** The {@code sha-256} fingerprint for the offer's {@code a=fingerprint}. */
  public String fingerprint() {
    return certificate.fingerprint();
  }

  DtlsCertificate certificate() {
    return certificate;
  }
}
