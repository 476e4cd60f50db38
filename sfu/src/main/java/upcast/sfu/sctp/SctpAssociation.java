package upcast.sfu.sctp;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.metrics.Metrics;

/**
 * One SCTP association carrying WebRTC data channels (<a
 * href="https://www.rfc-editor.org/rfc/rfc8831#section-6">RFC 8831 §6</a>) over an already secure
 * lower layer (DTLS, <a href="https://www.rfc-editor.org/rfc/rfc8261">RFC 8261</a>).
 *
 * <p><b>Threading.</b> Not thread-safe, by design: {@link #handlePacket}, API calls, and the tasks
 * given to {@link SctpTimers} must all run on one thread (the media loop). There is no thread per
 * association. Listener callbacks run on that thread after the packet or call that caused them, so
 * a listener may call back into the association.
 *
 * <p><b>Protocol subset</b> (RFC 9260 section numbers): handshake with HMAC-signed State Cookie
 * (§5.1, §5.1.3) in both roles and INIT collision (§5.2.1, §5.2.4 case D/B); verification tags
 * (§8.5, §8.5.1); DATA/SACK with gap blocks and duplicates (§3.3.1, §3.3.4, §6.2), delayed SACK
 * (§6.2: every second packet or 200 ms, immediately on gaps and duplicates); T3-rtx and RTO (§6.3);
 * fast retransmit (§7.2.4); cwnd, ssthresh and peer window (§6.1, §7.2); bundling up to the MTU
 * (§6.10); fragmentation (§6.9); HEARTBEAT (§8.3); graceful SHUTDOWN (§9.2); ABORT (§9.1); ERROR
 * (§3.3.10) reported and counted; unknown chunks by their high bits (§3.2). Stream reset via
 * Outgoing SSN Reset Request and Response (RFC 6525 §4.1, §4.4, §5.2.2). Not supported: PR-SCTP
 * (RFC 3758; FORWARD TSN is treated as an unknown chunk, so every message is reliable), I-DATA (RFC
 * 8260), multi-homing (meaningless over DTLS), association restart by a peer that lost its state
 * (§5.2.4 case A: the COOKIE ECHO is dropped, the ICE/DTLS layer replaces the whole association
 * instead).
 *
 * <p><b>Timers.</b> RTO initial 1 s, min 200 ms, max 10 s (RFC 9260's 60 s max is far too long for
 * a live chat; WebRTC stacks use similar caps), Association.Max.Retrans 10, Max.Init.Retransmits 8,
 * Valid.Cookie.Life 60 s, heartbeat every 30 s + RTO while idle.
 *
 * <p><b>Memory.</b> Send buffer, reassembly buffer, number of channels and stream states, TSN
 * window and control queue are all capped (see {@link SctpConfig}); bad input is dropped and
 * counted in {@code sctp_packets_dropped}, never thrown.
 */
public final class SctpAssociation {
  private static final Logger LOG = LoggerFactory.getLogger(SctpAssociation.class);

  static final long RTO_INITIAL_MILLIS = 1000;
  static final long RTO_MIN_MILLIS = 200;
  static final long RTO_MAX_MILLIS = 10_000;
  static final int MAX_RETRANS = 10;

  /**
   * Streams we announce in both directions, like browsers do; channel count is capped separately.
   */
  static final int MAX_STREAMS = 65_535;

  static final int MAX_CONTROL_CHUNKS = 64;

  private final SctpConfig config;
  private final SctpTimers timers;
  private final SctpListener listener;
  private final LongAdder packetsIn;
  private final LongAdder packetsDropped;
  private final int localTag;

  // The parts, one job each (as in dcSCTP); they reach back only through the context.
  private final AssociationContext context = new Context();
  private final Driver driver;
  private final PacketSender sender;
  private final SendQueue queue;
  private final RtoEstimator rto =
      new RtoEstimator(RTO_INITIAL_MILLIS, RTO_MIN_MILLIS, RTO_MAX_MILLIS);
  private final Reassembler reassembler;
  private final Handshake handshake;
  private final DelayedSack delayedSack;
  private final Transmitter transmitter;
  private final Heartbeat heartbeat;
  private final Shutdown shutdown;
  private final StreamResets resets;
  private final Channels channels;
  private final DataReceiver receiver;

  private SctpState state = SctpState.CLOSED;
  private boolean terminated;
  private int errorCount;

  private int peerTag;
  private @Nullable ReceivedTsnTracker tracker;

