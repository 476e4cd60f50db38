package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.LongAdder;

/**
 * The receiving half of data transfer (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.2">RFC 9260 §6.2</a>): checks each DATA
 * chunk's TSN and stream, hands it to the {@link Reassembler}, and says when the SACK is due. Data
 * on a stream the peer may not use is acked and dropped (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.5">§6.5</a>); data that belongs to a
 * stream's life after a deferred reset is left unacked (<a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-5.2.2">RFC 6525 §5.2.2</a>).
 */
final class DataReceiver {
  private final AssociationContext ctx;
  private final PacketSender sender;
  private final Reassembler reassembler;
  private final Channels channels;
  private final StreamResets resets;
  private final DelayedSack sack;
  private final Shutdown shutdown;
  private final LongAdder messagesDropped;

  private int inboundStreams = SctpAssociation.MAX_STREAMS;

  DataReceiver(
      AssociationContext ctx,
      PacketSender sender,
      Reassembler reassembler,
      Channels channels,
      StreamResets resets,
      DelayedSack sack,
      Shutdown shutdown,
      LongAdder messagesDropped) {
    this.ctx = ctx;
    this.sender = sender;
    this.reassembler = reassembler;
    this.channels = channels;
    this.resets = resets;
    this.sack = sack;
    this.shutdown = shutdown;
    this.messagesDropped = messagesDropped;
  }

  /** How many streams the peer may send on (the lower of its OS and our MIS, §5.1.1). */
  void setInboundStreams(int inboundStreams) {
    this.inboundStreams = inboundStreams;
  }

  /** Handles one DATA chunk; returns whether the SACK must go out at once. */
  boolean onData(Chunk c) {
    SctpState state = ctx.state();
    if (state != SctpState.ESTABLISHED
        && state != SctpState.SHUTDOWN_PENDING
        && state != SctpState.SHUTDOWN_SENT) {
      return false;
    }
    DataChunk d = DataChunk.parse(c);
    if (d == null) {
      ctx.countDropped();
      return false;
    }
    if (d.dataLen() == 0) {
      // §6.2: a DATA chunk without user data is a protocol error ending the association.
      ctx.abort(ErrorCause.NO_USER_DATA, null, "peer sent DATA without user data");
      return false;
    }
    ReceivedTsnTracker tracker = requireNonNull(ctx.tracker()); // DATA only after the handshake
    switch (tracker.check(d.tsn())) {
      case DUPLICATE -> {
        return true; // §6.2: duplicates are reported without delay
      }
      case OUT_OF_WINDOW -> {
        messagesDropped.increment();
        return true;
      }
      default -> {}
    }
    int stream = d.streamId();
    if (stream >= inboundStreams) {
      // §6.5: ack the TSN, drop the data, tell the peer.
      byte[] info = new byte[4];
      Bytes.put16(info, 0, stream);
      byte[] cause = ControlChunk.cause(ErrorCause.INVALID_STREAM_IDENTIFIER, info, 4);
      sender.addControl(ControlChunk.build(ChunkType.ERROR, 0, cause, cause.length));
      tracker.mark(d.tsn());
      messagesDropped.increment();
      return false;
    }
    if (channels.isRefused(stream)) {
      tracker.mark(d.tsn());
      messagesDropped.increment();
      return false;
    }
    if (resets.holds(stream, d.tsn())) {
      return true; // RFC 6525 §5.2.2: new-epoch data waits until the reset is performed
    }
    long unwrapped = tracker.unwrap(d.tsn());
    Reassembler.Result r = reassembler.add(d, unwrapped, channels);
    if (r == Reassembler.Result.NO_ROOM) {
      messagesDropped.increment();
      return true;
    }
    if (r == Reassembler.Result.DISCARDED) {
      messagesDropped.increment();
    }
    tracker.mark(d.tsn());
    return (d.flags() & DataChunk.FLAG_IMMEDIATE) != 0;
  }

  /** After a packet with DATA: schedule the SACK, perform resets now due, repeat a SHUTDOWN. */
  void afterPacket(boolean immediateSack) {
    sack.onDataPacket(immediateSack);
    resets.processDeferred();
    shutdown.afterData();
  }
}
