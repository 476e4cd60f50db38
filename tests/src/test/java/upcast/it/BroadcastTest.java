package upcast.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import upcast.sfu.SfuServer;
import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.client.IceCheck;
import upcast.sfu.client.RtpPackets;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * The SFU end to end with in-process peers over real loopback UDP: real ICE-lite checks, DTLS
 * handshakes and SRTP, a publisher and several viewers.
 */
class BroadcastTest {
  private SfuServer sfu;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void start() {
    InetAddress lo = InetAddress.getLoopbackAddress();
    sfu = SfuServer.start(new SfuConfig(lo, 0, List.of(lo), Clock.systemUTC()));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    sfu.close();
  }

  private TestPeer publisher(String broadcastId, SrtpProfile profile, PeerListener listener)
      throws Exception {
    TestPeer peer = TestPeer.create(profile);
    closeables.add(peer);
    PeerSession s =
        sfu.publish(
            broadcastId,
            SdpOffers.publisher(peer, SyntheticPublisher.AUDIO_SSRC, SyntheticPublisher.VIDEO_SSRC),
            listener);
    String answer = s.answerSdp();
    assertTrue(answer.contains("a=recvonly\r\n"), answer);
    assertTrue(answer.contains("a=rtcp-fb:96 nack pli\r\n"), answer);
    assertFalse(answer.contains("transport-cc") || answer.contains("goog-remb"), answer);
    assertFalse(answer.contains("a=rtcp-fb:96 nack\r\n"), "no NACK: we do not retransmit");
    peer.connect(AnswerInfo.parse(answer));
    return peer;
  }

  private TestPeer viewer(String broadcastId, SrtpProfile profile, PeerListener listener)
      throws Exception {
    TestPeer peer = TestPeer.create(profile);
    closeables.add(peer);
    PeerSession s = sfu.view(broadcastId, SdpOffers.browserViewer(peer), listener);
    String answer = s.answerSdp();
    assertTrue(answer.contains("a=ssrc:" + SyntheticPublisher.VIDEO_SSRC), "declares SSRC");
    assertTrue(answer.contains("a=sendonly\r\n"), answer);
    assertTrue(answer.contains("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n"), answer);
    peer.connect(AnswerInfo.parse(s.answerSdp()));
    return peer;
  }

