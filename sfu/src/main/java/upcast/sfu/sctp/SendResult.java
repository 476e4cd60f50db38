package upcast.sfu.sctp;

/** Outcome of sending a message on a {@link DataChannel}; nothing is queued unless {@link #OK}. */
public enum SendResult {
  /** Queued; it will be delivered reliably unless the association dies. */
  OK,
  /** The association's send buffer cap would be exceeded; retry after some is acknowledged. */
  BUFFER_FULL,
  /** Larger than the maximum message size (SDP {@code a=max-message-size}, RFC 8841). */
  TOO_LARGE,
  /** The channel or association is closing or closed. */
  CLOSED
}
