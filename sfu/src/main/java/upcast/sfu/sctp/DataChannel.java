package upcast.sfu.sctp;

import java.nio.charset.StandardCharsets;

/**
 * One WebRTC data channel: an SCTP stream pair with the same id, opened with DCEP (RFC 8832) and
 * closed by resetting both directions (RFC 8831 §6.7). Like its association, not thread-safe: call
 * it on the association's thread.
 */
public final class DataChannel {
  /** Life cycle, mirroring the W3C RTCDataChannel states. */
  public enum State {
    CONNECTING,
    OPEN,
    CLOSING,
    CLOSED
  }

  private final SctpAssociation association;
  private final int id;
  private final String label;
  private final String protocol;
  private final ChannelType type;
  private final int priority;
  private final long reliability;
  private final boolean locallyOpened;
  State state = State.CONNECTING;
  int nextSsn;

  /** RFC 8832 §6: the opener sends ordered until the DATA_CHANNEL_ACK arrives. */
  boolean peerAcked;

  boolean localResetDone;
  boolean remoteResetDone;
  private long buffered;

  DataChannel(
      SctpAssociation association,
      int id,
      String label,
      String protocol,
      ChannelType type,
      int priority,
      long reliability,
      boolean locallyOpened) {
    this.association = association;
    this.id = id;
    this.label = label;
    this.protocol = protocol;
    this.type = type;
    this.priority = priority;
    this.reliability = reliability;
    this.locallyOpened = locallyOpened;
    this.peerAcked = !locallyOpened;
  }

  public int id() {
    return id;
  }

  public String label() {
    return label;
  }

  public String protocol() {
    return protocol;
  }

  public ChannelType type() {
    return type;
  }

  public int priority() {
    return priority;
  }

  /** Max retransmissions or lifetime in ms for the partially reliable types (RFC 8832 §5.1). */
  public long reliabilityParameter() {
    return reliability;
  }

  public boolean locallyOpened() {
    return locallyOpened;
  }

  public State state() {
    return state;
  }

  /** Bytes of messages sent on this channel and not yet acknowledged by the peer. */
  public long bufferedAmount() {
    return buffered;
  }

  /** Sends a UTF-8 text message (PPID 51, or 56 when empty; RFC 8831 §6.6). */
  public SendResult sendText(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return b.length == 0
        ? association.send(this, Ppid.STRING_EMPTY, new byte[1])
        : association.send(this, Ppid.STRING, b);
  }

  /** Sends a binary message (PPID 53, or 57 when empty); the array is copied. */
  public SendResult sendBinary(byte[] data) {
    return data.length == 0
        ? association.send(this, Ppid.BINARY_EMPTY, new byte[1])
        : association.send(this, Ppid.BINARY, data.clone());
  }

  /** Starts closing: resets our outgoing stream; the channel is closed once the peer's is too. */
  public void close() {
    association.closeChannel(this);
  }

  boolean sendsUnordered() {
    return !type.ordered() && peerAcked;
  }

  void onQueued(int bytes) {
    buffered += bytes;
  }

  void onAcked(int bytes) {
    buffered = Math.max(0, buffered - bytes);
  }

  @Override
  public String toString() {
    return "DataChannel[" + id + " '" + label + "' " + state + "]";
  }
}
