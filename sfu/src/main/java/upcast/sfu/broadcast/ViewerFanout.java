package upcast.sfu.broadcast;

import java.util.concurrent.atomic.LongAdder;
import upcast.sfu.rtp.Rtp;
import upcast.sfu.transport.Transport;

/**
 * The fan-out: one decrypted publisher packet to every viewer. Per viewer it copies the packet into
 * one reused scratch buffer, rewrites the payload type to the viewer's, and lets the viewer's
 * transport encrypt and send it. SSRC, sequence number and timestamp stay the publisher's, so the
 * publisher's sender reports stay valid for every viewer. No allocation and no lock per packet per
 * viewer; a viewer whose send fails is counted and skipped, never waited for.
 */
final class ViewerFanout {
  private final byte[] scratch = new byte[2048 + Transport.SEND_HEADROOM];
  private final LongAdder forwarded;
  private final LongAdder dropped;

  ViewerFanout(LongAdder forwarded, LongAdder dropped) {
    this.forwarded = forwarded;
    this.dropped = dropped;
  }

  /**
   * Sends an RTP packet to every viewer in {@code viewers}.
   *
   * @param keyframeStart the packet begins a keyframe: viewers waiting for one start here
   */
  void forwardRtp(
      Viewer[] viewers, byte[] buf, int off, int len, boolean video, boolean keyframeStart) {
    if (len > scratch.length - Transport.SEND_HEADROOM) {
      dropped.increment();
      return;
    }
    int publisherPt = Rtp.payloadType(buf, off);
    for (Viewer v : viewers) {
      if (video && v.waitingForKeyframe) {
        if (!keyframeStart) {
          continue;
        }
        v.waitingForKeyframe = false;
      }
      int pt = v.payloadTypes[publisherPt];
      if (pt < 0) {
        continue;
      }
      System.arraycopy(buf, off, scratch, 0, len);
      Rtp.setPayloadType(scratch, 0, pt);
      if (v.transport.sendRtp(scratch, 0, len)) {
        forwarded.increment();
      } else {
        dropped.increment();
      }
    }
  }

  /** Sends an RTCP packet (the publisher's sender reports) to every viewer. */
  void forwardRtcp(Viewer[] viewers, byte[] buf, int off, int len) {
    if (len > scratch.length - Transport.SEND_HEADROOM) {
      return;
    }
    for (Viewer v : viewers) {
      System.arraycopy(buf, off, scratch, 0, len);
      v.transport.sendRtcp(scratch, 0, len);
    }
  }
}
