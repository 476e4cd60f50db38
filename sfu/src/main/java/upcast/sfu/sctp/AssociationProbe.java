package upcast.sfu.sctp;

/**
 * A read-only view into an association's buffers, for tests that check every one of them stays
 * within its cap whatever the peer sends. Not part of the protocol; nothing in production reads it.
 */
final class AssociationProbe {
  private final SendQueue queue;
  private final Reassembler reassembler;
  private final PacketSender sender;
  private final StreamResets resets;
  private final RtoEstimator rto;

  AssociationProbe(
      SendQueue queue,
      Reassembler reassembler,
      PacketSender sender,
      StreamResets resets,
      RtoEstimator rto) {
    this.queue = queue;
    this.reassembler = reassembler;
    this.sender = sender;
    this.resets = resets;
    this.rto = rto;
  }

  int sendBufferedBytes() {
    return queue.bufferedBytes();
  }

  int reassemblyBytes() {
    return reassembler.bufferedBytes();
  }

  int streamStates() {
    return reassembler.streamCount();
  }

  int controlQueued() {
    return sender.controlQueued();
  }

  int pendingResetCount() {
    return resets.pendingCount();
  }

  long rtoMillis() {
    return rto.rtoMillis();
  }
}
