package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Peers that try to make us hold too much. */
class AbuseTest {
  @Test
  void excessChannelOpensAreRejectedAndCounted() {
    StateCookieSigner s = new StateCookieSigner();
    SctpConfig attacker = SctpConfig.defaults(true, s).withMaxChannels(2000);
    SctpConfig victim = SctpConfig.defaults(false, new StateCookieSigner()).withMaxChannels(64);
    Link l = new Link(21, attacker, victim);
    assertTrue(l.handshake());
    List<DataChannel> opened = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      opened.add(l.a.openChannel("c" + i));
    }
    assertTrue(
        l.runUntil(() -> l.rb.opened.size() == 64 && l.ra.closed.size() == 936, 120_000),
        "victim kept 64, attacker saw " + l.ra.closed.size() + " closed");
    assertEquals(936, l.counter(l.metricsB, "sctp_channel_opens_rejected", "limit"));
    assertEquals(64, l.b.channels().size());
    assertTrue(l.b.probe().streamStates() <= 64 * 2 + 16);
    assertTrue(l.runUntil(() -> l.b.probe().pendingResetCount() == 0, 60_000));
    // The accepted channels still work in both directions.
    for (DataChannel c : opened) {
      if (c.state() == DataChannel.State.OPEN) {
        assertEquals(SendResult.OK, c.sendText("still alive " + c.id()));
      }
    }
    DataChannel victimSide = l.rb.opened.get(10);
    victimSide.sendText("reply");
    assertTrue(l.runUntil(() -> l.rb.messageCount == 64 && l.ra.messageCount == 1, 30_000));
  }

  @Test
  void peerThatNeverAcksCannotGrowOurSendBuffer() {
    Link l = new Link(22);
    assertTrue(l.handshake());
    DataChannel ch = l.a.openChannel("flood");
    l.runFor(200);
    l.bToAOpen = false; // B's SACKs never come back
    int ok = 0;
    int full = 0;
    for (int i = 0; i < 2_000; i++) {
      SendResult res = ch.sendBinary(new byte[4096]);
      if (res == SendResult.OK) {
        ok++;
      } else {
        assertEquals(SendResult.BUFFER_FULL, res);
        full++;
      }
      if (i % 100 == 0) {
        l.runFor(100);
      }
      assertTrue(l.a.probe().sendBufferedBytes() <= 1 << 20);
    }
    assertTrue(ok <= (1 << 20) / 4096 + 1, "accepted " + ok);
    assertTrue(full > 0);
    assertTrue(ch.bufferedAmount() <= 1 << 20);
    // With no acknowledgement at all the association gives up after Association.Max.Retrans.
    assertTrue(l.runUntil(() -> l.ra.closedReason != null, 600_000));
    assertTrue(requireNonNull(l.ra.closedReason).contains("retransmission"), l.ra.closedReason);
    assertEquals(0, l.a.probe().sendBufferedBytes());
    assertEquals(DataChannel.State.CLOSED, ch.state());
  }

  @Test
  void oversizedMessagesRejected() {
    Link l = new Link(23);
    assertTrue(l.handshake());
    DataChannel ch = l.a.openChannel("big");
    assertEquals(SendResult.TOO_LARGE, ch.sendBinary(new byte[256 * 1024 + 1]));
    assertEquals(SendResult.OK, ch.sendBinary(new byte[256 * 1024]));
  }

  @Test
  void inboundMessageAboveOurLimitClosesTheChannelOnly() {
    StateCookieSigner s = new StateCookieSigner();
    SctpConfig sender = SctpConfig.defaults(true, s);
    SctpConfig receiver =
        SctpConfig.defaults(false, new StateCookieSigner()).withMaxMessageSize(16 * 1024);
    Link l = new Link(24, sender, receiver);
    assertTrue(l.handshake());
    DataChannel big = l.a.openChannel("big");
    DataChannel small = l.a.openChannel("small");
    assertTrue(l.runUntil(() -> l.rb.opened.size() == 2, 5_000));
    assertEquals(SendResult.OK, big.sendBinary(new byte[100 * 1024]));
    assertTrue(l.runUntil(() -> big.state() == DataChannel.State.CLOSED, 30_000));
    assertEquals(0, l.rb.on(big.id()).size());
    assertTrue(l.counter(l.metricsB, "sctp_messages_dropped", "undeliverable") > 0);
    small.sendText("fine");
    assertTrue(l.runUntil(() -> l.rb.messageCount == 1, 5_000));
    assertEquals(0, l.b.probe().reassemblyBytes());
  }
}
