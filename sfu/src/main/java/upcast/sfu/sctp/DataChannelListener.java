package upcast.sfu.sctp;

/** Data channel events, called on the association's thread. */
public interface DataChannelListener {
  /** A channel opened: one we opened once the association is up, or one the peer opened. */
  default void onOpen(DataChannel channel) {}

  default void onText(DataChannel channel, String text) {}

  default void onBinary(DataChannel channel, byte[] data) {}

  /** Closed by either side (stream reset) or because the association ended. */
  default void onClose(DataChannel channel) {}
}
