package upcast.sfu.sctp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The association's data channels (<a href="https://www.rfc-editor.org/rfc/rfc8831#section-6">RFC
 * 8831 §6</a>): opened with DCEP (<a href="https://www.rfc-editor.org/rfc/rfc8832#section-6">RFC
 * 8832 §6</a>), fed whole messages by PPID (<a
 * href="https://www.rfc-editor.org/rfc/rfc8831#section-6.6">RFC 8831 §6.6</a>), and closed by
 * resetting both directions of their stream (<a
 * href="https://www.rfc-editor.org/rfc/rfc8831#section-6.7">RFC 8831 §6.7</a>, through {@link
 * StreamResets}).
 *
 * <p>A stream the peer may not use (over the channel cap, or a message too large) is refused: its
 * DATA is acked and dropped until the peer resets it.
 */
final class Channels implements Reassembler.Sink, StreamResets.Listener {
  private final SctpAssociation owner;
  private final SctpConfig config;
  private final AssociationContext ctx;
  private final DataChannelListener listener;
  private final Transmitter transmitter;
  private final StreamResets resets;
  private final Reassembler reassembler;
  private final LongAdder openRejected;
  private final LongAdder messagesDropped;
  private final Map<Integer, DataChannel> channels = new TreeMap<>();

  /** Streams whose DATA we ack and drop until the peer resets them (rejected or oversized). */
  private final BitSet refusedStreams = new BitSet();

  private int outboundStreams = SctpAssociation.MAX_STREAMS;
  private boolean peerSupportsReconfig;

  Channels(
      SctpAssociation owner,
      SctpConfig config,
      AssociationContext ctx,
      DataChannelListener listener,
      Transmitter transmitter,
      StreamResets resets,
      Reassembler reassembler,
      LongAdder openRejected,
      LongAdder messagesDropped) {
    this.owner = owner;
    this.config = config;
    this.ctx = ctx;
    this.listener = listener;
    this.transmitter = transmitter;
    this.resets = resets;
    this.reassembler = reassembler;
    this.openRejected = openRejected;
    this.messagesDropped = messagesDropped;
  }

  /**
   * What the handshake learned: how many streams the peer accepts, and whether it does RFC 6525.
   */
  void setPeer(int outboundStreams, boolean peerSupportsReconfig) {
    this.outboundStreams = outboundStreams;
    this.peerSupportsReconfig = peerSupportsReconfig;
  }

  @Nullable DataChannel get(int id) {
    return channels.get(id);
  }

  Collection<DataChannel> all() {
    return Collections.unmodifiableCollection(channels.values());
  }

  int size() {
    return channels.size();
  }

  boolean isRefused(int stream) {
    return refusedStreams.get(stream);
  }

  /**
   * Creates a channel we open, on the next free stream id of our parity (RFC 8832 §6).
   *
   * @throws IllegalStateException if the channel cap or stream ids are exhausted
   */
  DataChannel create(
      String label, String protocol, ChannelType type, int priority, long reliability) {
    if (channels.size() >= config.maxChannels()) {
      throw new IllegalStateException("channel limit " + config.maxChannels() + " reached");
    }
    int id = freeStreamId();
    if (id < 0) {
      throw new IllegalStateException("no free stream id");
    }
    DataChannel ch = new DataChannel(owner, id, label, protocol, type, priority, reliability, true);
    channels.put(id, ch);
    return ch;
  }

  /** Queues the DATA_CHANNEL_OPEN; the channel opens at once if the association is up. */
  void sendOpen(DataChannel ch) {
    byte[] open =
        Dcep.open(ch.type(), ch.priority(), ch.reliabilityParameter(), ch.label(), ch.protocol());
    transmitter.enqueue(ch, Ppid.DCEP, open, false, true);
    if (ctx.state() == SctpState.ESTABLISHED) {
      ch.state = DataChannel.State.OPEN;
      ctx.post(() -> listener.onOpen(ch));
    }
  }

  /** The association is up: channels opened before it turn OPEN. */
  void openPending() {
    for (DataChannel ch : channels.values()) {
      if (ch.state == DataChannel.State.CONNECTING) {
        ch.state = DataChannel.State.OPEN;
        ctx.post(() -> listener.onOpen(ch));
      }
    }
  }

  /** The association ended: every channel is closed and every stream's inbound state freed. */
  void closeAll() {
    for (DataChannel ch : new ArrayList<>(channels.values())) {
      reassembler.resetStream(ch.id());
      ch.state = DataChannel.State.CLOSED;
      ctx.post(() -> listener.onClose(ch));
    }
    channels.clear();
    for (int s = refusedStreams.nextSetBit(0); s >= 0; s = refusedStreams.nextSetBit(s + 1)) {
      reassembler.resetStream(s);
    }
  }

