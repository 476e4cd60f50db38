package upcast.sfu.broadcast;

import upcast.sfu.api.PeerListener;
import upcast.sfu.transport.Transport;

/**
 * One viewer of a broadcast: its transport, the payload types it negotiated for the publisher's
 * tracks, and whether its video still waits for a keyframe.
 */
final class Viewer {
  final String id;
  final PeerListener listener;

  /** Publisher payload type → this viewer's payload type, or -1 (not forwarded). */
  final byte[] payloadTypes = new byte[128];

  Transport transport;
  boolean waitingForKeyframe = true;
  volatile boolean closedByOwner;

  Viewer(String id, PeerListener listener) {
    this.id = id;
    this.listener = listener;
    java.util.Arrays.fill(payloadTypes, (byte) -1);
  }
}
