package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two associations back to back over a perfect in-memory link with simulated time. */
class AssociationTest {
  @Test
  void handshakeBothEstablished() {
    Link l = new Link(1);
    assertTrue(l.handshake());
    assertTrue(l.ra.established);
    assertTrue(l.rb.established);
    assertEquals(0, l.counter(l.metricsA, "sctp_packets_dropped", "invalid"));
    assertEquals(0, l.counter(l.metricsB, "sctp_packets_dropped", "invalid"));
  }

  @Test
  void simultaneousInitCollisionEstablishes() {
    Link l = new Link(2);
    l.a.connect();
    l.b.connect();
    assertTrue(
        l.runUntil(
            () -> l.a.state() == SctpState.ESTABLISHED && l.b.state() == SctpState.ESTABLISHED,
            30_000));
    DataChannel ch = l.a.openChannel("x");
    l.runFor(100);
    assertEquals(SendResult.OK, ch.sendText("after collision"));
    assertTrue(l.runUntil(() -> l.rb.messageCount == 1, 5_000));
  }

  @Test
  void dcepOpenAckBothDirectionsWithParity() {
    Link l = new Link(3);
    assertTrue(l.handshake());
    DataChannel fromA = l.a.openChannel("comments", "upcast-v1", ChannelType.RELIABLE, 128, 0);
    DataChannel fromB = l.b.openChannel("hearts", "", ChannelType.RELIABLE_UNORDERED, 0, 0);
    assertTrue(l.runUntil(() -> l.rb.opened.size() == 2 && l.ra.opened.size() == 2, 5_000));
    assertEquals(0, fromA.id() % 2, "DTLS client picks even ids");
    assertEquals(1, fromB.id() % 2, "DTLS server picks odd ids");
    DataChannel remoteOnB = l.rb.openedWithLabel("comments");
    assertNotNull(remoteOnB);
    assertEquals("upcast-v1", remoteOnB.protocol());
    assertEquals(128, remoteOnB.priority());
    assertEquals(fromA.id(), remoteOnB.id());
    DataChannel remoteOnA = l.ra.openedWithLabel("hearts");
    assertNotNull(remoteOnA);
    assertEquals(ChannelType.RELIABLE_UNORDERED, remoteOnA.type());
    assertTrue(
        l.runUntil(() -> fromA.peerAcked && fromB.peerAcked, 1_000),
        "DATA_CHANNEL_ACK received on both sides");
    assertEquals(DataChannel.State.OPEN, fromA.state());
    assertEquals(DataChannel.State.OPEN, remoteOnA.state());
  }

