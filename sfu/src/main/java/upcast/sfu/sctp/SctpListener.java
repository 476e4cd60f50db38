package upcast.sfu.sctp;

/** Association life cycle events, called on the association's thread. */
public interface SctpListener {
  default void onEstablished(SctpAssociation association) {}

  /**
   * The association ended: graceful SHUTDOWN, ABORT from either side, or a retransmission limit.
   */
  default void onClosed(SctpAssociation association, String reason) {}
}
