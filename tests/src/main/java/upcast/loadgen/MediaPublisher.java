package upcast.loadgen;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * A synthetic broadcaster with real keyframe/delta structure: VP8-framed video at the chosen
 * bitrate and 30 frames/s (keyframes three times larger, every 2 s and on PLI), and 50 Opus-sized
 * audio packets/s. Every packet carries its send time ({@link System#nanoTime()}) so viewers in the
 * same process measure end-to-end latency. Bounded by {@code seconds}.
 */
final class MediaPublisher implements AutoCloseable {
  static final long AUDIO_SSRC = 0x0A0A0A0AL;
  static final long VIDEO_SSRC = 0x0B0B0B0BL;
  private static final int MTU_PAYLOAD = 1100;

  private final TestPeer peer;
  private final int videoBitrate;
  private final Thread thread;
  private final AtomicLong packetsSent = new AtomicLong();
  private volatile boolean running = true;

  MediaPublisher(TestPeer peer, int videoBitrate, int seconds) {
    this.peer = peer;
    this.videoBitrate = videoBitrate;
    this.thread = new Thread(() -> run(seconds), "synthetic-broadcaster");
    thread.setDaemon(true);
    thread.start();
  }

  long packetsSent() {
    return packetsSent.get();
  }

  private void run(int seconds) {
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long nextVideo = start;
    long nextAudio = start;
    long nextKeyframe = start;
    int videoSeq = 0;
    int audioSeq = 0;
    long frame = 0;
    int frameBytes = videoBitrate / 8 / 30;
    while (running && System.nanoTime() < end) {
      long now = System.nanoTime();
      boolean keyframe = false;
      byte[] fb;
      while ((fb = peer.rtcp().poll()) != null) {
        if ((fb[1] & 0xff) == 206 && ((fb[0] & 0x1f) == 1 || (fb[0] & 0x1f) == 4)) {
          nextKeyframe = now;
        }
      }
      if (now >= nextVideo) {
        if (now >= nextKeyframe) {
          keyframe = true;
          nextKeyframe = now + 2_000_000_000L;
        }
        int remaining = keyframe ? 3 * frameBytes : frameBytes;
        boolean firstOfFrame = true;
        while (remaining > 0) {
          int size = Math.min(MTU_PAYLOAD, remaining);
          remaining -= size;
          byte[] payload = new byte[Math.max(size, 10)];
          payload[0] = (byte) (firstOfFrame ? 0x10 : 0x00);
          payload[1] = (byte) (keyframe ? 0x00 : 0x01);
          ByteBuffer.wrap(payload, 2, 8).putLong(System.nanoTime());
          peer.sendRtp(
              rtp(
                  SdpOffers.PUBLISHER_VP8,
                  videoSeq++,
                  frame * 3000,
                  VIDEO_SSRC,
                  payload,
                  remaining == 0));
          packetsSent.incrementAndGet();
          firstOfFrame = false;
        }
        frame++;
        nextVideo += 33_333_333L;
      }
      if (now >= nextAudio) {
        byte[] payload = new byte[120];
        ByteBuffer.wrap(payload, 0, 8).putLong(System.nanoTime());
        peer.sendRtp(
            rtp(SdpOffers.PUBLISHER_OPUS, audioSeq, audioSeq * 960L, AUDIO_SSRC, payload, true));
        audioSeq++;
        packetsSent.incrementAndGet();
        nextAudio += 20_000_000L;
      }
      LockSupport.parkNanos(Math.max(0, Math.min(nextVideo, nextAudio) - System.nanoTime()));
    }
  }

  private static byte[] rtp(int pt, int seq, long ts, long ssrc, byte[] payload, boolean marker) {
    byte[] p = new byte[12 + payload.length];
    p[0] = (byte) 0x80;
    p[1] = (byte) ((marker ? 0x80 : 0) | pt);
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    ByteBuffer.wrap(p, 4, 8).putInt((int) ts).putInt((int) ssrc);
    System.arraycopy(payload, 0, p, 12, payload.length);
    return p;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
