package upcast.sfu.sctp;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * Path heartbeats (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-8.3">RFC 9260 §8.3</a>):
 * while established, a HEARTBEAT every 30 s + RTO finds a peer that went away silently and gives an
 * RTT sample when no data flows; the peer's HEARTBEATs are echoed back. Unanswered heartbeats count
 * towards the association error limit (§8.1).
 *
 * <p>Our Heartbeat Info carries a random nonce, so an ACK that does not answer the outstanding
 * HEARTBEAT is ignored, and the send time, so the ACK gives the RTT.
 */
final class Heartbeat {
  static final long INTERVAL_MILLIS = 30_000;
  private static final int HEARTBEAT_INFO = 1;

  private final AssociationContext ctx;
  private final PacketSender sender;
  private final RtoEstimator rto;
  private final SecureRandom random;
  private final int mtu;

  private SctpTimers.@Nullable Cancellable timer;
  private long nonce;
  private boolean outstanding;

  Heartbeat(
      AssociationContext ctx, PacketSender sender, RtoEstimator rto, SecureRandom random, int mtu) {
    this.ctx = ctx;
    this.sender = sender;
    this.rto = rto;
    this.random = random;
    this.mtu = mtu;
  }

  /** (Re)starts the interval timer. */
  void schedule() {
    stop();
    timer = ctx.startTimer(this::onTimer, INTERVAL_MILLIS + rto.rtoMillis());
  }

  void stop() {
    AssociationContext.cancel(timer);
  }

  private void onTimer() {
    timer = null;
    if (ctx.terminated()) {
      return;
    }
    if (outstanding && ctx.countError("heartbeat limit", "peer unreachable (heartbeat)")) {
      return;
    }
    nonce = random.nextLong();
    outstanding = true;
    byte[] v = new byte[20];
    Bytes.put16(v, 0, HEARTBEAT_INFO);
    Bytes.put16(v, 2, 20);
    Bytes.put64(v, 4, nonce);
    Bytes.put64(v, 12, ctx.nowMillis());
    sender.addControl(ControlChunk.build(ChunkType.HEARTBEAT, 0, v, v.length));
    schedule();
  }

  /** §8.3: echo the peer's Heartbeat Info unchanged, if it fits in a packet. */
  void onHeartbeat(Chunk c) {
    if (c.valueLen() <= mtu - 32) {
      byte[] v = new byte[c.valueLen()];
      System.arraycopy(c.buf(), c.valueOff(), v, 0, v.length);
      sender.addControl(ControlChunk.build(ChunkType.HEARTBEAT_ACK, 0, v, v.length));
    }
  }

  /** §8.3: the answer to our outstanding HEARTBEAT clears the error count and samples the RTT. */
  void onHeartbeatAck(Chunk c) {
    if (c.valueLen() < 20 || Bytes.u16(c.buf(), c.valueOff()) != HEARTBEAT_INFO) {
      return;
    }
    if (!outstanding || Bytes.i64(c.buf(), c.valueOff() + 4) != nonce) {
      return;
    }
    outstanding = false;
    ctx.clearErrors();
    rto.sample(ctx.nowMillis() - Bytes.i64(c.buf(), c.valueOff() + 12));
  }
}