  @Test
  void everyViewerGetsAudioAndVideoWithItsPayloadTypesStartingAtAKeyframe() throws Exception {
    TestPeer pub = publisher("b1", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    SyntheticPublisher media = new SyntheticPublisher(pub, 20);
    closeables.add(media);
    List<TestPeer> viewers = new ArrayList<>();
    viewers.add(viewer("b1", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE));
    viewers.add(viewer("b1", SrtpProfile.AES128_CM_HMAC_SHA1_80, PeerListener.NONE));
    viewers.add(viewer("b1", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE));
    for (TestPeer v : viewers) {
      assertViewerReceives(v);
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sfu.viewerCount("b1") < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(3, sfu.viewerCount("b1"));
    assertTrue(sfu.stats().counter("fanout_rtp_forwarded") > 0);
  }

  /**
   * Audio and video arrive decrypted, with the viewer's payload types and video from a keyframe.
   */
  private static void assertViewerReceives(TestPeer v) throws InterruptedException {
    boolean audio = false;
    boolean video = false;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while ((!audio || !video) && System.nanoTime() < deadline) {
      byte[] p = v.rtp().poll(100, TimeUnit.MILLISECONDS);
      if (p == null) {
        continue;
      }
      int pt = p[1] & 0x7f;
      long ssrc =
          ((p[8] & 0xffL) << 24) | ((p[9] & 0xff) << 16) | ((p[10] & 0xff) << 8) | (p[11] & 0xff);
      if (pt == SdpOffers.VIEWER_OPUS) {
        assertEquals(SyntheticPublisher.AUDIO_SSRC, ssrc);
        if (!audio) {
          assertEquals("0", mid(p), "the viewer's own MID for its audio section");
        }
        audio = true;
      } else if (pt == SdpOffers.VIEWER_VP8) {
        assertEquals(SyntheticPublisher.VIDEO_SSRC, ssrc);
        if (!video) {
          assertEquals("1", mid(p), "the viewer's own MID for its video section");
          int payload = RtpPackets.payloadOffset(p, 0, p.length);
          assertEquals(0x10, p[payload] & 0x10, "VP8 start of partition");
          assertEquals(0x00, p[payload + 1] & 0x01, "first video packet is a keyframe");
        }
        video = true;
      } else {
        throw new AssertionError("unexpected payload type " + pt);
      }
    }
    assertTrue(audio, "audio arrived");
    assertTrue(video, "video arrived");
  }

  /** The MID header extension (RFC 8843 §15.2, id 4 in the viewer offers), or null. */
  private static @Nullable String mid(byte[] p) {
    int at = RtpPackets.findExtension(p, 0, p.length, 4);
    return at < 0 ? null : new String(p, at, RtpPackets.extensionLength(p, 0, at), US_ASCII);
  }

  @Test
  void h264IsForwardedWithTheViewersPayloadTypeFromAnIdr() throws Exception {
    TestPeer pub = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
    closeables.add(pub);
    PeerSession s =
        sfu.publish(
            "h1",
            SdpOffers.publisherH264(
                pub, SyntheticPublisher.AUDIO_SSRC, SyntheticPublisher.VIDEO_SSRC),
            PeerListener.NONE);
    assertTrue(s.answerSdp().contains("H264/90000"), s.answerSdp());
    pub.connect(AnswerInfo.parse(s.answerSdp()));
    closeables.add(new SyntheticPublisher(pub, 20, true));
    Thread.sleep(200);
    TestPeer v = viewer("h1", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    byte[] first = null;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (first == null && System.nanoTime() < deadline) {
      byte[] p = v.rtp().poll(100, TimeUnit.MILLISECONDS);
      if (p != null && (p[1] & 0x7f) == SdpOffers.VIEWER_H264) {
        first = p;
      }
    }
    assertNotNull(first, "H.264 arrived with the viewer's payload type");
    assertEquals(
        5,
        first[RtpPackets.payloadOffset(first, 0, first.length)] & 0x1f,
        "video starts at an IDR slice");
  }

  @Test
  void aLateViewerStartsAtTheCachedKeyframeWithoutAskingThePublisher() throws Exception {
    TestPeer pub = publisher("b7", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    SyntheticPublisher media = new SyntheticPublisher(pub, 20);
    closeables.add(media);
    Thread.sleep(500); // one keyframe, then ~25 deltas: a short group of pictures
    TestPeer v = viewer("b7", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    List<byte[]> video = videoPackets(v, 30);
    assertTrue(isVp8Keyframe(video.get(0)), "the first decrypted video packet is the keyframe");
    assertContinuous(video);
    assertEquals(0, media.plisReceived(), "the cache answered the join, not the publisher");
    assertEquals(1, sfu.stats().counter("keyframe_cache_replays"));
  }

  @Test
  void afterALongGroupOfPicturesALateViewerGetsTheKeyframeThenLiveWithoutAGap() throws Exception {
    TestPeer pub = publisher("b8", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    SyntheticPublisher media = new SyntheticPublisher(pub, 20);
    closeables.add(media);
    Thread.sleep(2000); // ~100 packets since the only keyframe
    TestPeer v = viewer("b8", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    List<byte[]> video = videoPackets(v, 10);
    assertTrue(isVp8Keyframe(video.get(0)), "the cached keyframe first");
    assertTrue(isVp8Keyframe(video.get(1)), "then the fresh keyframe, with no deltas between");
    assertContinuous(video);
    assertEquals(1, media.plisReceived());
  }

  /** The first {@code n} decrypted video packets a viewer receives (bounded wait). */
  private static List<byte[]> videoPackets(TestPeer v, int n) throws InterruptedException {
    List<byte[]> out = new ArrayList<>();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (out.size() < n && System.nanoTime() < deadline) {
      byte[] p = v.rtp().poll(100, TimeUnit.MILLISECONDS);
      if (p != null && (p[1] & 0x7f) == SdpOffers.VIEWER_VP8) {
        out.add(p);
      }
    }
    assertEquals(n, out.size(), "video packets arrived");
    return out;
  }

  private static boolean isVp8Keyframe(byte[] p) {
    int payload = RtpPackets.payloadOffset(p, 0, p.length);
    return (p[payload] & 0x10) != 0 && (p[payload + 1] & 0x01) == 0;
  }

  /** Sequence numbers run on by one: the viewer sees no loss (loopback loses nothing). */
  private static void assertContinuous(List<byte[]> video) {
    for (int i = 1; i < video.size(); i++) {
      assertEquals(
          (RtpPackets.sequenceNumber(video.get(i - 1), 0) + 1) & 0xffff,
          RtpPackets.sequenceNumber(video.get(i), 0),
          "sequence number of video packet " + i);
    }
  }

  @Test
  void joiningViewersAndTheirPlisBecomeFewThrottledKeyframeRequests() throws Exception {
    TestPeer pub = publisher("b2", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    SyntheticPublisher media = new SyntheticPublisher(pub, 20);
    closeables.add(media);
    // Long enough that the cached group of pictures is too long to replay whole: the SFU replays
    // the keyframe alone and asks for a fresh one.
    Thread.sleep(1500);
    TestPeer v = viewer("b2", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    assertViewerReceives(v);
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (media.plisReceived() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, media.plisReceived(), "a late viewer made the SFU ask for one keyframe");
    assertEquals(1, sfu.stats().counter("keyframe_requests_sent"));
    // Past the throttle window of that request, and past the keyframe that answers it: a deferred
    // request is dropped when a keyframe arrives meanwhile, which would make the count below race
    // with the publisher's answer.
    Thread.sleep(2 * 300 + 200);
    int before = media.plisReceived();
    byte[] pli = new byte[12];
    pli[0] = (byte) 0x81;
    pli[1] = (byte) 206;
    pli[3] = 2;
    long ssrc = SyntheticPublisher.VIDEO_SSRC;
    pli[8] = (byte) (ssrc >> 24);
    pli[9] = (byte) (ssrc >> 16);
    pli[10] = (byte) (ssrc >> 8);
    pli[11] = (byte) ssrc;
    for (int i = 0; i < 100; i++) {
      v.sendRtcp(pli);
    }
    Thread.sleep(1000);
    int forwarded = media.plisReceived() - before;
    assertTrue(forwarded >= 1 && forwarded <= 5, "100 viewer PLIs became " + forwarded);
    assertTrue(sfu.stats().counter("keyframe_requests_throttled") > 0);
  }

  @Test
  void junkAndUnauthenticatedPacketsAreCountedAndDisturbNobody() throws Exception {
    TestPeer pub = publisher("b3", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    SyntheticPublisher media = new SyntheticPublisher(pub, 20);
    closeables.add(media);
    TestPeer v = viewer("b3", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    assertViewerReceives(v);
    InetSocketAddress target =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), sfu.mediaPort());
    long junkBefore = sfu.stats().counter("transport_packets_dropped", "junk");
    long unauthBefore = sfu.stats().counter("ice_packets_dropped", "unauthenticated");
    long unknownBefore = sfu.stats().counter("transport_packets_dropped", "unknown_address");
    Random random = new Random(42);
    try (DatagramChannel attacker = DatagramChannel.open()) {
      attacker.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      for (int i = 0; i < 2000; i++) {
        byte[] junk = new byte[1 + random.nextInt(1400)];
        random.nextBytes(junk);
        junk[0] = (byte) (64 + random.nextInt(64)); // neither STUN, DTLS nor RTP
        attacker.send(ByteBuffer.wrap(junk), target);
        byte[] rtpLike = new byte[12 + random.nextInt(200)];
        random.nextBytes(rtpLike);
        rtpLike[0] = (byte) 0x80;
        attacker.send(ByteBuffer.wrap(rtpLike), target);
      }
      // A well-formed check with a known ufrag but the wrong password: refused, no state.
      byte[] check =
          IceCheck.withUsername("nobody12:" + "x")
              .sign("wrong-password-wrong-password".getBytes(UTF_8));
      for (int i = 0; i < 100; i++) {
        attacker.send(ByteBuffer.wrap(check), target);
      }
      // Truncated STUN.
      attacker.send(ByteBuffer.wrap(new byte[] {0, 1, 0, 8, 0x21, 0x12}), target);
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sfu.stats().counter("ice_packets_dropped", "unauthenticated") < unauthBefore + 100
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(sfu.stats().counter("transport_packets_dropped", "junk") >= junkBefore + 2000);
    assertTrue(sfu.stats().counter("ice_packets_dropped", "unauthenticated") >= unauthBefore + 100);
    assertTrue(
        sfu.stats().counter("transport_packets_dropped", "unknown_address")
            >= unknownBefore + 2000);
    v.rtp().clear();
    assertViewerReceivesMore(v);
    assertEquals(2, sfu.stats().gauge("transports"), "no state created for attackers");
  }

  private static void assertViewerReceivesMore(TestPeer v) throws InterruptedException {
    int n = 0;
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (n < 20 && System.nanoTime() < deadline) {
      if (v.rtp().poll(100, TimeUnit.MILLISECONDS) != null) {
        n++;
      }
    }
    assertTrue(n >= 20, "media kept flowing: " + n);
  }

  @Test
  void endingTheBroadcastClosesEveryViewer() throws Exception {
    TestPeer pub = publisher("b4", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    closeables.add(new SyntheticPublisher(pub, 20));
    CountDownLatch closed = new CountDownLatch(2);
    CountDownLatch connected = new CountDownLatch(2);
    PeerListener onClose =
        new PeerListener() {
          @Override
          public void onConnected() {
            connected.countDown();
          }

          @Override
          public void onClosed(String reason) {
            assertEquals("broadcast ended", reason);
            closed.countDown();
          }
        };
    assertViewerReceives(viewer("b4", SrtpProfile.AEAD_AES_128_GCM, onClose));
    assertViewerReceives(viewer("b4", SrtpProfile.AEAD_AES_128_GCM, onClose));
    assertTrue(connected.await(5, TimeUnit.SECONDS), "viewers' listeners heard onConnected");
    assertEquals(2, sfu.stats().gauge("viewers"));
    assertEquals(3, sfu.stats().gauge("peers"));
    sfu.endBroadcast("b4");
    assertTrue(closed.await(5, TimeUnit.SECONDS));
    assertEquals(0, sfu.viewerCount("b4"));
    assertThrows(
        BroadcastStateException.class,
        () ->
            sfu.view(
                "b4",
                SdpOffers.viewer(TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)),
                PeerListener.NONE));
  }

  @Test
  void aSecondPublisherAndBadOffersAreRefused() throws Exception {
    publisher("b5", SrtpProfile.AEAD_AES_128_GCM, PeerListener.NONE);
    TestPeer other = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
    closeables.add(other);
    assertThrows(
        BroadcastStateException.class,
        () -> sfu.publish("b5", SdpOffers.publisher(other, 1, 2), PeerListener.NONE));
    assertThrows(SdpException.class, () -> sfu.publish("b6", "v=0\r\nnot sdp", PeerListener.NONE));
    String noVideoCodec =
        SdpOffers.publisher(other, 1, 2)
            .replace("VP8/90000", "XYZ/90000")
            .replace("opus/48000/2", "foo/8000");
    assertThrows(SdpException.class, () -> sfu.publish("b7", noVideoCodec, PeerListener.NONE));
    String cannotDecodeVp8 = SdpOffers.viewer(other).replace("VP8/90000", "VP9/90000");
    SdpException e =
        assertThrows(SdpException.class, () -> sfu.view("b5", cannotDecodeVp8, PeerListener.NONE));
    assertTrue(String.valueOf(e.getMessage()).contains("viewer cannot decode VP8"), e.getMessage());
  }

  @Test
  void aDtlsPeerWithTheWrongCertificateIsRefused() throws Exception {
    TestPeer honest = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
    TestPeer impostor = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
    closeables.add(honest);
    closeables.add(impostor);
    CountDownLatch failed = new CountDownLatch(1);
    PeerSession s =
        sfu.publish(
            "b8",
            SdpOffers.publisher(honest, 1, 2)
                .replace(honest.iceUfrag(), impostor.iceUfrag())
                .replace(honest.icePassword(), impostor.icePassword()),
            new PeerListener() {
              @Override
              public void onClosed(String reason) {
                if (reason.startsWith("dtls failed")) {
                  failed.countDown();
                }
              }
            });
    assertThrows(IOException.class, () -> impostor.connect(AnswerInfo.parse(s.answerSdp())));
    assertTrue(failed.await(5, TimeUnit.SECONDS), "the SFU closed the impostor");
  }
}
