package upcast.signaling.live;

import org.jspecify.annotations.Nullable;
import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.User;

/**
 * Takes part in every peer session of every broadcast, whichever way it was signaled (WebSocket,
 * WHIP, WHEP). The chat is one: it needs each peer's data channels together with who the peer is.
 */
public interface PeerHook {

  /** Opens the peer in the SFU with the listener the hook wants the SFU to call. */
  @FunctionalInterface
  interface Opener {
    PeerSession open(PeerListener listener) throws SdpException, BroadcastStateException;
  }

  /**
   * Opens a peer through {@code opener}, wrapping {@code inner} (which must still hear every event)
   * and returning the session the caller keeps.
   *
   * @param user the signed-in user behind the peer, or null for an anonymous viewer
   * @param broadcaster whether the peer is the broadcast's publisher
   */
  PeerSession attach(
      BroadcastRecord broadcast,
      @Nullable User user,
      boolean broadcaster,
      PeerListener inner,
      Opener opener)
      throws SdpException, BroadcastStateException;

  /**
   * Called as a live broadcast ends, before the SFU closes its peers: the last chance to send them
   * anything (the chat's {@code ended}). Returns once that is queued to the peers.
   */
  default void beforeEnd(String broadcastId) {}

  /** Hooks nothing. */
  PeerHook NONE = (broadcast, user, broadcaster, inner, opener) -> opener.open(inner);
}
