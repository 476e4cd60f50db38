package upcast.sfu.api;

/** One publisher or viewer attached to a broadcast. */
public interface PeerSession {

  /** Opaque, URL-safe, unguessable id (used in WHIP/WHEP {@code Location} URLs). */
  String id();

  String broadcastId();

  /** The SDP answer to send back to the client. */
  String answerSdp();

  /** Detaches this peer and frees its state. Idempotent. Does not call the listener. */
  void close();
}
