package upcast.sfu.sctp;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The sending half of data transfer (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-6">RFC
 * 9260 §6</a>): fragments messages into DATA chunks (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.9">§6.9</a>), applies the peer's SACKs,
 * runs T3-rtx (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3">§6.3</a>), and bundles
 * SACK, control chunks, retransmissions and new DATA into as few packets as fit (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.10">§6.10</a>). Which chunk may go when
 * (cwnd, peer window, fast retransmit) is the {@link SendQueue}'s business.
 */
final class Transmitter {
  private final AssociationContext ctx;
  private final PacketSender sender;
  private final SendQueue queue;
  private final RtoEstimator rto;
  private final DelayedSack sack;
  private final LongAdder retransmissions;
  private final int maxFragment;

  private SctpTimers.@Nullable Cancellable t3Timer;

  Transmitter(
      SctpConfig config,
      AssociationContext ctx,
      PacketSender sender,
      SendQueue queue,
      RtoEstimator rto,
      DelayedSack sack,
      LongAdder retransmissions) {
    this.ctx = ctx;
    this.sender = sender;
    this.queue = queue;
    this.rto = rto;
    this.sack = sack;
    this.retransmissions = retransmissions;
    this.maxFragment = config.mtu() - SctpPacket.HEADER_LENGTH - DataChunk.HEADER_LENGTH;
  }

  /** Fragments a message into DATA chunks (§6.9) and queues them; control messages skip the cap. */
  SendResult enqueue(DataChannel ch, int ppid, byte[] payload, boolean unordered, boolean force) {
    int fragments = Math.max(1, (payload.length + maxFragment - 1) / maxFragment);
    if (!force && !queue.canAccept(payload.length, fragments)) {
      return SendResult.BUFFER_FULL;
    }
    int ssn = 0;
    if (!unordered) {
      ssn = ch.nextSsn;
      ch.nextSsn = (ch.nextSsn + 1) & 0xFFFF;
    }
    for (int i = 0; i < fragments; i++) {
      int from = i * maxFragment;
      int to = Math.min(payload.length, from + maxFragment);
      byte[] part = fragments == 1 ? payload : Arrays.copyOfRange(payload, from, to);
      int flags =
          (unordered ? DataChunk.FLAG_UNORDERED : 0)
              | (i == 0 ? DataChunk.FLAG_BEGIN : 0)
              | (i == fragments - 1 ? DataChunk.FLAG_END : 0);
      queue.add(ch.id(), ssn, ppid, flags, part, ch);
    }
    ch.onQueued(payload.length);
    return SendResult.OK;
  }

  /**
   * Applies a SACK chunk (§6.2.1).
   *
   * @return whether it acknowledged anything (a shutdown in progress may then proceed)
   */
  boolean onSack(Chunk c) {
    SackChunk sack = SackChunk.parse(c);
    if (sack == null) {
      ctx.countDropped();
      return false;
    }
    if (ctx.state() == SctpState.COOKIE_WAIT || ctx.state() == SctpState.COOKIE_ECHOED) {
      return false;
    }
    return applyAck(sack);
  }

  /**
   * §9.2: the Cumulative TSN Ack of a SHUTDOWN acknowledges like a SACK without gaps that leaves
   * the peer's window as it was.
   */
  boolean onCumulativeAck(int cumulativeTsn) {
    return applyAck(
        new SackChunk(
            cumulativeTsn,
            queue.peerWindow() + queue.flightBytes(),
            new int[0],
            new int[0],
            new int[0]));
  }

  private boolean applyAck(SackChunk sack) {
    SendQueue.SackOutcome out = queue.onSack(sack, ctx.nowMillis());
    if (!out.valid()) {
      return false;
    }
    if (out.rttSampleMillis() >= 0) {
      rto.sample(out.rttSampleMillis());
    }
    if (out.cumulativeAdvanced()) {
      ctx.clearErrors();
      stopT3(); // §6.3.2 R3: restarted below if data is still outstanding
    }
    if (!queue.hasOutstanding()) {
      stopT3();
    } else if (t3Timer == null) {
      startT3();
    }
    return true;
  }

  /** Whether every DATA chunk we queued has been acknowledged. */
  boolean allAcked() {
    return queue.allAcked();
  }

  private void startT3() {
    t3Timer = ctx.startTimer(this::onT3Expired, rto.rtoMillis());
  }

  void stopT3() {
    AssociationContext.cancel(t3Timer);
    t3Timer = null;
  }

  /** §6.3.3: back off, collapse cwnd, and resend what is outstanding. */
  private void onT3Expired() {
    t3Timer = null;
    if (ctx.terminated() || !queue.hasOutstanding()) {
      return;
    }
    if (ctx.countError("retransmission limit", "peer unreachable (retransmission limit)")) {
      return;
    }
    rto.backOff();
    queue.onRetransmissionTimeout();
  }

  /**
   * Bundles SACK, control chunks, retransmissions and new DATA into as few packets as fit (§6.10).
   */
  void flush() {
    SctpState state = ctx.state();
    if (ctx.terminated() || ctx.tracker() == null || state == SctpState.COOKIE_WAIT) {
      return;
    }
    boolean dataAllowed =
        state == SctpState.ESTABLISHED
            || state == SctpState.SHUTDOWN_PENDING
            || state == SctpState.SHUTDOWN_RECEIVED;
    long now = ctx.nowMillis();
    int peerTag = ctx.peerTag();
    PacketWriter writer = sender.begin(peerTag);
    boolean willSendData =
        dataAllowed
            && (queue.retransmitCount() > 0
                || (queue.hasUnsent() && queue.mayTransmit(queue.get(queue.sentCount()), false)));
    if (sack.due(willSendData || sender.hasControl())) {
      sack.write(writer);
    }
    byte[] cc;
    while ((cc = sender.pollControl()) != null) {
      if (cc.length > writer.remaining()) {
        sender.emit();
        sender.begin(peerTag);
      }
      if (cc.length <= writer.remaining()) {
        writer.bytes(cc, 0, cc.length);
      }
    }
    boolean sentData = false;
    if (dataAllowed) {
      boolean fast = queue.fastRetransmitPending();
      for (int i = 0; i < queue.sentCount() && queue.retransmitCount() > 0; i++) {
        OutboundChunk c = queue.get(i);
        if (!c.retransmit) {
          continue;
        }
        if (!queue.mayTransmit(c, true)) {
          break;
        }
        writeData(writer, c, peerTag);
        queue.onTransmitted(c, now);
        retransmissions.increment();
        sentData = true;
      }
      if (fast) {
        queue.fastRetransmitPacketSent();
      }
      while (queue.hasUnsent()) {
        OutboundChunk c = queue.get(queue.sentCount());
        if (!queue.mayTransmit(c, false)) {
          break;
        }
        writeData(writer, c, peerTag);
        queue.onTransmitted(c, now);
        sentData = true;
      }
    }
    if (!writer.isEmpty()) {
      sender.emit();
    }
    if (sentData && t3Timer == null) {
      startT3();
    }
  }

  private void writeData(PacketWriter writer, OutboundChunk c, int peerTag) {
    if (!writer.fits(c.size())) {
      sender.emit();
      sender.begin(peerTag);
    }
    DataChunk.write(writer, c.flags, (int) c.tsn, c.stream, c.ssn, c.ppid, c.data);
  }
}