  @Override
  public void message(int stream, int ppid, byte[] data) {
    if (ppid == Ppid.DCEP) {
      onDcep(stream, data);
      return;
    }
    DataChannel ch = channels.get(stream);
    if (ch == null || ch.state == DataChannel.State.CLOSED) {
      messagesDropped.increment();
      return;
    }
    switch (ppid) {
      case Ppid.STRING -> {
        String text = new String(data, StandardCharsets.UTF_8);
        ctx.post(() -> listener.onText(ch, text));
      }
      case Ppid.STRING_EMPTY -> ctx.post(() -> listener.onText(ch, ""));
      case Ppid.BINARY -> ctx.post(() -> listener.onBinary(ch, data));
      case Ppid.BINARY_EMPTY -> ctx.post(() -> listener.onBinary(ch, new byte[0]));
      default -> messagesDropped.increment(); // deprecated partial PPIDs 52/54 and unknown ones
    }
  }

  @Override
  public void oversized(int stream) {
    messagesDropped.increment();
    refuse(stream);
    DataChannel ch = channels.get(stream);
    if (ch != null) {
      startClosing(ch);
    }
  }

  /** RFC 8832 §6: the peer opens a channel, or acknowledges ours. */
  private void onDcep(int stream, byte[] m) {
    if (m.length == 1 && (m[0] & 0xFF) == Dcep.DATA_CHANNEL_ACK) {
      DataChannel ch = channels.get(stream);
      if (ch != null && ch.locallyOpened()) {
        ch.peerAcked = true;
      }
      return;
    }
    Dcep.Open open = Dcep.parseOpen(m);
    if (open == null) {
      messagesDropped.increment();
      return;
    }
    if (channels.containsKey(stream)) {
      messagesDropped.increment(); // same id opened twice (glare): keep the first
      return;
    }
    if (channels.size() >= config.maxChannels()
        || stream >= outboundStreams
        || Shutdown.isShuttingDown(ctx.state())) {
      openRejected.increment();
      refuse(stream);
      return;
    }
    DataChannel ch =
        new DataChannel(
            owner,
            stream,
            open.label(),
            open.protocol(),
            open.type(),
            open.priority(),
            open.reliability(),
            false);
    ch.state = DataChannel.State.OPEN;
    channels.put(stream, ch);
    transmitter.enqueue(ch, Ppid.DCEP, Dcep.ack(), false, true);
    ctx.post(() -> listener.onOpen(ch));
  }

  /** Drops a stream's inbound state, acks-and-drops its data, and resets our side of it. */
  private void refuse(int stream) {
    refusedStreams.set(stream);
    reassembler.resetStream(stream);
    requestReset(stream);
  }

  /** The user closes a channel that is still this association's and not yet closing. */
  void close(DataChannel ch) {
    if (channels.get(ch.id()) == ch
        && (ch.state == DataChannel.State.OPEN || ch.state == DataChannel.State.CONNECTING)) {
      startClosing(ch);
    }
  }

  /** RFC 8831 §6.7: closing resets our outgoing stream; the peer answers by resetting its own. */
  private void startClosing(DataChannel ch) {
    if (ch.state == DataChannel.State.CLOSING || ch.state == DataChannel.State.CLOSED) {
      return;
    }
    ch.state = DataChannel.State.CLOSING;
    requestReset(ch.id());
  }

  /** Without RFC 6525 support at the peer, both directions count as reset at once. */
  private void requestReset(int stream) {
    if (!peerSupportsReconfig && ctx.tracker() != null) {
      outgoingResetDone(stream);
      DataChannel ch = channels.get(stream);
      if (ch != null) {
        ch.remoteResetDone = true;
        finishCloseIfDone(ch);
      }
      return;
    }
    resets.request(stream);
  }

  @Override
  public void outgoingResetDone(int stream) {
    DataChannel ch = channels.get(stream);
    if (ch != null && ch.state == DataChannel.State.CLOSING) {
      ch.localResetDone = true;
      ch.nextSsn = 0;
      finishCloseIfDone(ch);
    }
  }

  /** The peer reset its outgoing streams: our inbound side starts over, and we close ours too. */
  @Override
  public void incomingReset(int[] streams) {
    List<Integer> ids = new ArrayList<>();
    if (streams.length == 0) {
      ids.addAll(channels.keySet()); // an empty list means every stream
    } else {
      for (int s : streams) {
        ids.add(s);
      }
    }
    for (int s : ids) {
      reassembler.resetStream(s);
      refusedStreams.clear(s);
      DataChannel ch = channels.get(s);
      if (ch != null) {
        ch.remoteResetDone = true;
        if (ch.state != DataChannel.State.CLOSING) {
          ch.state = DataChannel.State.CLOSING;
          requestReset(s);
        }
        finishCloseIfDone(ch);
      }
    }
  }

  private void finishCloseIfDone(DataChannel ch) {
    if (ch.localResetDone && ch.remoteResetDone && ch.state != DataChannel.State.CLOSED) {
      ch.state = DataChannel.State.CLOSED;
      channels.remove(ch.id());
      reassembler.resetStream(ch.id());
      ctx.post(() -> listener.onClose(ch));
    }
  }

  /** Even ids for the DTLS client, odd for the server (RFC 8832 §6), none reused while in use. */
  private int freeStreamId() {
    int limit = Math.min(outboundStreams, SctpAssociation.MAX_STREAMS);
    for (int id = config.dtlsClient() ? 0 : 1; id < limit; id += 2) {
      if (!channels.containsKey(id)
          && !refusedStreams.get(id)
          && !resets.isPending(id)
          && !reassembler.hasStream(id)) {
        return id;
      }
    }
    return -1;
  }
}