  /**
   * @param metrics where counters go; {@code null} for a private registry
   */
  public SctpAssociation(
      SctpConfig config,
      SctpLowerLayer lower,
      SctpTimers timers,
      @Nullable SctpListener listener,
      @Nullable DataChannelListener channelListener,
      @Nullable Metrics metrics) {
    this.config = config;
    this.timers = timers;
    this.listener = listener != null ? listener : new SctpListener() {};
    Metrics m = metrics != null ? metrics : new Metrics();
    this.packetsIn = m.counter("sctp_packets_received");
    this.packetsDropped = m.counter("sctp_packets_dropped", "invalid");
    LongAdder messagesDropped = m.counter("sctp_messages_dropped", "undeliverable");
    SecureRandom random = new SecureRandom();
    int tag;
    do {
      tag = random.nextInt();
    } while (tag == 0);
    this.localTag = tag;
    int localInitialTsn = random.nextInt();
    this.sender = new PacketSender(config, lower, m.counter("sctp_packets_sent"), packetsDropped);
    int maxChunks = Math.max(1024, config.sendBufferBytes() / 32);
    this.queue = new SendQueue(localInitialTsn, config.mtu(), config.sendBufferBytes(), maxChunks);
    this.reassembler =
        new Reassembler(
            config.maxMessageSize(), config.receiveBufferBytes(), config.maxChannels() * 2 + 16);
    this.handshake = new Handshake(config, context, sender, rto, localTag, localInitialTsn);
    this.delayedSack = new DelayedSack(context, reassembler, config.receiveBufferBytes());
    this.transmitter =
        new Transmitter(
            config,
            context,
            sender,
            queue,
            rto,
            delayedSack,
            m.counter("sctp_chunks_retransmitted"));
    this.heartbeat = new Heartbeat(context, sender, rto, random, config.mtu());
    this.shutdown = new Shutdown(context, sender, transmitter, rto);
    this.resets =
        new StreamResets(context, sender, queue, rto, localInitialTsn, new ResetForwarder());
    this.channels =
        new Channels(
            this,
            config,
            context,
            channelListener != null ? channelListener : new DataChannelListener() {},
            transmitter,
            resets,
            reassembler,
            m.counter("sctp_channel_opens_rejected", "limit"),
            messagesDropped);
    this.receiver =
        new DataReceiver(
            context, sender, reassembler, channels, resets, delayedSack, shutdown, messagesDropped);
    this.driver = new Driver(transmitter::flush);
  }

  // ---------------------------------------------------------------- public API

  /** Starts the handshake as initiator (§5.1 A): sends INIT and waits for INIT ACK. */
  public void connect() {
    if (state != SctpState.CLOSED || terminated) {
      throw new IllegalStateException("connect() on a " + state + " association");
    }
    driver.run(handshake::start);
  }

  /**
   * Processes one inbound SCTP packet (one DTLS record's payload). Never throws: malformed or
   * unexpected packets are dropped and counted.
   */
  public void handlePacket(byte[] buf, int off, int len) {
    driver.run(
        () -> {
          packetsIn.increment();
          try {
            receive(buf, off, len);
          } catch (RuntimeException e) {
            packetsDropped.increment();
            LOG.debug("SCTP packet dropped after a processing error", e);
          }
        });
  }

  /** Opens a reliable ordered channel with no sub-protocol. */
  public DataChannel openChannel(String label) {
    return openChannel(label, "", ChannelType.RELIABLE, 0, 0);
  }

  /**
   * Opens a channel with DCEP (RFC 8832 §6). It may be called before the association is up; the
   * channel turns OPEN (and {@link DataChannelListener#onOpen} runs) once it is.
   *
   * @throws IllegalStateException if the association is closing or closed, or the channel cap or
   *     stream ids are exhausted
   */
  public DataChannel openChannel(
      String label, String protocol, ChannelType type, int priority, long reliability) {
    if (terminated || Shutdown.isShuttingDown(state)) {
      throw new IllegalStateException("association is " + state);
    }
    DataChannel ch = channels.create(label, protocol, type, priority, reliability);
    driver.run(() -> channels.sendOpen(ch));
    return ch;
  }

  /** Graceful close (§9.2): sends what is queued, then SHUTDOWN. */
  public void close() {
    driver.run(
        () -> {
          switch (state) {
            case ESTABLISHED -> shutdown.begin();
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> terminate("closed before established");
            default -> {}
          }
        });
  }

