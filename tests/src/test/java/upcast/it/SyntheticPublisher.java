package upcast.it;

import java.util.concurrent.atomic.AtomicInteger;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Sends Opus-like and VP8 RTP through a {@link TestPeer} at 50 packets/s each, answering PLIs with
 * a keyframe like a real encoder. Bounded: it stops after {@code maxSeconds}.
 */
final class SyntheticPublisher implements AutoCloseable {
  static final long AUDIO_SSRC = 0x11111111L;
  static final long VIDEO_SSRC = 0x22222222L;

  private final TestPeer peer;
  private final Thread thread;
  private final AtomicInteger plis = new AtomicInteger();
  private final AtomicInteger keyframes = new AtomicInteger();
  private volatile boolean running = true;

  private final boolean h264;

  SyntheticPublisher(TestPeer peer, int maxSeconds) {
    this(peer, maxSeconds, false);
  }

  /** With {@code h264}, video is H.264 (IDR and non-IDR slices) instead of VP8. */
  SyntheticPublisher(TestPeer peer, int maxSeconds, boolean h264) {
    this.peer = peer;
    this.h264 = h264;
    this.thread = new Thread(() -> run(maxSeconds), "synthetic-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  int plisReceived() {
    return plis.get();
  }

  int keyframesSent() {
    return keyframes.get();
  }

  private void run(int maxSeconds) {
    long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
    int seq = 0;
    boolean keyframe = true;
    while (running && System.nanoTime() < end) {
      byte[] fb;
      while ((fb = peer.rtcp().poll()) != null) {
        if ((fb[1] & 0xff) == 206 && (fb[0] & 0x1f) == 1) {
          plis.incrementAndGet();
          keyframe = true;
        }
      }
      peer.sendRtp(rtp(SdpOffers.PUBLISHER_OPUS, seq, AUDIO_SSRC, new byte[] {1, 2, 3, 4}));
      peer.sendRtp(
          h264
              ? rtp(
                  SdpOffers.PUBLISHER_H264,
                  seq,
                  VIDEO_SSRC,
                  new byte[] {(byte) (keyframe ? 0x65 : 0x41), 9, 9, 9})
              : rtp(
                  SdpOffers.PUBLISHER_VP8,
                  seq,
                  VIDEO_SSRC,
                  new byte[] {0x10, (byte) (keyframe ? 0x00 : 0x01), 9, 9, 9}));
      if (keyframe) {
        keyframes.incrementAndGet();
        keyframe = false;
      }
      seq++;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A minimal RTP packet (RFC 3550 §5.1) with the marker bit set. */
  static byte[] rtp(int pt, int seq, long ssrc, byte[] payload) {
    byte[] p = new byte[12 + payload.length];
    p[0] = (byte) 0x80;
    p[1] = (byte) (0x80 | pt);
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    long ts = seq * 960L;
    p[4] = (byte) (ts >> 24);
    p[5] = (byte) (ts >> 16);
    p[6] = (byte) (ts >> 8);
    p[7] = (byte) ts;
    p[8] = (byte) (ssrc >> 24);
    p[9] = (byte) (ssrc >> 16);
    p[10] = (byte) (ssrc >> 8);
    p[11] = (byte) ssrc;
    System.arraycopy(payload, 0, p, 12, payload.length);
    return p;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
