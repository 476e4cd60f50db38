package upcast.sfu.broadcast;

import java.util.Arrays;
import upcast.sfu.api.PeerListener;
import upcast.sfu.transport.Transport;

/**
 * One viewer of a broadcast: its transport, what it negotiated for each of the publisher's tracks
 * (payload type, header extension ids, MID), and whether its video still waits for a keyframe. The
 * negotiated parts are fixed before the viewer joins the fan-out; the rest is loop-thread state.
 */
final class Viewer {
  final String id;
  final PeerListener listener;

  /** Publisher payload type → this viewer's payload type, or -1 (not forwarded). */
  final byte[] payloadTypes = new byte[128];

  /** Per track index: publisher extension id → this viewer's id (0 = left out). */
  final byte[][] extensionIds;

  /** Per track index: the viewer's one-byte id for the MID extension (0 = not negotiated). */
  final int[] midIds;

  /** Per track index: the viewer's MID of the section that receives the track (RFC 8843). */
  final byte[][] mids;

  /**
   * Per track index: the viewer sent a receiver report for the track's SSRC, so it maps the SSRC
   * and needs no MID in the packets any more (what Chromium does as a sender, too).
   */
  final boolean[] reported;

  /**
   * Per track index: added (mod 2^16) to the publisher's sequence numbers, so the stream stays
   * gapless for the viewer after a keyframe-only replay from the {@link KeyframeCache}.
   */
  final int[] sequenceShift;

  /**
   * Per track index: the sequence number the viewer expects next after a keyframe-only replay, to
   * be given to the next live keyframe; -1 when none is pending.
   */
  final int[] resumeSequence;

  // Set by Broadcasts right after the constructor, before the viewer is shared.
  @SuppressWarnings("NullAway.Init")
  Transport transport;

  boolean waitingForKeyframe = true;
  volatile boolean closedByOwner;

  Viewer(String id, PeerListener listener, int tracks) {
    this.id = id;
    this.listener = listener;
    Arrays.fill(payloadTypes, (byte) -1);
    this.extensionIds = new byte[tracks][256];
    this.midIds = new int[tracks];
    this.mids = new byte[tracks][];
    this.reported = new boolean[tracks];
    this.sequenceShift = new int[tracks];
    this.resumeSequence = new int[tracks];
    Arrays.fill(resumeSequence, -1);
  }

  /** The MID id to write into this track's packets now, or 0. */
  int midIdToSend(int track) {
    return reported[track] ? 0 : midIds[track];
  }
}