  /** Ungraceful close (§9.1): sends ABORT and drops everything. */
  public void abort() {
    driver.run(
        () -> {
          if (!terminated) {
            context.abort(ErrorCause.USER_INITIATED_ABORT, "abort", "aborted locally");
          }
        });
  }

  public SctpState state() {
    return state;
  }

  public Collection<DataChannel> channels() {
    return channels.all();
  }

  /** The channel with that stream id, or {@code null}. */
  public @Nullable DataChannel channel(int id) {
    return channels.get(id);
  }

  /** A view of the buffers for tests. */
  AssociationProbe probe() {
    return new AssociationProbe(queue, reassembler, sender, resets, rto);
  }

  // ---------------------------------------------------------------- for DataChannel

  SendResult send(DataChannel ch, int ppid, byte[] payload) {
    if (terminated
        || ch.state == DataChannel.State.CLOSING
        || ch.state == DataChannel.State.CLOSED
        || Shutdown.isShuttingDown(state)) {
      return SendResult.CLOSED;
    }
    if (payload.length > config.maxMessageSize()) {
      return SendResult.TOO_LARGE;
    }
    SendResult[] result = new SendResult[1];
    driver.run(
        () -> result[0] = transmitter.enqueue(ch, ppid, payload, ch.sendsUnordered(), false));
    return result[0];
  }

  void closeChannel(DataChannel ch) {
    driver.run(() -> channels.close(ch));
  }

  // ---------------------------------------------------------------- inbound

