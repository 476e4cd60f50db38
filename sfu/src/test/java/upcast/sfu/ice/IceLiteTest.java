package upcast.sfu.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The ICE-lite responder and consent expiry on a fake clock, with the RFC 5769 sample request
 * (USERNAME "evtj:h6vY", password "VOkJxbRl1RmTxUk/WvJxBt") as the check.
 */
class IceLiteTest {
  private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);
  private static final long TIMEOUT = 30_000;
  private static final InetSocketAddress A = address("192.0.2.1", 32853);
  private static final InetSocketAddress B = address("192.0.2.2", 40000);
  private static final byte[] TX = new byte[20];

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final FakeHost host = new FakeHost();
  private final IceLite.Counters counters =
      new IceLite.Counters(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
  private final IceLite ice = new IceLite(host, counters, clock::get, TIMEOUT);

  @Test
  void rfc5769RequestWithGoodIntegrityIsAnsweredAndSelectsItsAddress() {
    FakePeer peer = host.add("evtj", "h6vY", PASSWORD);
    byte[] request = StunTest.REQUEST.clone();

    ice.onStun(request, 0, request.length, A);

    assertEquals(1, host.sent.size());
    byte[] response = host.sent.get(0);
    assertEquals(A, host.sentTo.get(0));
    assertEquals(Stun.BINDING_SUCCESS, Stun.type(response, 0));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(request, 8, 20),
        java.util.Arrays.copyOfRange(response, 8, 20),
        "same transaction id");
    assertEquals(A, Stun.xorMappedAddress(response, 0, response.length));
    assertTrue(Stun.verifyIntegrity(response, 0, response.length, PASSWORD));
    assertTrue(Stun.verifyFingerprint(response, 0, response.length));
    assertArrayEquals(
        new Stun.Writer(Stun.BINDING_SUCCESS, request, 8)
            .xorMappedAddress(A)
            .integrity(PASSWORD)
            .fingerprintAndBuild(),
        response,
        "exactly XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT");
    assertEquals(A, peer.selected);
    assertEquals(List.of("null->" + A), peer.selections);
    assertTrue(peer.consent.checked());
    assertEquals(1, counters.answered().sum());
    assertEquals(0, counters.unauthenticated().sum());
  }

  @Test
  void wrongPasswordGets401WithoutIntegrityAndTouchesNothing() {
    FakePeer peer = host.add("evtj", "h6vY", "not the password".getBytes(StandardCharsets.UTF_8));

    ice.onStun(StunTest.REQUEST, 0, StunTest.REQUEST.length, A);

    assertError(401);
    assertNull(peer.selected);
    assertFalse(peer.consent.checked());
    assertEquals(0, counters.answered().sum());
    assertEquals(1, counters.unauthenticated().sum());
  }

  @Test
  void unknownUfragOrWrongRemoteUfragOrClosedPeerGets401() {
    ice.onStun(StunTest.REQUEST, 0, StunTest.REQUEST.length, A); // nobody has "evtj"
    assertError(401);

    host.sent.clear();
    host.add("evtj", "someone-else", PASSWORD);
    ice.onStun(StunTest.REQUEST, 0, StunTest.REQUEST.length, A);
    assertError(401);

    host.sent.clear();
    FakePeer closed = host.add("evtj", "h6vY", PASSWORD);
    closed.closed = true;
    ice.onStun(StunTest.REQUEST, 0, StunTest.REQUEST.length, A);
    assertError(401);
    assertNull(closed.selected);
    assertEquals(3, counters.unauthenticated().sum());
    assertEquals(0, counters.answered().sum());
  }

  @Test
  void corruptedCheckIsDroppedSilently() {
    FakePeer peer = host.add("evtj", "h6vY", PASSWORD);
    byte[] request = StunTest.REQUEST.clone();
    request[request.length - 30] ^= 1; // inside MESSAGE-INTEGRITY: FINGERPRINT fails first

    ice.onStun(request, 0, request.length, A);

    assertTrue(host.sent.isEmpty());
    assertNull(peer.selected);
    assertEquals(1, counters.unauthenticated().sum());
  }

  @Test
  void requestWithoutUsernameOrIntegrityGets400() {
    host.add("evtj", "h6vY", PASSWORD);
    byte[] noIntegrity =
        new Stun.Writer(Stun.BINDING_REQUEST, TX, 8).username("evtj:h6vY").fingerprintAndBuild();
    ice.onStun(noIntegrity, 0, noIntegrity.length, A);
    assertError(400);

    host.sent.clear();
    byte[] noUsername =
        new Stun.Writer(Stun.BINDING_REQUEST, TX, 8).integrity(PASSWORD).fingerprintAndBuild();
    ice.onStun(noUsername, 0, noUsername.length, A);
    assertError(400);
    assertEquals(2, counters.unauthenticated().sum());
  }

  @Test
  void indicationsAreIgnoredAndJunkIsCounted() {
    byte[] indication = new Stun.Writer(Stun.BINDING_INDICATION, TX, 8).fingerprintAndBuild();
    ice.onStun(indication, 0, indication.length, A);
    byte[] junk = {0, 1, 0, 0};
    ice.onStun(junk, 0, junk.length, A);

    assertTrue(host.sent.isEmpty());
    assertEquals(0, counters.unauthenticated().sum());
    assertEquals(1, counters.junk().sum());
  }

  @Test
  void onlyANominatingCheckMovesTheSelectedAddress() {
    FakePeer peer = host.add("ufrag1", "remote1", PASSWORD);
    check("ufrag1:remote1", false, A);
    assertEquals(A, peer.selected);

    check("ufrag1:remote1", false, B); // answered, refreshes consent, but does not move
    assertEquals(A, peer.selected);
    assertEquals(B, host.sentTo.get(1));

    check("ufrag1:remote1", true, A); // nominating the address already selected: no move
    check("ufrag1:remote1", true, B);
    assertEquals(B, peer.selected);
    assertEquals(List.of("null->" + A, A + "->" + B), peer.selections);
    assertEquals(4, counters.answered().sum());
  }

  @Test
  void peerWithoutAnyCheckTimesOutAfterTheConsentTimeout() {
    FakePeer peer = host.add("ufrag1", "remote1", PASSWORD);

    clock.addAndGet(TIMEOUT);
    ice.checkConsent(host.peers.values());
    assertNull(peer.closeReason, "exactly the timeout still holds");

    clock.addAndGet(1);
    ice.checkConsent(host.peers.values());
    assertEquals("ice timeout", peer.closeReason);
    assertEquals(1, counters.consentExpired().sum());
  }

  @Test
  void consentExpiresThirtySecondsAfterTheLastValidCheck() {
    FakePeer peer = host.add("ufrag1", "remote1", PASSWORD);
    clock.addAndGet(20_000);
    check("ufrag1:remote1", false, A);
    clock.addAndGet(25_000); // 45 s after creation, 25 s after the check
    ice.checkConsent(host.peers.values());
    assertNull(peer.closeReason);

    byte[] bad = request("ufrag1:remote1", false, "wrong".getBytes(StandardCharsets.UTF_8));
    ice.onStun(bad, 0, bad.length, A); // an unauthenticated check does not refresh consent
    clock.addAndGet(5_001);
    ice.checkConsent(host.peers.values());
    assertEquals("consent expired", peer.closeReason);
    assertEquals(1, counters.consentExpired().sum());
  }

  private void check(String username, boolean useCandidate, InetSocketAddress from) {
    byte[] request = request(username, useCandidate, PASSWORD);
    ice.onStun(request, 0, request.length, from);
  }

  private static byte[] request(String username, boolean useCandidate, byte[] key) {
    Stun.Writer w = new Stun.Writer(Stun.BINDING_REQUEST, TX, 8).username(username);
    if (useCandidate) {
      w.attribute(Stun.ATTR_USE_CANDIDATE, new byte[0]);
    }
    return w.integrity(key).fingerprintAndBuild();
  }

  private void assertError(int code) {
    assertEquals(1, host.sent.size());
    byte[] response = host.sent.get(0);
    assertEquals(Stun.BINDING_ERROR, Stun.type(response, 0));
    int v = Stun.find(response, 0, response.length, Stun.ATTR_ERROR_CODE);
    assertTrue(v > 0);
    assertEquals(code, (response[v + 2] & 7) * 100 + (response[v + 3] & 0xff));
    assertTrue(Stun.find(response, 0, response.length, Stun.ATTR_MESSAGE_INTEGRITY) < 0);
    assertTrue(Stun.verifyFingerprint(response, 0, response.length));
  }

  private static InetSocketAddress address(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private final class FakeHost implements IceLite.Host {
    final Map<String, FakePeer> peers = new HashMap<>();
    final List<byte[]> sent = new ArrayList<>();
    final List<InetSocketAddress> sentTo = new ArrayList<>();

    FakePeer add(String localUfrag, String remoteUfrag, byte[] key) {
      FakePeer p = new FakePeer(remoteUfrag, key, new Consent(clock.get()));
      peers.put(localUfrag, p);
      return p;
    }

    @Override
    public @Nullable FakePeer peer(String localUfrag) {
      return peers.get(localUfrag);
    }

    @Override
    public void send(byte[] datagram, InetSocketAddress to) {
      sent.add(datagram);
      sentTo.add(to);
    }
  }

  private static final class FakePeer implements IceLite.Peer {
    final String remoteUfrag;
    final byte[] key;
    final Consent consent;
    final List<String> selections = new ArrayList<>();
    @Nullable InetSocketAddress selected;
    @Nullable String closeReason;
    boolean closed;

    FakePeer(String remoteUfrag, byte[] key, Consent consent) {
      this.remoteUfrag = remoteUfrag;
      this.key = key;
      this.consent = consent;
    }

    @Override
    public String remoteUfrag() {
      return remoteUfrag;
    }

    @Override
    public byte[] passwordKey() {
      return key;
    }

    @Override
    public boolean closed() {
      return closed;
    }

    @Override
    public Consent consent() {
      return consent;
    }

    @Override
    public @Nullable InetSocketAddress selected() {
      return selected;
    }

    @Override
    public void select(@Nullable InetSocketAddress old, InetSocketAddress now) {
      selections.add(old + "->" + now);
      selected = now;
    }

    @Override
    public void close(String reason) {
      closed = true;
      closeReason = reason;
    }
  }
}
