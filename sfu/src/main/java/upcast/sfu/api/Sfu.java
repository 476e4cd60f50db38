package upcast.sfu.api;

/**
 * The media plane as signaling sees it: the only surface {@code signaling/} may use.
 *
 * <p>One {@link Sfu} owns one UDP port shared by every peer (RFC 7983 demultiplexing). Each
 * broadcast has at most one publisher and any number of viewers. Both are created from an SDP offer
 * (the WHIP/WHEP model, RFC 9725) and answered with an SDP answer that is ICE-lite, DTLS-SRTP and
 * {@code a=setup:passive}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Sfu extends AutoCloseable {

  /**
   * Attaches the publisher of {@code broadcastId} from its SDP offer and returns its session, whose
   * {@link PeerSession#answerSdp()} goes back to the client.
   *
   * @throws SdpException the offer is malformed or offers nothing we can receive
   * @throws BroadcastStateException the broadcast already has a publisher
   */
  PeerSession publish(String broadcastId, String offerSdp, PeerListener listener)
      throws SdpException, BroadcastStateException;

  /**
   * Attaches a viewer to {@code broadcastId} from its SDP offer (recvonly audio and video).
   *
   * @throws SdpException the offer is malformed or cannot receive the broadcast's codecs
   * @throws BroadcastStateException the broadcast has no publisher (not live)
   */
  PeerSession view(String broadcastId, String offerSdp, PeerListener listener)
      throws SdpException, BroadcastStateException;

  /** Ends a broadcast: closes its publisher and every viewer. Idempotent. */
  void endBroadcast(String broadcastId);

  /** Viewers currently attached to the broadcast (0 if unknown). */
  int viewerCount(String broadcastId);

  /** A point-in-time copy of the counters, for {@code /metrics} and tests. */
  SfuStats stats();

  /** The UDP port actually bound (useful when configured with port 0). */
  int mediaPort();

  @Override
  void close();
}
