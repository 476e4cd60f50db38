package upcast.sfu.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import upcast.sfu.api.PeerListener;
import upcast.sfu.metrics.Metrics;
import upcast.sfu.rtp.Rtp;
import upcast.sfu.sdp.Codec;

/** The keyframe cache alone, and a late viewer of a {@link Broadcast} served from it. */
class KeyframeCacheTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String VP8_KEY = "1000bbbb"; // S=1, P=0
  private static final String VP8_DELTA = "1001aaaa"; // S=1, P=1

  private final ManualLoop loop = new ManualLoop();
  private final Metrics metrics = new Metrics();
  private final FakeTransport publisher = new FakeTransport();
  private final Broadcast broadcast;

  KeyframeCacheTest() {
    List<Track> tracks =
        List.of(
            new Track(0, "audio", new Codec(111, "opus", 48000, 2, null, List.of()), 0x1111),
            new Track(
                1, "video", new Codec(96, "VP8", 90000, 1, null, List.of("nack pli")), 0x2222));
    broadcast =
        new Broadcast(
            "b", tracks, loop, loop, new BroadcastMetrics(metrics, b -> {}), PeerListener.NONE);
    broadcast.attachPublisher(publisher, null);
    broadcast.onConnected(publisher);
  }

  private static byte[] rtp(int pt, int seq, long timestamp, long ssrc, String payloadHex) {
    return HEX.parseHex(String.format("80%02x%04x%08x%08x", pt, seq, timestamp, ssrc) + payloadHex);
  }

  private void publish(int seq, String vp8) {
    byte[] p = rtp(96, seq, 3000L * seq, 0x2222, vp8);
    broadcast.onRtp(publisher, p, 0, p.length);
  }

  private Viewer join() {
    Viewer v = new Viewer("v", PeerListener.NONE, 2);
    v.payloadTypes[111] = 109;
    v.payloadTypes[96] = 120;
    v.transport = new FakeTransport();
    broadcast.addViewer(v);
    return v;
  }

  private static List<Integer> sequenceNumbers(Viewer v) {
    List<Integer> out = new ArrayList<>();
    for (byte[] p : ((FakeTransport) v.transport).rtp) {
      out.add(Rtp.sequenceNumber(p, 0));
    }
    return out;
  }

  private long counter(String name) {
    return metrics.snapshot().counter(name);
  }

  @Test
  void cachesFromTheLatestKeyframeAndReplaysInOrder() {
    KeyframeCache cache = new KeyframeCache();
    byte[] delta = rtp(96, 1, 0, 2, VP8_DELTA);
    cache.add(delta, 0, delta.length, false, 0);
    assertFalse(cache.valid(), "nothing before the first keyframe");
    for (int seq = 2; seq <= 5; seq++) {
      byte[] p = rtp(96, seq, 0, 2, seq == 2 ? VP8_KEY : VP8_DELTA);
      cache.add(p, 0, p.length, seq == 2, 100);
    }
    assertTrue(cache.valid());
    assertEquals(400, cache.ageMillis(500));
    List<Integer> replayed = new ArrayList<>();
    assertEquals(4, cache.replay((b, o, l) -> replayed.add(Rtp.sequenceNumber(b, o))));
    assertEquals(List.of(2, 3, 4, 5), replayed);
    byte[] key = rtp(96, 6, 0, 2, VP8_KEY);
    cache.add(key, 0, key.length, true, 200);
    assertEquals(1, cache.packets(), "a new keyframe restarts the cache");
  }

  @Test
  void aGroupOfPicturesThatOutgrowsTheCacheIsDropped() {
    KeyframeCache cache = new KeyframeCache();
    byte[] key = rtp(96, 1, 0, 2, VP8_KEY);
    cache.add(key, 0, key.length, true, 0);
    byte[] delta = rtp(96, 2, 0, 2, VP8_DELTA);
    for (int i = 1; i < KeyframeCache.MAX_PACKETS; i++) {
      cache.add(delta, 0, delta.length, false, 0);
    }
    assertTrue(cache.valid());
    cache.add(delta, 0, delta.length, false, 0);
    assertFalse(cache.valid());
    assertEquals(0, cache.replay((b, o, l) -> {}));
    cache.add(delta, 0, delta.length, false, 0);
    assertFalse(cache.valid(), "stays empty until the next keyframe");
  }

  @Test
  void aLateViewerStartsAtTheCachedKeyframeWithContinuousSequenceNumbers() {
    Viewer early = join();
    long requestsAfterFirstJoin = counter("keyframe_requests_sent");
    publish(9, VP8_DELTA);
    publish(10, VP8_KEY);
    publish(11, VP8_DELTA);
    publish(12, VP8_DELTA);
    assertEquals(List.of(10, 11, 12), sequenceNumbers(early));

    Viewer late = join();
    assertEquals(List.of(10, 11, 12), sequenceNumbers(late), "cached keyframe first, at once");
    byte[] first = ((FakeTransport) late.transport).rtp.get(0);
    assertEquals(120, Rtp.payloadType(first, 0), "the viewer's payload type");
    assertEquals(3000L * 10, Rtp.timestamp(first, 0), "the publisher's timestamp");
    publish(13, VP8_DELTA);
    assertEquals(List.of(10, 11, 12, 13), sequenceNumbers(late), "then live, no gap");
    assertEquals(
        requestsAfterFirstJoin, counter("keyframe_requests_sent"), "a fresh cache needs no PLI");
    assertEquals(1, counter("keyframe_cache_replays"));
    assertEquals(3, counter("keyframe_cache_packets_replayed"));
  }

  @Test
  void afterALongGroupOfPicturesOnlyTheKeyframeIsReplayedAndLiveResumesGapless() {
    byte[] key1 = rtp(96, 100, 5000, 0x2222, VP8_KEY);
    byte[] key2 = rtp(96, 101, 5000, 0x2222, "00cccc"); // same frame, not a partition start
    broadcast.onRtp(publisher, key1, 0, key1.length);
    broadcast.onRtp(publisher, key2, 0, key2.length);
    for (int seq = 102; seq < 102 + Broadcast.MAX_REPLAY_BURST; seq++) {
      publish(seq, VP8_DELTA);
    }
    long before = counter("keyframe_requests_sent");
    Viewer late = join();
    assertEquals(List.of(100, 101), sequenceNumbers(late), "just the keyframe, at once");
    assertEquals(before + 1, counter("keyframe_requests_sent"), "asks for a fresh keyframe");
    publish(200, VP8_DELTA);
    assertEquals(2, sequenceNumbers(late).size(), "deltas it cannot decode are not sent");
    publish(201, VP8_KEY);
    publish(202, VP8_DELTA);
    assertEquals(List.of(100, 101, 102, 103), sequenceNumbers(late), "renumbered without a gap");
    byte[] resumed = ((FakeTransport) late.transport).rtp.get(2);
    assertEquals(3000L * 201, Rtp.timestamp(resumed, 0), "timestamps stay the publisher's");
    assertEquals(2, counter("keyframe_cache_packets_replayed"));
  }

  @Test
  void aStormOfJoinsOnAnOldCacheSendsOneThrottledPli() {
    publish(1, VP8_KEY);
    loop.advance(Broadcast.CACHE_REFRESH_AFTER.plusMillis(500));
    publish(2, VP8_DELTA);
    long before = counter("keyframe_requests_sent");
    List<Viewer> storm = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      storm.add(join());
    }
    assertEquals(before + 1, counter("keyframe_requests_sent"), "one PLI for the whole storm");
    for (Viewer v : storm) {
      assertEquals(List.of(1, 2), sequenceNumbers(v), "everyone still starts at once");
    }
    publish(3, VP8_KEY);
    join();
    loop.advance(Duration.ofSeconds(1));
    assertEquals(before + 1, counter("keyframe_requests_sent"), "the fresh keyframe is cached");
  }

  @Test
  void anSsrcChangeEmptiesTheCache() {
    List<Track> tracks =
        List.of(new Track(0, "video", new Codec(96, "VP8", 90000, 1, null, List.of()), 0));
    Broadcast b =
        new Broadcast(
            "c", tracks, loop, loop, new BroadcastMetrics(metrics, x -> {}), PeerListener.NONE);
    b.attachPublisher(publisher, null);
    byte[] key = rtp(96, 1, 0, 0x2222, VP8_KEY);
    b.onRtp(publisher, key, 0, key.length);
    byte[] other = rtp(96, 500, 0, 0x3333, VP8_DELTA);
    b.onRtp(publisher, other, 0, other.length);
    Viewer v = new Viewer("v", PeerListener.NONE, 1);
    v.payloadTypes[96] = 96;
    v.transport = new FakeTransport();
    b.addViewer(v);
    assertEquals(
        0, ((FakeTransport) v.transport).rtp.size(), "waits for the new stream's keyframe");
    assertTrue(v.waitingForKeyframe);
  }
}
