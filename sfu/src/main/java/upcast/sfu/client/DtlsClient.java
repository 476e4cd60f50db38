package upcast.sfu.client;

import java.io.IOException;
import org.bouncycastle.tls.DTLSTransport;
import org.jspecify.annotations.Nullable;
import upcast.sfu.dtls.DtlsSrtpClient;
import upcast.sfu.dtls.DtlsSrtpServer;
import upcast.sfu.dtls.QueueDatagramTransport;

/**
 * One DTLS-SRTP client connection to a server, as a browser plays it (RFC 5764, DTLS 1.2, {@code
 * a=setup:active}). The peer feeds it the DTLS records it receives ({@link #offer}, from its
 * receive thread) and it sends through the given {@link PacketSender}. {@link #handshake} blocks
 * the calling thread and yields SRTP keyed from the handshake; afterwards the connection carries
 * DTLS application data (SCTP for data channels, RFC 8261).
 */
public final class DtlsClient implements AutoCloseable {
  private final ClientCertificate certificate;
  private final SrtpProfile offered;
  private final String serverFingerprint;
  private final QueueDatagramTransport transport;
  private volatile @Nullable DTLSTransport dtls;

  /**
   * @param offered the one profile the client offers in {@code use_srtp}
   * @param serverFingerprint the server's {@code sha-256} fingerprint from its SDP answer
   * @param sender writes one datagram to the server (called from the handshake thread too)
   */
  public DtlsClient(
      ClientCertificate certificate,
      SrtpProfile offered,
      String serverFingerprint,
      PacketSender sender) {
    this.certificate = certificate;
    this.offered = offered;
    this.serverFingerprint = serverFingerprint;
    this.transport = new QueueDatagramTransport(sender::send);
  }

  /**
   * Hands over one received DTLS record (first byte 20 to 63, RFC 7983); the bytes must not change
   * afterwards. Returns false when it was dropped (too many waiting, or closed): DTLS retransmits.
   */
  public boolean offer(byte[] record) {
    return transport.offer(record);
  }

  /**
   * Runs the handshake on the calling thread (at most 10 s), verifying the server's certificate
   * against its fingerprint, and returns SRTP keyed from it (RFC 5764 §4.2).
   *
   * @throws IOException when the handshake fails, the fingerprint does not match, or it times out
   */
  public Srtp handshake() throws IOException {
    DtlsSrtpServer.Holder<DTLSTransport> holder = new DtlsSrtpServer.Holder<>();
    var keys =
        new DtlsSrtpClient(certificate.certificate(), offered.internal(), serverFingerprint)
            .connect(transport, holder);
    dtls = holder.value;
    return new Srtp(keys.newSession());
  }

  /** Sends one DTLS application-data record (one SCTP packet, RFC 8261 §4) after the handshake. */
  public void send(byte[] data, int off, int len) throws IOException {
    connected().send(data, off, len);
  }

  /**
   * Waits up to {@code waitMillis} for one received application-data record and copies it into
   * {@code buf}; returns its length, or -1 when none arrived in time.
   *
   * @throws IOException once the connection is closed
   */
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    return connected().receive(buf, off, len, waitMillis);
  }

  /** Closes the connection with a close_notify alert, as a browser closing its connection does. */
  public void closeNotify() throws IOException {
    connected().close();
  }

  private DTLSTransport connected() {
    DTLSTransport d = dtls;
    if (d == null) {
      throw new IllegalStateException("the DTLS handshake has not completed");
    }
    return d;
  }

  /** Stops the connection without telling the server; a waiting handshake or receive fails. */
  @Override
  public void close() {
    transport.close();
  }
}
