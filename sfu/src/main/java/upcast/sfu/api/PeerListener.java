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

  PeerListener NONE = new PeerListener() {};
}
