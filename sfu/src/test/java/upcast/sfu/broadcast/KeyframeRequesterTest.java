package upcast.sfu.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import upcast.sfu.rtp.Rtcp;
import upcast.sfu.sdp.Codec;

/** Throttled keyframe requests (RFC 4585 §6.3.1 PLI, RFC 5104 §4.3.1 FIR) on a stepped clock. */
class KeyframeRequesterTest {
  private final ManualLoop loop = new ManualLoop();
  private final FakeTransport publisher = new FakeTransport();
  private final LongAdder sent = new LongAdder();
  private final LongAdder throttled = new LongAdder();

  private KeyframeRequester requester(List<String> feedback) {
    Track video = new Track(1, "video", new Codec(96, "VP8", 90000, 1, null, feedback), 0x2222);
    return new KeyframeRequester(loop, loop, publisher, video, sent, throttled);
  }

  @Test
  void aStormBecomesOneRequestNowAndOneWhenTheIntervalEnds() {
    KeyframeRequester r = requester(List.of("nack pli", "ccm fir"));
    r.request();
    assertEquals(1, publisher.rtcp.size(), "the first request goes out at once");
    byte[] pli = publisher.rtcp.get(0);
    assertEquals(Rtcp.PSFB, Rtcp.packetType(pli, 0));
    assertEquals(Rtcp.FMT_PLI, Rtcp.countOrFormat(pli, 0));
    assertEquals(0x2222L, Rtcp.mediaSsrc(pli, 0));
    for (int i = 0; i < 50; i++) {
      loop.advance(Duration.ofMillis(2));
      r.request();
    }
    assertEquals(1, publisher.rtcp.size());
    assertEquals(50, throttled.sum());
    assertEquals(1, loop.pendingTimers(), "one deferred request, not fifty");
    loop.advance(Duration.ofMillis(200));
    assertEquals(2, publisher.rtcp.size(), "the deferred request is sent, not lost");
    assertEquals(2, sent.sum());
    loop.advance(Duration.ofMillis(400));
    r.request();
    assertEquals(3, publisher.rtcp.size(), "after a quiet interval a request goes out at once");
  }

  @Test
  void usesFirWhenThePublisherOnlyOfferedCcmFir() {
    KeyframeRequester r = requester(List.of("ccm fir"));
    r.request();
    loop.advance(Duration.ofMillis(301));
    r.request();
    assertEquals(2, publisher.rtcp.size());
    byte[] fir = publisher.rtcp.get(1);
    assertEquals(Rtcp.FMT_FIR, Rtcp.countOrFormat(fir, 0));
    assertEquals(1, fir[16], "FIR sequence numbers increase (RFC 5104 §4.3.1.1)");
  }

  @Test
  void sendsNothingBeforeThePublisherIsConnected() {
    publisher.connected = false;
    requester(List.of("nack pli")).request();
    assertEquals(0, publisher.rtcp.size());
    assertEquals(0, sent.sum());
  }
}
