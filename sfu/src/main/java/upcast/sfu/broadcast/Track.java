package upcast.sfu.broadcast;

import upcast.sfu.rtp.KeyframeDetector;
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
  int highestSeq = -1;

  long cycles;
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

  /** Extended highest sequence number (RFC 3550 §6.4.1), updated per received packet. */
  void onSequence(int seq) {
    if (highestSeq < 0) {
      highestSeq = seq;
      return;
    }
    int delta = (seq - highestSeq) & 0xFFFF;
    if (delta != 0 && delta < 0x8000) {
      if (seq < highestSeq) {
        cycles += 0x10000;
      }
      highestSeq = seq;
    }
  }

  long extendedHighestSeq() {
    return cycles + Math.max(0, highestSeq);
  }
}
