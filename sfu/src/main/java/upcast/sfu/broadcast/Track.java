package upcast.sfu.broadcast;

import upcast.sfu.rtp.KeyframeDetector;
import upcast.sfu.rtp.SequenceCounter;
import upcast.sfu.sdp.Codec;

/**
 * One media stream of a publisher. Its SSRC comes from the offer's {@code a=ssrc}; clients that do
 * not declare it get the SSRC of the first packet with the track's payload type (and later changes
 * are followed).
 */
public final class Track {
  final int index;
  final String kind;
  final Codec codec;
  final KeyframeDetector.Format format;
  final boolean firSupported;
  final boolean pliSupported;

  /** The SSRC the offer declared, or 0: packets of a declared track with another SSRC drop. */
  final long declaredSsrc;

  /**
   * The publisher's header extension ids we accepted for this track, indexed by id (RFC 8285 §5:
   * ids are local to the publisher's session), holding the extension's URI.
   */
  final String[] extensionUris = new String[256];

  volatile long ssrc;

  /** Receive statistics for the receiver reports we send the publisher (loop thread). */
  final SequenceCounter sequence = new SequenceCounter();

  long lastSrCompactNtp;
  long lastSrNanos;

  Track(int index, String kind, Codec codec, long declaredSsrc) {
    this.index = index;
    this.kind = kind;
    this.codec = codec;
    this.format = KeyframeDetector.format(codec.name());
    this.declaredSsrc = declaredSsrc;
    this.ssrc = declaredSsrc;
    this.pliSupported = codec.feedback().contains("nack pli");
    this.firSupported = codec.feedback().contains("ccm fir");
  }

  boolean isVideo() {
    return kind.equals("video");
  }
}