  private void receive(byte[] buf, int off, int len) {
    SctpPacket p = SctpPacket.parse(buf, off, len);
    if (p == null
        || terminated
        || p.destinationPort() != config.localPort()
        || p.sourcePort() != config.remotePort()) {
      packetsDropped.increment();
      return;
    }
    List<Chunk> chunks = p.chunks();
    int vtag = p.verificationTag();
    if (chunks.get(0).type() == ChunkType.INIT) {
      // §6.10 and §8.5.1 A: INIT travels alone, with tag 0.
      if (chunks.size() != 1 || vtag != 0) {
        packetsDropped.increment();
      } else {
        handshake.onInit(chunks.get(0));
      }
      return;
    }
    boolean sawData = false;
    boolean immediateSack = false;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      switch (c.type()) {
        case ChunkType.ABORT -> {
          if (tagMatchesReflectable(c, vtag)) {
            terminate("aborted by peer");
          } else {
            packetsDropped.increment();
          }
          return;
        }
        case ChunkType.SHUTDOWN_COMPLETE -> {
          if (tagMatchesReflectable(c, vtag) && state == SctpState.SHUTDOWN_ACK_SENT) {
            terminate("shutdown");
          } else {
            packetsDropped.increment();
          }
          return;
        }
        case ChunkType.COOKIE_ECHO -> {
          if (i != 0 || !handshake.onCookieEcho(c, vtag)) {
            packetsDropped.increment();
            return;
          }
          continue;
        }
        default -> {}
      }
      if (vtag != localTag || state == SctpState.CLOSED) {
        packetsDropped.increment(); // §8.5: wrong tag, or out of the blue (§8.4)
        return;
      }
      switch (c.type()) {
        case ChunkType.DATA -> {
          sawData = true;
          immediateSack |= receiver.onData(c);
        }
        case ChunkType.SACK -> {
          if (transmitter.onSack(c)) {
            shutdown.progress();
          }
        }
        case ChunkType.INIT_ACK -> handshake.onInitAck(c);
        case ChunkType.COOKIE_ACK -> {
          if (state == SctpState.COOKIE_ECHOED) {
            establish();
          }
        }
        case ChunkType.HEARTBEAT -> heartbeat.onHeartbeat(c);
        case ChunkType.HEARTBEAT_ACK -> heartbeat.onHeartbeatAck(c);
        case ChunkType.SHUTDOWN -> shutdown.onShutdown(c);
        case ChunkType.SHUTDOWN_ACK -> shutdown.onShutdownAck();
        case ChunkType.ERROR -> LOG.debug("SCTP ERROR chunk received, {} bytes", c.valueLen());
        case ChunkType.RE_CONFIG -> resets.onReconfig(c);
        case ChunkType.INIT, ChunkType.COOKIE_ECHO -> {
          packetsDropped.increment(); // only allowed first in a packet
          return;
        }
        default -> {
          if (!onUnknownChunk(c)) {
            return;
          }
        }
      }
      if (terminated) {
        return;
      }
    }
    if (sawData) {
      receiver.afterPacket(immediateSack);
    }
  }

  /** §8.5.1 B/C: ABORT and SHUTDOWN COMPLETE carry our tag, or with the T bit the peer's. */
  private boolean tagMatchesReflectable(Chunk c, int vtag) {
    if ((c.flags() & ChunkType.FLAG_T) != 0) {
      return tracker != null && vtag == peerTag;
    }
    return vtag == localTag;
  }

  /** §3.2: the two high bits of an unknown type say skip or stop, and report or not. */
  private boolean onUnknownChunk(Chunk c) {
    int action = c.type() >>> 6;
    if ((action & 1) == 1 && c.length() <= 512) {
      byte[] raw = new byte[c.length()];
      System.arraycopy(c.buf(), c.start(), raw, 0, raw.length);
      byte[] cause = ControlChunk.cause(ErrorCause.UNRECOGNIZED_CHUNK_TYPE, raw, raw.length);
      sender.addControl(ControlChunk.build(ChunkType.ERROR, 0, cause, cause.length));
    }
    return (action & 2) != 0;
  }

  // ---------------------------------------------------------------- life cycle

  private void establish() {
    handshake.stop();
    state = SctpState.ESTABLISHED;
    errorCount = 0;
    driver.post(() -> listener.onEstablished(this));
    channels.openPending();
    heartbeat.schedule();
  }

  /** Ends the association for good: timers off, buffers freed, every channel closed. */
  private void terminate(String reason) {
    if (terminated) {
      return;
    }
    terminated = true;
    state = SctpState.CLOSED;
    handshake.stop();
    shutdown.stop();
    transmitter.stopT3();
    delayedSack.stop();
    heartbeat.stop();
    resets.stop();
    queue.clear();
    sender.clearControl();
    channels.closeAll();
    driver.post(() -> listener.onClosed(this, reason));
  }

  @Override
  public String toString() {
    return "SctpAssociation[" + state + ", " + channels.size() + " channels]";
  }

  /** Stream reset outcomes go to the channels, which are built after the resets. */
  private final class ResetForwarder implements StreamResets.Listener {
    @Override
    public void outgoingResetDone(int stream) {
      channels.outgoingResetDone(stream);
    }

    @Override
    public void incomingReset(int[] streams) {
      channels.incomingReset(streams);
    }
  }

  /** The association as its parts see it. */
  private final class Context implements AssociationContext {
    @Override
    public SctpState state() {
      return state;
    }

    @Override
    public void setState(SctpState next) {
      state = next;
    }

    @Override
    public boolean terminated() {
      return terminated;
    }

    @Override
    public int peerTag() {
      return peerTag;
    }

    @Override
    public @Nullable ReceivedTsnTracker tracker() {
      return tracker;
    }

    @Override
    public void setupPeer(int tag, int initialTsn, long window, int os, int mis, boolean reconfig) {
      peerTag = tag;
      tracker = new ReceivedTsnTracker(initialTsn);
      queue.setPeerWindow(window);
      channels.setPeer(Math.min(MAX_STREAMS, mis), reconfig);
      receiver.setInboundStreams(Math.min(MAX_STREAMS, os));
      resets.setPeerInitialTsn(initialTsn);
    }

    @Override
    public void establish() {
      SctpAssociation.this.establish();
    }

    @Override
    public long nowMillis() {
      return timers.nowMillis();
    }

    @Override
    public SctpTimers.Cancellable startTimer(Runnable task, long delayMillis) {
      return timers.schedule(() -> driver.run(task), delayMillis);
    }

    @Override
    public void post(Runnable callback) {
      driver.post(callback);
    }

    @Override
    public void countDropped() {
      packetsDropped.increment();
    }

    @Override
    public void clearErrors() {
      errorCount = 0;
    }

    @Override
    public boolean countError(String abortInfo, String closeReason) {
      if (++errorCount > MAX_RETRANS) {
        abort(ErrorCause.USER_INITIATED_ABORT, abortInfo, closeReason);
        return true;
      }
      return false;
    }

    @Override
    public void abort(int cause, @Nullable String info, String closeReason) {
      if (tracker != null) {
        sender.sendAbort(peerTag, cause, info);
      }
      terminate(closeReason);
    }

    @Override
    public void terminate(String reason) {
      SctpAssociation.this.terminate(reason);
    }
  }
}
