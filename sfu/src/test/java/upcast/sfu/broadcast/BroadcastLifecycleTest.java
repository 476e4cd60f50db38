package upcast.sfu.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import upcast.sfu.api.PeerListener;
import upcast.sfu.metrics.Metrics;
import upcast.sfu.rtp.Rtcp;
import upcast.sfu.sdp.Codec;

/** One {@link Broadcast} on a manual loop: SSRC checks, feedback, SR forwarding, ending. */
class BroadcastLifecycleTest {
  private static final HexFormat HEX = HexFormat.of();
  private final ManualLoop loop = new ManualLoop();
  private final Metrics metrics = new Metrics();
  private final List<Broadcast> ended = new ArrayList<>();
  private final List<String> publisherClosed = new ArrayList<>();
  private final FakeTransport publisher = new FakeTransport();
  private final Broadcast broadcast;

  BroadcastLifecycleTest() {
    List<Track> tracks =
        List.of(
            new Track(0, "audio", new Codec(111, "opus", 48000, 2, null, List.of()), 0x1111),
            new Track(
                1, "video", new Codec(96, "VP8", 90000, 1, null, List.of("nack pli")), 0x2222));
    PeerListener listener =
        new PeerListener() {
          @Override
          public void onClosed(String reason) {
            publisherClosed.add(reason);
          }
        };
    broadcast =
        new Broadcast("b", tracks, loop, loop, new BroadcastMetrics(metrics, ended::add), listener);
    broadcast.attachPublisher(publisher, null);
    broadcast.onConnected(publisher);
  }

  private Viewer join() {
    Viewer v = new Viewer("v", PeerListener.NONE, 2);
    v.payloadTypes[111] = 109;
    v.payloadTypes[96] = 120;
    v.transport = new FakeTransport();
    broadcast.addViewer(v);
    return v;
  }

  private static byte[] rtp(int pt, long ssrc, String payloadHex) {
    return HEX.parseHex(String.format("80%02x000100000000%08x", pt, ssrc) + payloadHex);
  }

  private long counter(String name) {
    return metrics.snapshot().counter(name);
  }

  @Test
  void packetsOfUndeclaredSsrcsAreDroppedAndCounted() {
    Viewer v = join();
    byte[] other = rtp(111, 0x9999, "01");
    broadcast.onRtp(publisher, other, 0, other.length);
    assertEquals(1, metrics.snapshot().counter("broadcast_rtp_dropped", "unknown_ssrc"));
    assertEquals(0, counter("broadcast_rtp_received"));
    byte[] good = rtp(111, 0x1111, "01");
    broadcast.onRtp(publisher, good, 0, good.length);
    assertEquals(1, counter("broadcast_rtp_received"));
    assertEquals(1, ((FakeTransport) v.transport).rtp.size());
  }

  @Test
  void aJoinAsksForOneKeyframeAndViewerPliStormsAreThrottled() {
    Viewer v = join();
    assertEquals(1, counter("keyframe_requests_sent"), "joining asks the publisher");
    byte[] pli = new byte[12];
    Rtcp.writePli(pli, 0, 7, 0x2222);
    for (int i = 0; i < 20; i++) {
      broadcast.onViewerRtcp(v, pli, 0, pli.length);
    }
    assertEquals(1, counter("keyframe_requests_sent"));
    assertEquals(20, counter("keyframe_requests_throttled"));
    loop.advance(Duration.ofMillis(300));
    assertEquals(2, counter("keyframe_requests_sent"), "one deferred request for the storm");
  }

  @Test
  void aViewersReceiverReportStopsItsMidAndSenderReportsAreForwarded() {
    Viewer v = join();
    byte[] rr = new byte[32];
    Rtcp.writeReceiverReport(rr, 0, 7, 0x2222, 0, 0, 1, 0, 0, 0);
    broadcast.onViewerRtcp(v, rr, 0, rr.length);
    assertTrue(v.reported[1]);
    assertFalse(v.reported[0]);
    byte[] sr = HEX.parseHex("80c8000600002222" + "aabbccdd" + "eeff0011" + "0".repeat(24));
    broadcast.onRtcp(publisher, sr, 0, sr.length);
    assertEquals(1, ((FakeTransport) v.transport).rtcp.size());
    assertEquals(1, counter("fanout_rtcp_forwarded"));
  }

  @Test
  void thePublisherLeavingEndsTheBroadcastForEveryViewerAfterAGrace() {
    Viewer a = join();
    Viewer b = join();
    assertEquals(2, broadcast.viewerCount());
    broadcast.onClosed(publisher, "consent expired");
    // The owner's side hears at once; viewers stay connected so it can say goodbye on their chat.
    assertEquals(List.of("consent expired"), publisherClosed);
    assertNull(((FakeTransport) a.transport).closedWith);
    Viewer duringGrace = join();
    assertEquals("broadcast ended", ((FakeTransport) duringGrace.transport).closedWith);
    loop.advance(Broadcast.PUBLISHER_LOSS_GRACE);
    assertEquals("broadcast ended", ((FakeTransport) a.transport).closedWith);
    assertEquals("broadcast ended", ((FakeTransport) b.transport).closedWith);
    assertEquals(List.of(broadcast), ended);
    assertEquals(0, broadcast.viewerCount());
    Viewer late = join();
    assertEquals("broadcast ended", ((FakeTransport) late.transport).closedWith);
    assertEquals(List.of("consent expired"), publisherClosed);
  }

  @Test
  void afterThePublisherLeftTheOwnersEndClosesViewersAtOnce() {
    Viewer a = join();
    broadcast.onClosed(publisher, "dtls closed by peer");
    broadcast.end();
    assertEquals("broadcast ended", ((FakeTransport) a.transport).closedWith);
    assertEquals(List.of(broadcast), ended);
    loop.advance(Broadcast.PUBLISHER_LOSS_GRACE);
    assertEquals(List.of(broadcast), ended);
  }

  @Test
  void endingByTheOwnerClosesThePublisherWithoutCallingItsListener() {
    Viewer a = join();
    broadcast.end();
    assertEquals("broadcast ended", publisher.closedWith);
    assertEquals("broadcast ended", ((FakeTransport) a.transport).closedWith);
    broadcast.onClosed(publisher, "broadcast ended");
    assertEquals(List.of(), publisherClosed);
  }

  @Test
  void aViewerLeavingIsRemovedFromTheSnapshot() {
    Viewer a = join();
    Viewer b = join();
    broadcast.removeViewer(a);
    assertEquals(1, broadcast.viewerCount());
    byte[] p = rtp(111, 0x1111, "01");
    broadcast.onRtp(publisher, p, 0, p.length);
    assertEquals(0, ((FakeTransport) a.transport).rtp.size());
    assertEquals(1, ((FakeTransport) b.transport).rtp.size());
  }
}
