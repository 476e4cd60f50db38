package upcast.sfu.api;

/**
 * Lifecycle events of one peer. Called from SFU threads: implementations must return quickly and
 * never block.
 */
public interface PeerListener {

  /** ICE and DTLS completed; media can flow. */
  default void onConnected() {}

  /**
   * The peer is gone for a reason the SFU detected (consent expired, DTLS failure or alert,
   * broadcast ended). Not called after {@link PeerSession#close()} by the owner.
   */
  default void onClosed(String reason) {}

  /**
   * A text message arrived on one of the peer's data channels (RFC 8831), e.g. {@code chat}. Called
   * on the media loop: hand real work to another thread.
   */
  default void onDataChannelText(String label, String text) {}

  /**
   * A data channel with that label opened (RFC 8832 DCEP), by the peer or by us: the moment to send
   * it the current state. Called on the media loop.
   */
  default void onDataChannelOpen(String label) {}

  PeerListener NONE = new PeerListener() {};
}
