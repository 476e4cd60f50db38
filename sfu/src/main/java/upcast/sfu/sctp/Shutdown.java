package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Graceful close (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-9.2">RFC 9260 §9.2</a>):
 * once all our DATA is acknowledged, SHUTDOWN (or, if the peer asked first, SHUTDOWN ACK) is sent
 * and repeated on T2-shutdown until the peer completes the exchange or the error limit ends the
 * association. Both sides may shut down at once.
 */
final class Shutdown {
  private final AssociationContext ctx;
  private final PacketSender sender;
  private final Transmitter transmitter;
  private final RtoEstimator rto;

  private SctpTimers.@Nullable Cancellable t2Timer;

  Shutdown(AssociationContext ctx, PacketSender sender, Transmitter transmitter, RtoEstimator rto) {
    this.ctx = ctx;
    this.sender = sender;
    this.transmitter = transmitter;
    this.rto = rto;
  }

  /** The four states of §9.2, in which neither new user data nor new channels are accepted. */
  static boolean isShuttingDown(SctpState state) {
    return state == SctpState.SHUTDOWN_PENDING
        || state == SctpState.SHUTDOWN_SENT
        || state == SctpState.SHUTDOWN_RECEIVED
        || state == SctpState.SHUTDOWN_ACK_SENT;
  }

  /** The user closed an established association: SHUTDOWN goes once all DATA is acknowledged. */
  void begin() {
    ctx.setState(SctpState.SHUTDOWN_PENDING);
    progress();
  }

  /** To be called after every acknowledgement: the pending SHUTDOWN or SHUTDOWN ACK may go now. */
  void progress() {
    if (!transmitter.allAcked()) {
      return;
    }
    if (ctx.state() == SctpState.SHUTDOWN_PENDING) {
      ctx.setState(SctpState.SHUTDOWN_SENT);
      ctx.clearErrors();
      sendShutdownChunk();
    } else if (ctx.state() == SctpState.SHUTDOWN_RECEIVED) {
      ctx.setState(SctpState.SHUTDOWN_ACK_SENT);
      ctx.clearErrors();
      sendShutdownChunk();
    }
  }

  /** §9.2: in SHUTDOWN-SENT, every packet with DATA is answered with a SHUTDOWN as well. */
  void afterData() {
    if (ctx.state() == SctpState.SHUTDOWN_SENT) {
      sender.addControl(ControlChunk.shutdown(requireNonNull(ctx.tracker()).cumulativeTsn()));
    }
  }

  private void sendShutdownChunk() {
    stop();
    if (ctx.state() == SctpState.SHUTDOWN_SENT) {
      sender.addControl(ControlChunk.shutdown(requireNonNull(ctx.tracker()).cumulativeTsn()));
    } else {
      sender.addControl(ControlChunk.empty(ChunkType.SHUTDOWN_ACK));
    }
    t2Timer = ctx.startTimer(this::onT2Expired, rto.rtoMillis());
  }

  void stop() {
    AssociationContext.cancel(t2Timer);
  }

  private void onT2Expired() {
    t2Timer = null;
    if (ctx.state() != SctpState.SHUTDOWN_SENT && ctx.state() != SctpState.SHUTDOWN_ACK_SENT) {
      return;
    }
    if (ctx.countError("shutdown timed out", "shutdown timed out")) {
      return;
    }
    rto.backOff();
    sendShutdownChunk();
  }

  /** The peer's SHUTDOWN: its cumulative ack counts, and we answer once our DATA is acked. */
  void onShutdown(Chunk c) {
    if (c.valueLen() < 4 || ctx.tracker() == null) {
      ctx.countDropped();
      return;
    }
    int cumulativeTsn = Bytes.i32(c.buf(), c.valueOff());
    switch (ctx.state()) {
      case ESTABLISHED, SHUTDOWN_PENDING -> {
        ctx.setState(SctpState.SHUTDOWN_RECEIVED);
        ackAndProgress(cumulativeTsn);
      }
      case SHUTDOWN_RECEIVED -> ackAndProgress(cumulativeTsn);
      case SHUTDOWN_SENT -> {
        // Both sides shut down at once: answer with SHUTDOWN ACK.
        ctx.setState(SctpState.SHUTDOWN_ACK_SENT);
        sendShutdownChunk();
      }
      default -> {}
    }
  }

  private void ackAndProgress(int cumulativeTsn) {
    if (transmitter.onCumulativeAck(cumulativeTsn)) {
      progress();
    }
  }

  /** The peer's SHUTDOWN ACK: SHUTDOWN COMPLETE, and the association is closed. */
  void onShutdownAck() {
    if (ctx.state() == SctpState.SHUTDOWN_SENT || ctx.state() == SctpState.SHUTDOWN_ACK_SENT) {
      sender.sendSingle(ctx.peerTag(), ControlChunk.empty(ChunkType.SHUTDOWN_COMPLETE));
      ctx.terminate("shutdown");
    }
  }
}
