package upcast.sfu.transport;

/**
 * Receives what a {@link Transport} decrypted, and its lifecycle. Every call comes on the media
 * loop thread; the buffers are reused after the call returns, so copy what must outlive it.
 */
public interface MediaSink {

  /** ICE consent and DTLS-SRTP are established; {@link Transport#sendRtp} may be used. */
  void onConnected(Transport transport);

  /** One decrypted RTP packet in {@code buf[off, off+len)}. */
  void onRtp(Transport transport, byte[] buf, int off, int len);

  /** One decrypted (compound) RTCP packet in {@code buf[off, off+len)}. */
  void onRtcp(Transport transport, byte[] buf, int off, int len);

  /**
   * One DTLS application-data record after the handshake (RFC 8261: an SCTP packet of the peer's
   * data channels). Returns false if nobody takes it, and it is counted as dropped.
   */
  default boolean onApplicationData(Transport transport, byte[] data) {
    return false;
  }

  /**
   * The transport is gone: consent expired (RFC 7675), DTLS failed or was closed by the peer, or
   * {@link Transport#close} was called.
   */
  void onClosed(Transport transport, String reason);
}
