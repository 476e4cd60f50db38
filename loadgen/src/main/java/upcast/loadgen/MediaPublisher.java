package upcast.loadgen;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import upcast.testpeer.SdpOffers;

/**
 * A synthetic broadcaster with real keyframe/delta structure: VP8-framed video at the chosen
 * bitrate and 30 frames/s (keyframes three times larger, every 2 s and on PLI), and 50 Opus-sized
 * audio packets/s. Every packet carries its send time ({@link System#nanoTime()}) so viewers in the
 * same process measure end-to-end latency. Bounded by {@code seconds}.
 *
 * <p>Video payloads start like real VP8 (RFC 7741 §4.2 descriptor, then the RFC 6386 §9.1 frame tag
 * with, on keyframes, the start code 9d 01 2a and 640×360): servers that inspect keyframes (Janus's
 * keyframe buffer checks the start code) see real ones. The send time follows at {@link
 * #VIDEO_TIME_OFFSET}.
 */
final class MediaPublisher implements AutoCloseable {
  static final long AUDIO_SSRC = 0x0A0A0A0AL;
  static final long VIDEO_SSRC = 0x0B0B0B0BL;

  /** Where the send time sits in a video payload: after descriptor (1) and VP8 header (10). */
  static final int VIDEO_TIME_OFFSET = 11;

  private static final int MTU_PAYLOAD = 1100;

  /** Where the packets go: SRTP to an SFU, or plain RTP to a server's RTP ports. */
  interface RtpOut {
    void send(byte[] rtp, boolean video);

    /** The next RTCP feedback packet received (plain), or null. */
    byte @Nullable [] pollFeedback();
  }

  private final RtpOut peer;
  private final int videoBitrate;
  private final Thread thread;
  private final AtomicLong packetsSent = new AtomicLong();
  private volatile boolean running = true;

  MediaPublisher(RtpOut peer, int videoBitrate, int seconds) {
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
    // Random initial sequence numbers and timestamps, as RFC 3550 §5.1 asks (and as servers expect:
    // Janus's keyframe buffer ignores a keyframe with timestamp 0).
    java.util.Random random = new java.util.Random();
    int videoSeq = random.nextInt(0x10000);
    int audioSeq = random.nextInt(0x10000);
    long videoTs = 1L + random.nextInt(Integer.MAX_VALUE);
    long audioTs = 1L + random.nextInt(Integer.MAX_VALUE);
    long frame = 0;
    int frameBytes = videoBitrate / 8 / 30;
    while (running && System.nanoTime() < end) {
      long now = System.nanoTime();
      boolean keyframe = false;
      byte[] fb;
      while ((fb = peer.pollFeedback()) != null) {
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
          byte[] payload = new byte[Math.max(size, VIDEO_TIME_OFFSET + 8)];
          payload[0] = (byte) (firstOfFrame ? 0x10 : 0x00);
          if (firstOfFrame) {
            vp8Header(payload, keyframe);
          }
          ByteBuffer.wrap(payload, VIDEO_TIME_OFFSET, 8).putLong(System.nanoTime());
          peer.send(
              rtp(
                  SdpOffers.PUBLISHER_VP8,
                  videoSeq++,
                  videoTs + frame * 3000,
                  VIDEO_SSRC,
                  payload,
                  remaining == 0),
              true);
          packetsSent.incrementAndGet();
          firstOfFrame = false;
        }
        frame++;
        nextVideo += 33_333_333L;
      }
      if (now >= nextAudio) {
        byte[] payload = new byte[120];
        ByteBuffer.wrap(payload, 0, 8).putLong(System.nanoTime());
        peer.send(
            rtp(SdpOffers.PUBLISHER_OPUS, audioSeq, audioTs, AUDIO_SSRC, payload, true), false);
        audioSeq++;
        audioTs += 960;
        packetsSent.incrementAndGet();
        nextAudio += 20_000_000L;
      }
      LockSupport.parkNanos(Math.max(0, Math.min(nextVideo, nextAudio) - System.nanoTime()));
    }
  }

  /**
   * The VP8 frame tag (RFC 6386 §9.1: bit 0 = inter frame, bit 4 = show frame) after the 1-byte
   * descriptor and, for keyframes, the start code and a 640×360 size (§9.2).
   */
  private static void vp8Header(byte[] payload, boolean keyframe) {
    payload[1] = (byte) (keyframe ? 0x10 : 0x11);
    payload[2] = 0x02; // first partition size; not decoded by anyone
    if (keyframe) {
      payload[4] = (byte) 0x9d;
      payload[5] = 0x01;
      payload[6] = 0x2a;
      payload[7] = (byte) (640 & 0xff);
      payload[8] = (byte) (640 >> 8);
      payload[9] = (byte) (360 & 0xff);
      payload[10] = (byte) (360 >> 8);
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
