package upcast.sfu.api;

/** One publisher or viewer attached to a broadcast. */
public interface PeerSession {

  /** Opaque, URL-safe, unguessable id (used in WHIP/WHEP {@code Location} URLs). */
  String id();

  String broadcastId();

  /** The SDP answer to send back to the client. */
  String answerSdp();

  /**
   * Sends a text message on the peer's open data channels with that label. Safe from any thread;
   * the message is queued to the media loop. Does nothing if the peer has no such channel.
   */
  default void sendText(String label, String text) {}

  /** Detaches this peer and frees its state. Idempotent. Does not call the listener. */
  void close();
}