  @Test
  void orderedMessagesInOrderAndUnorderedAllArrive() {
    Link l = new Link(4);
    assertTrue(l.handshake());
    DataChannel ordered = l.a.openChannel("o");
    DataChannel unordered = l.a.openChannel("u", "", ChannelType.RELIABLE_UNORDERED, 0, 0);
    l.runFor(100);
    List<Object> expected = new ArrayList<>();
    Set<String> expectedU = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertEquals(SendResult.OK, ordered.sendText("m" + i));
      expected.add("m" + i);
      assertEquals(SendResult.OK, unordered.sendText("u" + i));
      expectedU.add("u" + i);
    }
    assertTrue(l.runUntil(() -> l.rb.messageCount == 400, 10_000));
    assertEquals(expected, l.rb.on(ordered.id()));
    Set<Object> gotU = new HashSet<>(l.rb.on(unordered.id()));
    assertEquals(expectedU, gotU);
    assertTrue(
        l.runUntil(
            () -> ordered.bufferedAmount() == 0 && l.a.probe().sendBufferedBytes() == 0, 5_000));
  }

  @Test
  void largeMessagesAreFragmentedAndReassembled() {
    Link l = new Link(5);
    assertTrue(l.handshake());
    DataChannel ch = l.a.openChannel("big");
    DataChannel u = l.a.openChannel("bigu", "", ChannelType.RELIABLE_UNORDERED, 0, 0);
    l.runFor(100);
    Random r = new Random(5);
    byte[] k16 = new byte[16 * 1024];
    byte[] k64 = new byte[64 * 1024];
    byte[] k256 = new byte[256 * 1024];
    r.nextBytes(k16);
    r.nextBytes(k64);
    r.nextBytes(k256);
    assertEquals(SendResult.OK, ch.sendBinary(k16));
    assertEquals(SendResult.OK, ch.sendBinary(k64));
    assertEquals(SendResult.OK, u.sendBinary(k64));
    assertEquals(SendResult.OK, ch.sendBinary(k256));
    assertTrue(l.runUntil(() -> l.rb.messageCount == 4, 30_000));
    List<Object> got = l.rb.on(ch.id());
    assertArrayEquals(k16, (byte[]) got.get(0));
    assertArrayEquals(k64, (byte[]) got.get(1));
    assertArrayEquals(k256, (byte[]) got.get(2));
    assertArrayEquals(k64, (byte[]) l.rb.on(u.id()).get(0));
    assertEquals(0, l.b.probe().reassemblyBytes());
  }

  @Test
  void emptyMessagesUseEmptyPpids() {
    Link l = new Link(6);
    assertTrue(l.handshake());
    DataChannel ch = l.a.openChannel("e");
    l.runFor(100);
    ch.sendText("");
    ch.sendBinary(new byte[0]);
    assertTrue(l.runUntil(() -> l.rb.messageCount == 2, 5_000));
    assertEquals("", l.rb.on(ch.id()).get(0));
    assertEquals(0, ((byte[]) l.rb.on(ch.id()).get(1)).length);
  }

  @Test
  void channelCloseResetsStreamsOnBothSides() {
    Link l = new Link(7);
    assertTrue(l.handshake());
    DataChannel a1 = l.a.openChannel("one");
    DataChannel a2 = l.a.openChannel("two");
    assertTrue(l.runUntil(() -> l.rb.opened.size() == 2, 5_000));
    a1.sendText("last words");
    a1.close();
    assertEquals(SendResult.CLOSED, a1.sendText("too late"));
    assertTrue(l.runUntil(() -> l.ra.closed.size() == 1 && l.rb.closed.size() == 1, 10_000));
    assertEquals(List.of("last words"), l.rb.on(a1.id()));
    assertEquals(DataChannel.State.CLOSED, a1.state());
    assertEquals(DataChannel.State.CLOSED, l.rb.closed.get(0).state());
    assertEquals(0, l.a.probe().pendingResetCount());
    assertEquals(0, l.b.probe().pendingResetCount());
    // The other channel still works, and the id can be used again with fresh sequence numbers.
    a2.sendText("still here");
    DataChannel again = l.a.openChannel("three");
    assertEquals(a1.id(), again.id());
    assertTrue(l.runUntil(() -> l.rb.opened.size() == 3, 5_000));
    again.sendText("reborn");
    assertTrue(l.runUntil(() -> l.rb.messageCount == 3, 5_000));
    assertEquals(List.of("last words", "reborn"), l.rb.on(a1.id()));
    // Closing from the other side works too.
    requireNonNull(l.rb.openedWithLabel("two")).close();
    assertTrue(l.runUntil(() -> l.ra.closed.size() == 2, 10_000));
    assertEquals(DataChannel.State.CLOSED, a2.state());
  }

  @Test
  void gracefulShutdownDeliversQueuedDataFirst() {
    Link l = new Link(8);
    assertTrue(l.handshake());
    DataChannel ch = l.a.openChannel("s");
    l.runFor(100);
    for (int i = 0; i < 50; i++) {
      ch.sendBinary(new byte[3000]);
    }
    l.a.close();
    assertEquals(SendResult.CLOSED, ch.sendText("x"));
    assertTrue(l.runUntil(() -> l.ra.closedReason != null && l.rb.closedReason != null, 30_000));
    assertEquals(50, l.rb.messageCount);
    assertEquals("shutdown", l.ra.closedReason);
    assertEquals("shutdown", l.rb.closedReason);
    assertEquals(SctpState.CLOSED, l.a.state());
    assertEquals(SctpState.CLOSED, l.b.state());
    assertEquals(1, l.ra.closed.size());
    assertEquals(1, l.rb.closed.size());
    l.runFor(120_000);
    assertEquals(0, l.timers.pending(), "no timer survives the association");
  }

  @Test
  void abortClosesPeerImmediately() {
    Link l = new Link(9);
    assertTrue(l.handshake());
    l.a.openChannel("c");
    assertTrue(l.runUntil(() -> l.rb.opened.size() == 1, 5_000));
    l.a.abort();
    assertEquals(SctpState.CLOSED, l.a.state());
    assertTrue(l.runUntil(() -> l.rb.closedReason != null, 1_000));
    assertEquals("aborted by peer", l.rb.closedReason);
    assertEquals(1, l.rb.closed.size());
    assertEquals(SctpState.CLOSED, l.b.state());
  }

  @Test
  void channelsOpenedBeforeHandshakeOpenAfterIt() {
    Link l = new Link(10);
    DataChannel early = l.a.openChannel("early");
    assertEquals(DataChannel.State.CONNECTING, early.state());
    early.sendText("queued before handshake");
    assertTrue(l.handshake());
    assertTrue(l.runUntil(() -> l.rb.messageCount == 1, 5_000));
    assertEquals(DataChannel.State.OPEN, early.state());
    assertEquals(List.of("queued before handshake"), l.rb.on(early.id()));
  }

  @Test
  void handshakeSurvivesLostInit() {
    Link l = new Link(11);
    l.loss = 1.0;
    l.a.connect();
    l.runFor(1_500);
    l.loss = 0;
    assertTrue(
        l.runUntil(
            () -> l.a.state() == SctpState.ESTABLISHED && l.b.state() == SctpState.ESTABLISHED,
            10_000));
  }

  @Test
  void rttEstimateFollowsLinkDelay() {
    Link l = new Link(12);
    assertTrue(l.handshake());
    DataChannel ch = l.a.openChannel("rtt");
    for (int i = 0; i < 40; i++) {
      ch.sendText("ping" + i);
      l.runFor(300);
    }
    // Each sample is the 20 ms round trip plus the peer's 200 ms delayed SACK (one packet each).
    long rto = l.a.probe().rtoMillis();
    assertTrue(rto >= SctpAssociation.RTO_MIN_MILLIS && rto < 400, "RTO " + rto);
  }
}
