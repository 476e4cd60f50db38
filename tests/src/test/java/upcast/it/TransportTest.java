package upcast.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.client.IceCheck;
import upcast.sfu.client.SrtpProfile;
import upcast.sfu.metrics.Metrics;
import upcast.sfu.transport.MediaSink;
import upcast.sfu.transport.RemoteParameters;
import upcast.sfu.transport.Transport;
import upcast.sfu.transport.TransportManager;
import upcast.testpeer.TestPeer;

/**
 * The transport layer alone over real loopback UDP: a {@link TransportManager} and in-process
 * {@link TestPeer}s doing ICE-lite, DTLS-SRTP and SRTP both ways, plus the ways it must refuse.
 */
class TransportTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static Metrics metrics;
  private static TransportManager manager;

  @BeforeAll
  static void start() {
    metrics = new Metrics();
    manager = TransportManager.start(config(), metrics);
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  private static SfuConfig config() {
    return new SfuConfig(LOOPBACK, 0, List.of(LOOPBACK), Clock.systemUTC());
  }

  @Test
  void advertisesTheLoopbackCandidateAndAnEcdsaFingerprint() {
    assertEquals(List.of(new InetSocketAddress(LOOPBACK, manager.port())), manager.candidates());
    assertEquals("sha-256", manager.fingerprintAlgorithm());
    assertTrue(manager.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    Transport t =
        manager.create(new RemoteParameters("abcd", "x".repeat(24), "sha-256", "00"), sink());
    assertTrue(t.localUfrag().matches("[A-Za-z0-9+/]{8}"));
    assertTrue(t.localPassword().matches("[A-Za-z0-9+/]{24}"));
    assertFalse(t.isConnected());
    t.close("test over");
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void handshakeThenMediaBothWays(SrtpProfile profile) throws Exception {
    long okBefore = stats("dtls_handshakes_completed");
    RecordingSink sink = sink();
    try (TestPeer peer = TestPeer.create(profile)) {
      Transport t = connect(peer, sink);
      assertTrue(t.isConnected());
      assertEquals(okBefore + 1, stats("dtls_handshakes_completed"));

      byte[] rtp = rtp(1000, 0x11223344, "from the peer");
      peer.sendRtp(rtp);
      assertArrayEquals(rtp, sink.rtp.poll(5, TimeUnit.SECONDS));
      byte[] rtcp = receiverReport(0x11223344);
      peer.sendRtcp(rtcp);
      assertArrayEquals(rtcp, sink.rtcp.poll(5, TimeUnit.SECONDS));

      byte[] down = rtp(7, 0x55667788, "from the server");
      sendFromLoop(t, down, false);
      assertArrayEquals(down, peer.rtp().poll(5, TimeUnit.SECONDS));
      byte[] downRtcp = receiverReport(0x55667788);
      sendFromLoop(t, downRtcp, true);
      assertArrayEquals(downRtcp, peer.rtcp().poll(5, TimeUnit.SECONDS));

      t.close("test over");
      assertEquals("test over", sink.closed.get(2, TimeUnit.SECONDS));
      assertFalse(t.isConnected());
    }
  }

  @Test
  void junkAndUnauthenticatedStunAreCountedAndDoNotDisturbAConnectedPeer() throws Exception {
    RecordingSink sink = sink();
    try (TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
      Transport t = connect(peer, sink);
      stranger.setSoTimeout(2000);
      InetSocketAddress server = manager.candidates().get(0);
      long transports = metrics.snapshot().gauge("transports");

      long junk = stats("transport_packets_dropped", "junk");
      peer.sendRaw(new byte[] {(byte) 0xff, 1, 2, 3});
      peer.sendRaw(new byte[] {64, 0, 0});
      peer.sendRaw(new byte[] {(byte) 0x80}); // too short for RTP
      peer.sendRaw(new byte[] {0, 1, 0}); // too short for STUN
      awaitTrue(() -> stats("transport_packets_dropped", "junk") >= junk + 4, "junk counted");

      long unknown = stats("transport_packets_dropped", "unknown_address");
      send(stranger, server, rtp(1, 1, "who am I"));
      send(stranger, server, new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0});
      awaitTrue(
          () -> stats("transport_packets_dropped", "unknown_address") >= unknown + 2,
          "strangers counted");

      long unauthenticated = stats("ice_packets_dropped", "unauthenticated");
      byte[] key = t.localPassword().getBytes(StandardCharsets.UTF_8);
      send(stranger, server, check("nosuchuf:" + peer.iceUfrag(), key));
      assertEquals(401, errorCode(receive(stranger)), "unknown ufrag");
      send(
          stranger,
          server,
          check(t.localUfrag() + ":" + peer.iceUfrag(), "wrong".getBytes(StandardCharsets.UTF_8)));
      assertEquals(401, errorCode(receive(stranger)), "wrong password");
      send(stranger, server, check(t.localUfrag() + ":someoneelse", key));
      assertEquals(401, errorCode(receive(stranger)), "wrong remote ufrag");
      send(stranger, server, checkWithoutIntegrity(t.localUfrag() + ":" + peer.iceUfrag()));
      assertEquals(400, errorCode(receive(stranger)), "no MESSAGE-INTEGRITY");
      byte[] badFingerprint = check(t.localUfrag() + ":" + peer.iceUfrag(), key);
      badFingerprint[badFingerprint.length - 1] ^= 1;
      send(stranger, server, badFingerprint);
      assertThrows(SocketTimeoutException.class, () -> receive(stranger), "dropped silently");
      assertEquals(unauthenticated + 5, stats("ice_packets_dropped", "unauthenticated"));
      assertEquals(transports, metrics.snapshot().gauge("transports"), "no state created");

      long srtpDrops = stats("srtp_packets_dropped", "auth_failed");
      byte[] forged = Arrays.copyOf(rtp(5000, 0x11223344, "forged"), 64);
      peer.sendRaw(forged);
      awaitTrue(
          () -> stats("srtp_packets_dropped", "auth_failed") > srtpDrops, "forged SRTP counted");

      byte[] rtp = rtp(2000, 0x11223344, "still flowing");
      peer.sendRtp(rtp);
      assertArrayEquals(rtp, sink.rtp.poll(5, TimeUnit.SECONDS));
      assertTrue(t.isConnected());
      assertTrue(peer.checkSucceeds(Duration.ofSeconds(2)), "the peer's own checks still work");
      t.close("test over");
    }
  }

  @Test
  void dtlsAfterTheHandshakeCountsApplicationDataAndHonoursCloseNotify() throws Exception {
    RecordingSink sink = sink();
    try (TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      Transport t = connect(peer, sink);
      long appData = stats("dtls_records_dropped", "unread");
      peer.sendDtlsApplicationData(new byte[] {1, 2, 3, 4});
      peer.sendDtlsApplicationData(new byte[] {5, 6});
      awaitTrue(() -> stats("dtls_records_dropped", "unread") >= appData + 2, "app data counted");

      byte[] rtp = rtp(3000, 0x0badcafe, "media still flows");
      peer.sendRtp(rtp);
      assertArrayEquals(rtp, sink.rtp.poll(5, TimeUnit.SECONDS));
      assertTrue(t.isConnected());

      peer.closeDtls();
      assertEquals("dtls closed by peer", sink.closed.get(5, TimeUnit.SECONDS));
      assertFalse(t.isConnected());
    }
  }

  @Test
  void aWrongFingerprintFailsTheHandshake() throws Exception {
    long failedBefore = stats("dtls_handshakes_failed", "fingerprint_mismatch");
    RecordingSink sink = sink();
    try (TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer other = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM)) {
      Transport t =
          manager.create(
              new RemoteParameters(
                  peer.iceUfrag(), peer.icePassword(), "sha-256", other.fingerprint()),
              sink);
      assertThrows(
          IOException.class,
          () ->
              peer.connect(
                  manager.candidates().get(0),
                  t.localUfrag(),
                  t.localPassword(),
                  manager.fingerprint()));
      assertEquals("dtls failed: fingerprint mismatch", sink.closed.get(5, TimeUnit.SECONDS));
      assertFalse(sink.connected.isDone());
      assertEquals(failedBefore + 1, stats("dtls_handshakes_failed", "fingerprint_mismatch"));
    }
  }

  @Test
  void consentExpiresWithoutChecksAndIsKeptByThem() throws Exception {
    System.setProperty(TransportManager.CONSENT_TIMEOUT_PROPERTY, "1500");
    Metrics own = new Metrics();
    try (TransportManager shortConsent = startAndClearProperty(own);
        TestPeer silent = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        TestPeer chatty = TestPeer.create(SrtpProfile.AES128_CM_HMAC_SHA1_80)) {
      silent.consentInterval(Duration.ofMinutes(1));
      chatty.consentInterval(Duration.ofMillis(300));
      RecordingSink silentSink = sink();
      RecordingSink chattySink = sink();
      connect(shortConsent, silent, silentSink);
      Transport kept = connect(shortConsent, chatty, chattySink);

      assertEquals("consent expired", silentSink.closed.get(6, TimeUnit.SECONDS));
      assertTrue(own.snapshot().counter("ice_consent_expired") >= 1);
      assertFalse(silent.checkSucceeds(Duration.ofMillis(500)), "the transport is forgotten");

      Thread.sleep(1000);
      assertFalse(chattySink.closed.isDone(), "refreshed consent keeps the transport");
      assertTrue(kept.isConnected());
      assertEquals(1, own.snapshot().gauge("transports"));
    } finally {
      System.clearProperty(TransportManager.CONSENT_TIMEOUT_PROPERTY);
    }
  }

  private static TransportManager startAndClearProperty(Metrics m) {
    try {
      return TransportManager.start(config(), m);
    } finally {
      System.clearProperty(TransportManager.CONSENT_TIMEOUT_PROPERTY);
    }
  }

  private static Transport connect(TestPeer peer, RecordingSink sink) throws Exception {
    return connect(manager, peer, sink);
  }

  private static Transport connect(TransportManager m, TestPeer peer, RecordingSink sink)
      throws Exception {
    Transport t =
        m.create(
            new RemoteParameters(
                peer.iceUfrag(), peer.icePassword(), "sha-256", peer.fingerprint()),
            sink);
    peer.connect(m.candidates().get(0), t.localUfrag(), t.localPassword(), m.fingerprint());
    assertNotNull(sink.connected.get(5, TimeUnit.SECONDS));
    return t;
  }

  /** Transport.sendRtp must run on the loop and needs headroom for the SRTP trailer. */
  private static void sendFromLoop(Transport t, byte[] plain, boolean rtcp) throws Exception {
    CompletableFuture<Boolean> sent = new CompletableFuture<>();
    manager
        .loop()
        .execute(
            () -> {
              byte[] buf = Arrays.copyOf(plain, plain.length + Transport.SEND_HEADROOM);
              sent.complete(
                  rtcp ? t.sendRtcp(buf, 0, plain.length) : t.sendRtp(buf, 0, plain.length));
            });
    assertTrue(sent.get(2, TimeUnit.SECONDS));
  }

  private static long stats(String counter) {
    return metrics.snapshot().counter(counter);
  }

  private static long stats(String family, String reason) {
    return metrics.snapshot().counter(family, reason);
  }

  /**
   * Waits up to 15 s: a peer's first SRTP packet derives its context on the media loop, which took
   * over 5 s once on a fresh machine whose two cores were saturated.
   */
  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertTrue(condition.getAsBoolean(), what);
  }

  private static byte[] check(String username, byte[] key) {
    return IceCheck.withUsername(username).sign(key);
  }

  private static byte[] checkWithoutIntegrity(String username) {
    return IceCheck.withUsername(username).withoutIntegrity();
  }

  private static void send(DatagramSocket s, InetSocketAddress to, byte[] b) throws IOException {
    s.send(new DatagramPacket(b, b.length, to));
  }

  private static byte[] receive(DatagramSocket s) throws IOException {
    DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
    s.receive(p);
    return Arrays.copyOf(p.getData(), p.getLength());
  }

  /** The ERROR-CODE of a Binding error response (RFC 8489 §14.8), or -1. */
  private static int errorCode(byte[] b) {
    return IceCheck.errorCode(b, 0, b.length);
  }

  private static byte[] rtp(int seq, int ssrc, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[12 + p.length];
    b[0] = (byte) 0x80;
    b[1] = 96;
    b[2] = (byte) (seq >> 8);
    b[3] = (byte) seq;
    b[4] = 0;
    b[5] = 0;
    b[6] = 0x10;
    b[7] = 0;
    b[8] = (byte) (ssrc >> 24);
    b[9] = (byte) (ssrc >> 16);
    b[10] = (byte) (ssrc >> 8);
    b[11] = (byte) ssrc;
    System.arraycopy(p, 0, b, 12, p.length);
    return b;
  }

  /** An empty receiver report (RFC 3550 §6.4.2): V=2, RC=0, PT=201, length 1. */
  private static byte[] receiverReport(int ssrc) {
    return new byte[] {
      (byte) 0x80,
      (byte) 201,
      0,
      1,
      (byte) (ssrc >> 24),
      (byte) (ssrc >> 16),
      (byte) (ssrc >> 8),
      (byte) ssrc
    };
  }

  private static RecordingSink sink() {
    return new RecordingSink();
  }

  /** Remembers what the transport delivered, copying buffers the loop reuses. */
  private static final class RecordingSink implements MediaSink {
    final CompletableFuture<Transport> connected = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final BlockingQueue<byte[]> rtp = new ArrayBlockingQueue<>(1000);
    final BlockingQueue<byte[]> rtcp = new ArrayBlockingQueue<>(1000);

    @Override
    public void onConnected(Transport transport) {
      connected.complete(transport);
    }

    @Override
    public void onRtp(Transport transport, byte[] buf, int off, int len) {
      rtp.offer(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void onRtcp(Transport transport, byte[] buf, int off, int len) {
      rtcp.offer(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void onClosed(Transport transport, String reason) {
      closed.complete(reason);
    }
  }
}
