package upcast.sfu.transport;

/**
 * One peer's ICE-lite + DTLS-SRTP association on the shared UDP port.
 *
 * <p>Send methods must be called on the media loop thread (see {@link MediaLoop}); they encrypt in
 * place, so {@code buf} needs {@link #SEND_HEADROOM} spare bytes after {@code off + len}.
 */
public interface Transport {

  /** Spare bytes needed after a packet handed to the send methods (SRTP tag and SRTCP index). */
  int SEND_HEADROOM = 32;

  /** Our ICE ufrag for this peer (goes into the SDP answer). */
  String localUfrag();

  /** Our ICE password for this peer (goes into the SDP answer). */
  String localPassword();

  boolean isConnected();

  /**
   * Encrypts one plain RTP packet in place and queues it for the peer's selected address; it leaves
   * with the media loop's next batched flush ({@link MediaLoop#flush}).
   *
   * @return false if it was dropped (not connected, or the send queue is over its bound); the drop
   *     is counted
   */
  boolean sendRtp(byte[] buf, int off, int len);

  /** Like {@link #sendRtp} for one plain (compound) RTCP packet. */
  boolean sendRtcp(byte[] buf, int off, int len);

  /**
   * Sends one DTLS application-data record (an SCTP packet, RFC 8261) once connected. Loop thread
   * only.
   *
   * @return false if not connected or the DTLS layer refused it
   */
  boolean sendApplicationData(byte[] buf, int off, int len);

  /** Frees the transport; the sink gets {@code onClosed(reason)} once. Idempotent. */
  void close(String reason);
}
