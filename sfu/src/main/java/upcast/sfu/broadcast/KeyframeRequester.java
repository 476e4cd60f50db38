package upcast.sfu.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import upcast.sfu.rtp.Rtcp;
import upcast.sfu.transport.MediaLoop;
import upcast.sfu.transport.Transport;

/**
 * Asks the publisher for a keyframe (PLI, RFC 4585 §6.3.1, or FIR, RFC 5104 §4.3.1) at most once
 * per {@link #MIN_INTERVAL} per video track: a storm of joins or of viewers' PLIs becomes one
 * request, and a request that arrives inside the interval is sent when it ends rather than lost.
 */
final class KeyframeRequester {
  static final Duration MIN_INTERVAL = Duration.ofMillis(300);

  /** Our RTCP sender SSRC towards publishers. */
  static final long SFU_SSRC = 0x55504331L; // "UPC1"

  private final MediaLoop loop;
  private final Clock clock;
  private final Transport publisher;
  private final @Nullable Track video;
  private final LongAdder sent;
  private final LongAdder throttled;
  private final byte[] packet = new byte[20 + Transport.SEND_HEADROOM];
  private long lastSentMillis = Long.MIN_VALUE / 2;
  private boolean deferred;
  private boolean requestedSinceKeyframe;
  private int firSequence;

  KeyframeRequester(
      MediaLoop loop,
      Clock clock,
      Transport publisher,
      @Nullable Track video,
      LongAdder sent,
      LongAdder throttled) {
    this.loop = loop;
    this.clock = clock;
    this.publisher = publisher;
    this.video = video;
    this.sent = sent;
    this.throttled = throttled;
  }

  /** Requests a keyframe now, or once the throttle interval has passed (loop thread). */
  void request() {
    if (video == null) {
      return;
    }
    requestedSinceKeyframe = true;
    long now = clock.millis();
    long wait = lastSentMillis + MIN_INTERVAL.toMillis() - now;
    if (wait <= 0) {
      send(now);
    } else {
      throttled.increment();
      if (!deferred) {
        deferred = true;
        loop.schedule(
            () -> {
              deferred = false;
              if (requestedSinceKeyframe) {
                send(clock.millis());
              }
            },
            Duration.ofMillis(wait));
      }
    }
  }

  /** The publisher's video started a keyframe: pending requests are answered. */
  void onKeyframe() {
    requestedSinceKeyframe = false;
  }

  private void send(long now) {
    Track video = this.video;
    if (video == null) {
      return;
    }
    long ssrc = video.ssrc;
    if (ssrc == 0 || !publisher.isConnected()) {
      return; // nothing received yet: the first packets will carry a keyframe anyway
    }
    int len =
        video.pliSupported || !video.firSupported
            ? Rtcp.writePli(packet, 0, SFU_SSRC, ssrc)
            : Rtcp.writeFir(packet, 0, SFU_SSRC, ssrc, firSequence++);
    if (publisher.sendRtcp(packet, 0, len)) {
      sent.increment();
    }
    lastSentMillis = now;
  }
}
