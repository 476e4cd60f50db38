package upcast.sfu.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;
import upcast.sfu.srtp.SrtpProfile;

/**
 * The server side of one DTLS-SRTP handshake (RFC 5764) with Bouncy Castle: DTLS 1.2, ECDSA suites
 * only, a client certificate required and checked against the SDP fingerprint, and the {@code
 * use_srtp} extension choosing AES-GCM when the client offers it.
 */
public final class DtlsSrtpServer extends DefaultTlsServer {
  private final DtlsCertificate certificate;
  private final String remoteFingerprintAlgorithm;
  private final String remoteFingerprint;
  private @Nullable SrtpProfile chosen;
  private byte @Nullable [] keyingMaterial;
  private volatile @Nullable String failure;
  private volatile AlertListener alertListener = (level, description) -> {};

  /** Told about every alert the peer sends, on the thread that runs the DTLS transport. */
  public interface AlertListener {
    void onAlert(short level, short description);
  }

  public DtlsSrtpServer(
      DtlsCertificate certificate, String remoteFingerprintAlgorithm, String remoteFingerprint) {
    super(new BcTlsCrypto(new SecureRandom()));
    this.certificate = certificate;
    this.remoteFingerprintAlgorithm = remoteFingerprintAlgorithm;
    this.remoteFingerprint = remoteFingerprint;
  }

  /**
   * Runs the handshake on the calling thread (BC's API blocks) and returns the SRTP keys.
   *
   * <p>Without the HelloVerifyRequest cookie exchange (RFC 6347 §4.2.1, optional for servers): it
   * protects against spoofed source addresses, but records reach us only from the address an
   * authenticated ICE check selected (RFC 8445 §7.3), so it would only add a round trip to every
   * join.
   */
  public DtlsSrtpKeys accept(QueueDatagramTransport transport, Holder<DTLSTransport> dtls)
      throws IOException {
    DTLSServerProtocol protocol = new DTLSServerProtocol();
    protocol.setVerifyRequests(false);
    dtls.value = protocol.accept(this, transport);
    return keys(chosen, keyingMaterial, true);
  }

  /** The SRTP keys a completed handshake exported; BC calls back before accept/connect return. */
  static DtlsSrtpKeys keys(
      @Nullable SrtpProfile profile, byte @Nullable [] material, boolean server)
      throws IOException {
    if (profile == null || material == null) {
      throw new IOException("DTLS handshake completed without SRTP keys");
    }
    return new DtlsSrtpKeys(profile, material, server);
  }

  /** Why the handshake was refused by us (e.g. {@code fingerprint mismatch}), or null. */
  public @Nullable String failure() {
    return failure;
  }

  /** Sets who hears about alerts received after (and during) the handshake. */
  public void onAlert(AlertListener listener) {
    this.alertListener = listener;
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    super.notifyAlertReceived(alertLevel, alertDescription);
    alertListener.onAlert(alertLevel, alertDescription);
  }

  /** BC's own limit, a backstop behind the media loop's handshake timer. */
  @Override
  public int getHandshakeTimeoutMillis() {
    return 15_000;
  }

  /** Receives a result from the handshake thread. */
  public static final class Holder<T> {
    public volatile @Nullable T value;
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
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return certificate.signer((BcTlsCrypto) getCrypto(), context);
  }

  @Override
  public CertificateRequest getCertificateRequest() throws IOException {
    Vector<?> algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    return new CertificateRequest(
        new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
        algorithms,
        null);
  }

  @Override
  public void notifyClientCertificate(org.bouncycastle.tls.Certificate clientCertificate)
      throws IOException {
    String problem =
        FingerprintCheck.problem(clientCertificate, remoteFingerprintAlgorithm, remoteFingerprint);
    if (problem != null) {
      failure = problem;
      throw new TlsFatalAlert(AlertDescription.bad_certificate, problem);
    }
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      failure = "use_srtp missing";
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "use_srtp missing");
    }
    for (SrtpProfile p : SrtpProfile.values()) {
      for (int v : offered.getProtectionProfiles()) {
        if (v == p.dtlsValue && chosen == null) {
          chosen = p;
        }
      }
    }
    if (chosen == null) {
      failure = "no common SRTP profile";
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP profile");
    }
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getServerExtensions() throws IOException {
    SrtpProfile profile = chosen; // processClientExtensions chose one or failed
    if (profile == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP profile chosen");
    }
    return UseSrtp.withProfile(super.getServerExtensions(), profile);
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
