package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * When our SACK goes out (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-6.2">RFC 9260
 * §6.2</a>): after every second packet with DATA, at once on gaps (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.7">§6.7</a>), duplicates or the I bit (<a
 * href="https://www.rfc-editor.org/rfc/rfc7053">RFC 7053</a>), else within 200 ms, and earlier
 * whenever it can ride along with other chunks. Delaying halves the SACKs a bulk sender causes; the
 * {@link Transmitter} asks this class whether the packet it builds should carry one.
 */
final class DelayedSack {
  static final long DELAY_MILLIS = 200;

  private final AssociationContext ctx;
  private final Reassembler reassembler;
  private final int receiveBufferBytes;

  private boolean sackNow;
  private boolean sackPending;
  private int dataPacketsSinceSack;
  private SctpTimers.@Nullable Cancellable sackTimer;

  DelayedSack(AssociationContext ctx, Reassembler reassembler, int receiveBufferBytes) {
    this.ctx = ctx;
    this.reassembler = reassembler;
    this.receiveBufferBytes = receiveBufferBytes;
  }

  /** A packet with DATA was processed; {@code immediate} if one of its chunks asked for it. */
  void onDataPacket(boolean immediate) {
    ReceivedTsnTracker tracker = requireNonNull(ctx.tracker());
    dataPacketsSinceSack++;
    if (immediate
        || tracker.hasGaps()
        || tracker.duplicateCount() > 0
        || dataPacketsSinceSack >= 2
        || ctx.state() != SctpState.ESTABLISHED) {
      sackNow = true;
    } else {
      sackPending = true;
      if (sackTimer == null) {
        sackTimer =
            ctx.startTimer(
                () -> {
                  sackTimer = null;
                  if (sackPending) {
                    sackNow = true;
                  }
                },
                DELAY_MILLIS);
      }
    }
  }

  /** Whether a SACK belongs in the packet being built; {@code bundling} if it carries more. */
  boolean due(boolean bundling) {
    return sackNow || (sackPending && bundling);
  }

  /** Writes the SACK (§3.3.4) and starts counting afresh. */
  void write(PacketWriter writer) {
    requireNonNull(ctx.tracker()).writeSack(writer, advertisedWindow());
    sackNow = false;
    sackPending = false;
    dataPacketsSinceSack = 0;
    stop();
  }

  void stop() {
    AssociationContext.cancel(sackTimer);
    sackTimer = null;
  }

  /** a_rwnd (§6.2): our receive buffer less what waits in reassembly. */
  private long advertisedWindow() {
    return Math.max(0, receiveBufferBytes - reassembler.bufferedBytes());
  }
}
