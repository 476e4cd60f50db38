package upcast.sfu.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;
import upcast.sfu.srtp.SrtpProfile;

/**
 * The client side of a DTLS-SRTP handshake, as a browser plays it. Clients outside the SFU reach it
 * through {@link upcast.sfu.client.DtlsClient}.
 */
public final class DtlsSrtpClient extends DefaultTlsClient {
  private final DtlsCertificate certificate;
  private final SrtpProfile offered;
  private final String serverFingerprint;
  private byte @Nullable [] keyingMaterial;
  private @Nullable SrtpProfile chosen;

  public DtlsSrtpClient(
      DtlsCertificate certificate, SrtpProfile offered, String serverFingerprintSha256) {
    super(new BcTlsCrypto(new SecureRandom()));
    this.certificate = certificate;
    this.offered = offered;
    this.serverFingerprint = serverFingerprintSha256;
  }

  /** Runs the handshake on the calling thread and returns the SRTP keys. */
  public DtlsSrtpKeys connect(
      QueueDatagramTransport transport, DtlsSrtpServer.Holder<DTLSTransport> dtls)
      throws IOException {
    dtls.value = new DTLSClientProtocol().connect(this, transport);
    return DtlsSrtpServer.keys(chosen, keyingMaterial, false);
  }

  /** Bounds {@link #connect} so a silent or refusing server makes it fail instead of hang. */
  @Override
  public int getHandshakeTimeoutMillis() {
    return 10_000;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return UseSrtp.cipherSuites(getCrypto());
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getClientExtensions() throws IOException {
    return UseSrtp.withProfile(super.getClientExtensions(), offered);
  }

  @Override
  @SuppressWarnings({"rawtypes"})
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (answer == null || answer.getProtectionProfiles().length != 1) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "bad use_srtp answer");
    }
    chosen = SrtpProfile.fromDtlsValue(answer.getProtectionProfiles()[0]);
    if (chosen == null) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "unknown SRTP profile");
    }
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        FingerprintCheck.verify(serverCertificate.getCertificate(), "sha-256", serverFingerprint);
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return certificate.signer((BcTlsCrypto) getCrypto(), context);
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    SrtpProfile profile = chosen;
    if (profile == null) { // use_srtp was not negotiated
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP profile chosen");
    }
    keyingMaterial = UseSrtp.exportKeys(context, profile);
  }
}
