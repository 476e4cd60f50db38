package upcast.sfu.broadcast;

import java.util.concurrent.atomic.LongAdder;
import upcast.sfu.rtp.HeaderExtensions;
import upcast.sfu.rtp.Rtp;
import upcast.sfu.transport.Transport;

/**
 * The fan-out: one decrypted publisher packet to every viewer. Per viewer it copies the packet into
 * one loop-owned scratch buffer with {@link Transport#SEND_HEADROOM} spare bytes, rewrites the
 * payload type and the header extensions to the viewer's negotiated ones, and lets the viewer's
 * transport encrypt and send it. SSRC and timestamp stay the publisher's, so the publisher's sender
 * reports stay valid for every viewer; so does the sequence number, unless the viewer started with
 * a keyframe-only replay (then it is shifted to run on without a gap). No allocation and no lock
 * per packet per viewer; a viewer whose send fails is counted and skipped, never waited for.
 */
final class ViewerFanout {
  /** Largest RTP packet forwarded; WebRTC packets stay under ~1200 bytes. */
  static final int MAX_PACKET = 2048;

  private final byte[] scratch =
      new byte[MAX_PACKET + HeaderExtensions.MAX_GROWTH + Transport.SEND_HEADROOM];
  private final LongAdder forwarded;
  private final LongAdder dropped;

  ViewerFanout(LongAdder forwarded, LongAdder dropped) {
    this.forwarded = forwarded;
    this.dropped = dropped;
  }

  /**
   * Sends an RTP packet of {@code track} to every viewer in {@code viewers}.
   *
   * @param keyframeStart the packet begins a keyframe: viewers waiting for one start here
   */
  void forwardRtp(
      Viewer[] viewers, byte[] buf, int off, int len, Track track, boolean keyframeStart) {
    if (len > MAX_PACKET) {
      dropped.increment();
      return;
    }
    int publisherPt = Rtp.payloadType(buf, off);
    boolean video = track.isVideo();
    boolean hasExtensions = (buf[off] & 0x10) != 0;
    int t = track.index;
    for (Viewer v : viewers) {
      if (video && v.waitingForKeyframe) {
        if (!keyframeStart) {
          continue;
        }
        v.waitingForKeyframe = false;
        if (v.resumeSequence[t] >= 0) {
          v.sequenceShift[t] = (v.resumeSequence[t] - Rtp.sequenceNumber(buf, off)) & 0xffff;
          v.resumeSequence[t] = -1;
        }
      }
      send(v, buf, off, len, t, publisherPt, hasExtensions);
    }
  }

  /**
   * Sends one packet of {@code track} to one viewer regardless of its keyframe gate: the replay of
   * the {@link KeyframeCache} to a joining viewer.
   */
  void sendTo(Viewer v, byte[] buf, int off, int len, Track track) {
    if (len > MAX_PACKET) {
      dropped.increment();
      return;
    }
    send(v, buf, off, len, track.index, Rtp.payloadType(buf, off), (buf[off] & 0x10) != 0);
  }

  private void send(
      Viewer v, byte[] buf, int off, int len, int t, int publisherPt, boolean hasExtensions) {
    int pt = v.payloadTypes[publisherPt];
    if (pt < 0) {
      return;
    }
    int midId = v.midIdToSend(t);
    int n;
    if (!hasExtensions && midId == 0) {
      System.arraycopy(buf, off, scratch, 0, len);
      n = len;
    } else {
      n = HeaderExtensions.copy(buf, off, len, scratch, 0, v.extensionIds[t], midId, v.mids[t]);
      if (n < 0) {
        dropped.increment();
        return;
      }
    }
    Rtp.setPayloadType(scratch, 0, pt);
    int shift = v.sequenceShift[t];
    if (shift != 0) {
      Rtp.setSequenceNumber(scratch, 0, (Rtp.sequenceNumber(scratch, 0) + shift) & 0xffff);
    }
    if (v.transport.sendRtp(scratch, 0, n)) {
      forwarded.increment();
    } else {
      dropped.increment();
    }
  }

  /** Sends an RTCP packet (the publisher's sender reports) to every viewer. */
  void forwardRtcp(Viewer[] viewers, byte[] buf, int off, int len) {
    if (len > MAX_PACKET) {
      return;
    }
    for (Viewer v : viewers) {
      System.arraycopy(buf, off, scratch, 0, len);
      v.transport.sendRtcp(scratch, 0, len);
    }
  }
}
