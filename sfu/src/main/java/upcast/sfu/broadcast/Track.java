package upcast.sfu.broadcast;

import upcast.sfu.rtp.KeyframeDetector;
import upcast.sfu.rtp.SequenceCounter;
import upcast.sfu.sdp.Codec;

/**
 * One media stream of a publisher. Its SSRC comes from the offer's {@code a=ssrc} or, for clients
 * that do not declare it, from the first packet with the track's payload type.
 */
public final class Track {
  final String kind;
  final Codec codec;
  final KeyframeDetector.Format format;
  final boolean firSupported;
  final boolean pliSupported;
  volatile long ssrc;

  /** Receive statistics for the receiver reports we send the publisher (loop thread). */
  final SequenceCounter sequence = new SequenceCounter();

  long lastSrCompactNtp;
  long lastSrNanos;

  Track(String kind, Codec codec, long ssrc) {
    this.kind = kind;
    this.codec = codec;
    this.format = KeyframeDetector.format(codec.name());
    this.ssrc = ssrc;
    this.pliSupported = codec.feedback().contains("nack pli");
    this.firSupported = codec.feedback().contains("ccm fir");
  }

  boolean isVideo() {
    return kind.equals("video");
  }
}
