package upcast.sfu.sctp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
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
  static final int MAX_INIT_RETRANS = 8;
  static final int COOKIE_LIFESPAN_MILLIS = 60_000;
  static final long DELAYED_SACK_MILLIS = 200;
  static final long HEARTBEAT_INTERVAL_MILLIS = 30_000;

  /**
   * Streams we announce in both directions, like browsers do; channel count is capped separately.
   */
  static final int MAX_STREAMS = 65_535;

  static final int MAX_CONTROL_CHUNKS = 64;
  static final int MAX_DEFERRED_RESETS = 8;
  private static final int HEARTBEAT_INFO = 1;

  private final SctpConfig config;
  private final SctpLowerLayer lower;
  private final SctpTimers timers;
  private final SctpListener listener;
  private final DataChannelListener channelListener;
  private final LongAdder packetsIn;
  private final LongAdder packetsOut;
  private final LongAdder packetsDropped;
  private final LongAdder retransmissions;
  private final LongAdder openRejected;
  private final LongAdder messagesDropped;
  private final SecureRandom random = new SecureRandom();

  private final int localTag;
  private final int localInitialTsn;
  private final int maxFragment;
  private final PacketWriter writer;
  private final SendQueue queue;
  private final RtoEstimator rto =
      new RtoEstimator(RTO_INITIAL_MILLIS, RTO_MIN_MILLIS, RTO_MAX_MILLIS);
  private final Reassembler reassembler;
  private final Map<Integer, DataChannel> channels = new TreeMap<>();

  /** Streams whose DATA we ack and drop until the peer resets them (rejected or oversized). */
  private final BitSet refusedStreams = new BitSet();

  private final ArrayDeque<byte[]> control = new ArrayDeque<>();
  private final ArrayDeque<Runnable> events = new ArrayDeque<>();

  private SctpState state = SctpState.CLOSED;
  private boolean terminated;
  private boolean driving;

  private int peerTag;
  private boolean peerSupportsReconfig;
  private int outboundStreams = MAX_STREAMS;
  private int inboundStreams = MAX_STREAMS;
  private ReceivedTsnTracker tracker;
  private byte[] cookieToEcho;
  private List<byte[]> unrecognizedInInitAck = List.of();

  private boolean sackNow;
  private boolean sackPending;
  private int dataPacketsSinceSack;
  private int errorCount;
  private int initRetransmits;
  private long t1Millis = RTO_INITIAL_MILLIS;
  private SctpTimers.Cancellable t1Timer;
  private SctpTimers.Cancellable t2Timer;
  private SctpTimers.Cancellable t3Timer;
  private SctpTimers.Cancellable sackTimer;
  private SctpTimers.Cancellable heartbeatTimer;
  private SctpTimers.Cancellable reconfigTimer;
  private long heartbeatNonce;
  private boolean heartbeatOutstanding;

  // RFC 6525 state: our requests, and the peer's.
  private int nextRequestSeq;
  private ResetRequest inflightReset;
  private final LinkedHashSet<Integer> pendingResets = new LinkedHashSet<>();
  private int peerExpectedRequestSeq;
  private int lastPeerRequestSeq;
  private int lastPeerResult = -1;
  private final List<DeferredReset> deferredResets = new ArrayList<>();

  private static final class ResetRequest {
    int seq;
    final int[] streams;
    boolean renew;
    int attempts;

    ResetRequest(int seq, int[] streams) {
      this.seq = seq;
      this.streams = streams;
    }
  }

  private record DeferredReset(int seq, int lastTsn, int[] streams) {}

  /**
   * @param metrics where counters go; {@code null} for a private registry
   */
  public SctpAssociation(
      SctpConfig config,
      SctpLowerLayer lower,
      SctpTimers timers,
      SctpListener listener,
      DataChannelListener channelListener,
      Metrics metrics) {
    this.config = config;
    this.lower = lower;
    this.timers = timers;
    this.listener = listener != null ? listener : new SctpListener() {};
    this.channelListener = channelListener != null ? channelListener : new DataChannelListener() {};
    Metrics m = metrics != null ? metrics : new Metrics();
    this.packetsIn = m.counter("sctp_packets_received");
    this.packetsOut = m.counter("sctp_packets_sent");
    this.packetsDropped = m.counter("sctp_packets_dropped", "invalid");
    this.retransmissions = m.counter("sctp_chunks_retransmitted");
    this.openRejected = m.counter("sctp_channel_opens_rejected", "limit");
    this.messagesDropped = m.counter("sctp_messages_dropped", "undeliverable");
    int tag;
    do {
      tag = random.nextInt();
    } while (tag == 0);
    this.localTag = tag;
    this.localInitialTsn = random.nextInt();
    this.nextRequestSeq = localInitialTsn;
    this.maxFragment = config.mtu() - SctpPacket.HEADER_LENGTH - DataChunk.HEADER_LENGTH;
    this.writer = new PacketWriter(config.mtu());
    int maxChunks = Math.max(1024, config.sendBufferBytes() / 32);
    this.queue = new SendQueue(localInitialTsn, config.mtu(), config.sendBufferBytes(), maxChunks);
    this.reassembler =
        new Reassembler(
            config.maxMessageSize(), config.receiveBufferBytes(), config.maxChannels() * 2 + 16);
  }

  // ---------------------------------------------------------------- public API

  /** Starts the handshake as initiator (§5.1 A): sends INIT and waits for INIT ACK. */
  public void connect() {
    if (state != SctpState.CLOSED || terminated) {
      throw new IllegalStateException("connect() on a " + state + " association");
    }
    drive(
        () -> {
          state = SctpState.COOKIE_WAIT;
          sendInit();
          t1Timer = timers.schedule(() -> drive(this::onT1Expired), t1Millis);
        });
  }

  /**
   * Processes one inbound SCTP packet (one DTLS record's payload). Never throws: malformed or
   * unexpected packets are dropped and counted.
   */
  public void handlePacket(byte[] buf, int off, int len) {
    drive(
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
    if (terminated || isShuttingDown()) {
      throw new IllegalStateException("association is " + state);
    }
    if (channels.size() >= config.maxChannels()) {
      throw new IllegalStateException("channel limit " + config.maxChannels() + " reached");
    }
    int id = freeStreamId();
    if (id < 0) {
      throw new IllegalStateException("no free stream id");
    }
    DataChannel ch = new DataChannel(this, id, label, protocol, type, priority, reliability, true);
    channels.put(id, ch);
    drive(
        () -> {
          enqueue(
              ch, Ppid.DCEP, Dcep.open(type, priority, reliability, label, protocol), false, true);
          if (state == SctpState.ESTABLISHED) {
            ch.state = DataChannel.State.OPEN;
            events.add(() -> channelListener.onOpen(ch));
          }
        });
    return ch;
  }

  /** Graceful close (§9.2): sends what is queued, then SHUTDOWN. */
  public void close() {
    drive(
        () -> {
          switch (state) {
            case ESTABLISHED -> {
              state = SctpState.SHUTDOWN_PENDING;
              progressShutdown();
            }
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> terminate("closed before established");
            default -> {}
          }
        });
  }

  /** Ungraceful close (§9.1): sends ABORT and drops everything. */
  public void abort() {
    drive(
        () -> {
          if (!terminated) {
            sendAbort(ErrorCause.USER_INITIATED_ABORT, "abort");
            terminate("aborted locally");
          }
        });
  }

  public SctpState state() {
    return state;
  }

  public Collection<DataChannel> channels() {
    return Collections.unmodifiableCollection(channels.values());
  }

  /** The channel with that stream id, or {@code null}. */
  public DataChannel channel(int id) {
    return channels.get(id);
  }

  // ---------------------------------------------------------------- accessors for tests

  int sendBufferedBytes() {
    return queue.bufferedBytes();
  }

  int sendQueuedChunks() {
    return queue.size();
  }

  int reassemblyBytes() {
    return reassembler.bufferedBytes();
  }

  int streamStates() {
    return reassembler.streamCount();
  }

  int controlQueued() {
    return control.size();
  }

  int pendingResetCount() {
    return pendingResets.size() + (inflightReset != null ? inflightReset.streams.length : 0);
  }

  long rtoMillis() {
    return rto.rtoMillis();
  }

  SendQueue sendQueue() {
    return queue;
  }

  // ---------------------------------------------------------------- driving

  /**
   * Runs an action, then the listener callbacks it caused, then sends whatever became sendable.
   * Re-entrant calls (a listener calling the API) just run their action inside the outer one.
   */
  private void drive(Runnable action) {
    if (driving) {
      action.run();
      return;
    }
    driving = true;
    try {
      action.run();
      flushEvents();
      flush();
      flushEvents();
    } finally {
      driving = false;
    }
  }

  private void flushEvents() {
    Runnable e;
    while ((e = events.poll()) != null) {
      try {
        e.run();
      } catch (RuntimeException ex) {
        LOG.warn("SCTP listener threw", ex);
      }
    }
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
        onInit(chunks.get(0));
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
          if (i != 0 || !onCookieEcho(c, vtag)) {
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
          immediateSack |= onData(c);
        }
        case ChunkType.SACK -> onSack(c);
        case ChunkType.INIT_ACK -> onInitAck(c);
        case ChunkType.COOKIE_ACK -> {
          if (state == SctpState.COOKIE_ECHOED) {
            establish();
          }
        }
        case ChunkType.HEARTBEAT -> onHeartbeat(c);
        case ChunkType.HEARTBEAT_ACK -> onHeartbeatAck(c);
        case ChunkType.SHUTDOWN -> onShutdown(c);
        case ChunkType.SHUTDOWN_ACK -> onShutdownAck();
        case ChunkType.ERROR -> LOG.debug("SCTP ERROR chunk received, {} bytes", c.valueLen());
        case ChunkType.RE_CONFIG -> onReconfig(c);
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
      afterData(immediateSack);
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
      addControl(ControlChunk.build(ChunkType.ERROR, 0, cause, cause.length));
    }
    return (action & 2) != 0;
  }

  // ---------------------------------------------------------------- handshake

  private void sendInit() {
    writer.begin(config.localPort(), config.remotePort(), 0);
    InitChunk.write(
        writer,
        ChunkType.INIT,
        localTag,
        config.receiveBufferBytes(),
        MAX_STREAMS,
        MAX_STREAMS,
        localInitialTsn,
        null,
        List.of());
    emit();
  }

  /** §5.1 B and §5.2.1/§5.2.2: answer any INIT with an INIT ACK; keep no state for it. */
  private void onInit(Chunk c) {
    InitChunk init = InitChunk.parse(c);
    if (init == null || terminated) {
      packetsDropped.increment();
      return;
    }
    StateCookie cookie =
        new StateCookie(
            timers.nowMillis(),
            COOKIE_LIFESPAN_MILLIS,
            localTag,
            init.initiateTag(),
            localInitialTsn,
            init.initialTsn(),
            init.advertisedWindow(),
            init.outboundStreams(),
            init.inboundStreams(),
            init.peerSupportsReconfig());
    writer.begin(config.localPort(), config.remotePort(), init.initiateTag());
    InitChunk.write(
        writer,
        ChunkType.INIT_ACK,
        localTag,
        config.receiveBufferBytes(),
        MAX_STREAMS,
        MAX_STREAMS,
        localInitialTsn,
        config.cookieSigner().seal(cookie),
        init.unrecognized());
    emit();
  }

  private void onInitAck(Chunk c) {
    if (state != SctpState.COOKIE_WAIT) {
      return; // §5.2.3: discard
    }
    InitChunk ack = InitChunk.parse(c);
    if (ack == null || ack.cookie() == null) {
      packetsDropped.increment();
      return;
    }
    setupPeer(
        ack.initiateTag(),
        ack.initialTsn(),
        ack.advertisedWindow(),
        ack.outboundStreams(),
        ack.inboundStreams(),
        ack.peerSupportsReconfig());
    cookieToEcho = ack.cookie();
    unrecognizedInInitAck = ack.unrecognized();
    cancel(t1Timer);
    state = SctpState.COOKIE_ECHOED;
    initRetransmits = 0;
    t1Millis = rto.rtoMillis();
    sendCookieEcho();
    t1Timer = timers.schedule(() -> drive(this::onT1Expired), t1Millis);
  }

  private void sendCookieEcho() {
    writer.begin(config.localPort(), config.remotePort(), peerTag);
    writer.beginChunk(ChunkType.COOKIE_ECHO, 0);
    writer.bytes(cookieToEcho, 0, cookieToEcho.length);
    writer.endChunk();
    // §3.2.1: parameters marked "report" in the INIT ACK go back in an ERROR with the COOKIE ECHO.
    int total = 0;
    for (byte[] u : unrecognizedInInitAck) {
      total += (u.length + 3) & ~3;
    }
    if (total > 0 && writer.fits(8 + total)) {
      writer.beginChunk(ChunkType.ERROR, 0);
      writer.u16(8); // Unrecognized Parameters
      writer.u16(4 + total);
      for (byte[] u : unrecognizedInInitAck) {
        writer.bytes(u, 0, u.length);
        for (int i = u.length; (i & 3) != 0; i++) {
          writer.u8(0);
        }
      }
      writer.endChunk();
    }
    emit();
  }

  /** §5.1.5 and §5.2.4: a valid cookie for this association's tag establishes it. */
  private boolean onCookieEcho(Chunk c, int vtag) {
    StateCookieSigner.Opened opened =
        config.cookieSigner().open(c.buf(), c.valueOff(), c.valueLen(), timers.nowMillis());
    if (opened == null || terminated) {
      return false;
    }
    StateCookie ck = opened.cookie();
    if (ck.localTag() != localTag || vtag != localTag || ck.localInitialTsn() != localInitialTsn) {
      return false;
    }
    if (opened.stale()) {
      byte[] measure = new byte[4];
      Bytes.put32(measure, 0, (int) Math.min(opened.stalenessMicros(), Integer.MAX_VALUE));
      byte[] cause = ControlChunk.cause(ErrorCause.STALE_COOKIE, measure, 4);
      sendSingle(ck.peerTag(), ControlChunk.build(ChunkType.ERROR, 0, cause, cause.length));
      return false;
    }
    switch (state) {
      case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> {
        if (tracker == null || peerTag != ck.peerTag()) {
          setupPeer(
              ck.peerTag(),
              ck.peerInitialTsn(),
              ck.peerWindow(),
              ck.peerOutboundStreams(),
              ck.peerInboundStreams(),
              ck.peerSupportsReconfig());
        }
        addControl(ControlChunk.empty(ChunkType.COOKIE_ACK));
        establish();
        return true;
      }
      default -> {
        if (ck.peerTag() != peerTag) {
          return false; // §5.2.4 case A (peer restart): not supported
        }
        addControl(ControlChunk.empty(ChunkType.COOKIE_ACK)); // case D: our COOKIE ACK was lost
        return true;
      }
    }
  }

  private void setupPeer(int tag, int initialTsn, long window, int os, int mis, boolean reconfig) {
    peerTag = tag;
    tracker = new ReceivedTsnTracker(initialTsn);
    queue.setPeerWindow(window);
    outboundStreams = Math.min(MAX_STREAMS, mis);
    inboundStreams = Math.min(MAX_STREAMS, os);
    peerSupportsReconfig = reconfig;
    peerExpectedRequestSeq = initialTsn;
    lastPeerRequestSeq = initialTsn - 1;
  }

  private void establish() {
    cancel(t1Timer);
    t1Timer = null;
    state = SctpState.ESTABLISHED;
    errorCount = 0;
    events.add(() -> listener.onEstablished(this));
    for (DataChannel ch : channels.values()) {
      if (ch.state == DataChannel.State.CONNECTING) {
        ch.state = DataChannel.State.OPEN;
        events.add(() -> channelListener.onOpen(ch));
      }
    }
    scheduleHeartbeat();
  }

  private void onT1Expired() {
    t1Timer = null;
    if (state != SctpState.COOKIE_WAIT && state != SctpState.COOKIE_ECHOED) {
      return;
    }
    if (++initRetransmits > MAX_INIT_RETRANS) {
      terminate("handshake timed out");
      return;
    }
    t1Millis = Math.min(RTO_MAX_MILLIS, t1Millis * 2); // §5.1 with §6.3.3 backoff
    if (state == SctpState.COOKIE_WAIT) {
      sendInit();
    } else {
      sendCookieEcho();
    }
    t1Timer = timers.schedule(() -> drive(this::onT1Expired), t1Millis);
  }

  // ---------------------------------------------------------------- data in

  /** Handles one DATA chunk; returns whether the SACK must go out at once. */
  private boolean onData(Chunk c) {
    if (state != SctpState.ESTABLISHED
        && state != SctpState.SHUTDOWN_PENDING
        && state != SctpState.SHUTDOWN_SENT) {
      return false;
    }
    DataChunk d = DataChunk.parse(c);
    if (d == null) {
      packetsDropped.increment();
      return false;
    }
    if (d.dataLen() == 0) {
      // §6.2: a DATA chunk without user data is a protocol error ending the association.
      sendAbort(ErrorCause.NO_USER_DATA, null);
      terminate("peer sent DATA without user data");
      return false;
    }
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
      addControl(ControlChunk.build(ChunkType.ERROR, 0, cause, cause.length));
      tracker.mark(d.tsn());
      messagesDropped.increment();
      return false;
    }
    if (refusedStreams.get(stream)) {
      tracker.mark(d.tsn());
      messagesDropped.increment();
      return false;
    }
    if (heldByDeferredReset(stream, d.tsn())) {
      return true; // RFC 6525 §5.2.2: new-epoch data waits until the reset is performed
    }
    long unwrapped = tracker.unwrap(d.tsn());
    Reassembler.Result r = reassembler.add(d, unwrapped, sink);
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

  private final Reassembler.Sink sink =
      new Reassembler.Sink() {
        @Override
        public void message(int stream, int ppid, byte[] data) {
          onMessage(stream, ppid, data);
        }

        @Override
        public void oversized(int stream) {
          messagesDropped.increment();
          refuseStream(stream);
          DataChannel ch = channels.get(stream);
          if (ch != null) {
            startClosing(ch);
          }
        }
      };

  /**
   * §6.2 and §6.7: SACK every second data packet, at once on gaps or duplicates, else in 200 ms.
   */
  private void afterData(boolean immediate) {
    dataPacketsSinceSack++;
    if (immediate
        || tracker.hasGaps()
        || tracker.duplicateCount() > 0
        || dataPacketsSinceSack >= 2
        || state != SctpState.ESTABLISHED) {
      sackNow = true;
    } else {
      sackPending = true;
      if (sackTimer == null) {
        sackTimer =
            timers.schedule(
                () ->
                    drive(
                        () -> {
                          sackTimer = null;
                          if (sackPending) {
                            sackNow = true;
                          }
                        }),
                DELAYED_SACK_MILLIS);
      }
    }
    processDeferredResets();
    if (state == SctpState.SHUTDOWN_SENT) {
      addControl(ControlChunk.shutdown(tracker.cumulativeTsn())); // §9.2
    }
  }

  private void onMessage(int stream, int ppid, byte[] data) {
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
        events.add(() -> channelListener.onText(ch, text));
      }
      case Ppid.STRING_EMPTY -> events.add(() -> channelListener.onText(ch, ""));
      case Ppid.BINARY -> events.add(() -> channelListener.onBinary(ch, data));
      case Ppid.BINARY_EMPTY -> events.add(() -> channelListener.onBinary(ch, new byte[0]));
      default -> messagesDropped.increment(); // deprecated partial PPIDs 52/54 and unknown ones
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
    if (channels.size() >= config.maxChannels() || stream >= outboundStreams || isShuttingDown()) {
      openRejected.increment();
      refuseStream(stream);
      return;
    }
    DataChannel ch =
        new DataChannel(
            this,
            stream,
            open.label(),
            open.protocol(),
            open.type(),
            open.priority(),
            open.reliability(),
            false);
    ch.state = DataChannel.State.OPEN;
    channels.put(stream, ch);
    enqueue(ch, Ppid.DCEP, Dcep.ack(), false, true);
    events.add(() -> channelListener.onOpen(ch));
  }

  /** Drops a stream's inbound state, acks-and-drops its data, and resets our side of it. */
  private void refuseStream(int stream) {
    refusedStreams.set(stream);
    reassembler.resetStream(stream);
    requestReset(stream);
  }

  // ---------------------------------------------------------------- data out

  SendResult send(DataChannel ch, int ppid, byte[] payload) {
    if (terminated
        || ch.state == DataChannel.State.CLOSING
        || ch.state == DataChannel.State.CLOSED) {
      return SendResult.CLOSED;
    }
    if (isShuttingDown()) {
      return SendResult.CLOSED;
    }
    if (payload.length > config.maxMessageSize()) {
      return SendResult.TOO_LARGE;
    }
    SendResult[] result = new SendResult[1];
    drive(() -> result[0] = enqueue(ch, ppid, payload, ch.sendsUnordered(), false));
    return result[0];
  }

  /** Fragments a message into DATA chunks (§6.9) and queues them; control messages skip the cap. */
  private SendResult enqueue(
      DataChannel ch, int ppid, byte[] payload, boolean unordered, boolean force) {
    int fragments = Math.max(1, (payload.length + maxFragment - 1) / maxFragment);
    if (!force && !queue.canAccept(payload.length, fragments)) {
      return SendResult.BUFFER_FULL;
    }
    int ssn = 0;
    if (!unordered) {
      ssn = ch.nextSsn;
      ch.nextSsn = (ch.nextSsn + 1) & 0xFFFF;
    }
    for (int i = 0; i < fragments; i++) {
      int from = i * maxFragment;
      int to = Math.min(payload.length, from + maxFragment);
      byte[] part = fragments == 1 ? payload : Arrays.copyOfRange(payload, from, to);
      int flags =
          (unordered ? DataChunk.FLAG_UNORDERED : 0)
              | (i == 0 ? DataChunk.FLAG_BEGIN : 0)
              | (i == fragments - 1 ? DataChunk.FLAG_END : 0);
      queue.add(ch.id(), ssn, ppid, flags, part, ch);
    }
    ch.onQueued(payload.length);
    return SendResult.OK;
  }

  private void onSack(Chunk c) {
    SackChunk sack = SackChunk.parse(c);
    if (sack == null) {
      packetsDropped.increment();
      return;
    }
    if (state == SctpState.COOKIE_WAIT || state == SctpState.COOKIE_ECHOED) {
      return;
    }
    applyAck(sack);
  }

  private void applyAck(SackChunk sack) {
    SendQueue.SackOutcome out = queue.onSack(sack, timers.nowMillis());
    if (!out.valid()) {
      return;
    }
    if (out.rttSampleMillis() >= 0) {
      rto.sample(out.rttSampleMillis());
    }
    if (out.cumulativeAdvanced()) {
      errorCount = 0;
      cancel(t3Timer);
      t3Timer = null; // §6.3.2 R3: restarted below if data is still outstanding
    }
    if (!queue.hasOutstanding()) {
      cancel(t3Timer);
      t3Timer = null;
    } else if (t3Timer == null) {
      startT3();
    }
    progressShutdown();
  }

  private void startT3() {
    long delay = rto.rtoMillis();
    t3Timer = timers.schedule(() -> drive(this::onT3Expired), delay);
  }

  /** §6.3.3: back off, collapse cwnd, and resend what is outstanding. */
  private void onT3Expired() {
    t3Timer = null;
    if (terminated || !queue.hasOutstanding()) {
      return;
    }
    if (++errorCount > MAX_RETRANS) {
      sendAbort(ErrorCause.USER_INITIATED_ABORT, "retransmission limit");
      terminate("peer unreachable (retransmission limit)");
      return;
    }
    rto.backOff();
    queue.onRetransmissionTimeout();
  }

  /**
   * Bundles SACK, control chunks, retransmissions and new DATA into as few packets as fit (§6.10).
   */
  private void flush() {
    if (terminated || tracker == null || state == SctpState.COOKIE_WAIT) {
      return;
    }
    boolean dataAllowed =
        state == SctpState.ESTABLISHED
            || state == SctpState.SHUTDOWN_PENDING
            || state == SctpState.SHUTDOWN_RECEIVED;
    long now = timers.nowMillis();
    writer.begin(config.localPort(), config.remotePort(), peerTag);
    boolean willSendData =
        dataAllowed
            && (queue.retransmitCount() > 0
                || (queue.hasUnsent() && queue.mayTransmit(queue.get(queue.sentCount()), false)));
    if (sackNow || (sackPending && (willSendData || !control.isEmpty()))) {
      tracker.writeSack(writer, advertisedWindow());
      sackNow = false;
      sackPending = false;
      dataPacketsSinceSack = 0;
      cancel(sackTimer);
      sackTimer = null;
    }
    byte[] cc;
    while ((cc = control.poll()) != null) {
      if (cc.length > writer.remaining()) {
        emit();
        writer.begin(config.localPort(), config.remotePort(), peerTag);
      }
      if (cc.length <= writer.remaining()) {
        writer.bytes(cc, 0, cc.length);
      }
    }
    boolean sentData = false;
    if (dataAllowed) {
      boolean fast = queue.fastRetransmitPending();
      for (int i = 0; i < queue.sentCount() && queue.retransmitCount() > 0; i++) {
        OutboundChunk c = queue.get(i);
        if (!c.retransmit) {
          continue;
        }
        if (!queue.mayTransmit(c, true)) {
          break;
        }
        writeData(c);
        queue.onTransmitted(c, now);
        retransmissions.increment();
        sentData = true;
      }
      if (fast) {
        queue.fastRetransmitPacketSent();
      }
      while (queue.hasUnsent()) {
        OutboundChunk c = queue.get(queue.sentCount());
        if (!queue.mayTransmit(c, false)) {
          break;
        }
        writeData(c);
        queue.onTransmitted(c, now);
        sentData = true;
      }
    }
    if (!writer.isEmpty()) {
      emit();
    }
    if (sentData && t3Timer == null) {
      startT3();
    }
  }

  private void writeData(OutboundChunk c) {
    if (!writer.fits(c.size())) {
      emit();
      writer.begin(config.localPort(), config.remotePort(), peerTag);
    }
    DataChunk.write(writer, c.flags, (int) c.tsn, c.stream, c.ssn, c.ppid, c.data);
  }

  private long advertisedWindow() {
    return Math.max(0, config.receiveBufferBytes() - reassembler.bufferedBytes());
  }

  private void emit() {
    int len = writer.finish();
    packetsOut.increment();
    try {
      lower.send(writer.buffer(), 0, len);
    } catch (RuntimeException e) {
      LOG.warn("SCTP lower layer failed to send", e);
    }
  }

  private void sendSingle(int vtag, byte[] chunk) {
    writer.begin(config.localPort(), config.remotePort(), vtag);
    writer.bytes(chunk, 0, chunk.length);
    emit();
  }

  private void addControl(byte[] chunk) {
    if (control.size() < MAX_CONTROL_CHUNKS) {
      control.add(chunk);
    } else {
      packetsDropped.increment();
    }
  }

  // ---------------------------------------------------------------- heartbeat (§8.3)

  private void scheduleHeartbeat() {
    cancel(heartbeatTimer);
    heartbeatTimer =
        timers.schedule(
            () -> drive(this::onHeartbeatTimer), HEARTBEAT_INTERVAL_MILLIS + rto.rtoMillis());
  }

  private void onHeartbeatTimer() {
    heartbeatTimer = null;
    if (terminated) {
      return;
    }
    if (heartbeatOutstanding && ++errorCount > MAX_RETRANS) {
      sendAbort(ErrorCause.USER_INITIATED_ABORT, "heartbeat limit");
      terminate("peer unreachable (heartbeat)");
      return;
    }
    heartbeatNonce = random.nextLong();
    heartbeatOutstanding = true;
    byte[] v = new byte[20];
    Bytes.put16(v, 0, HEARTBEAT_INFO);
    Bytes.put16(v, 2, 20);
    Bytes.put64(v, 4, heartbeatNonce);
    Bytes.put64(v, 12, timers.nowMillis());
    addControl(ControlChunk.build(ChunkType.HEARTBEAT, 0, v, v.length));
    scheduleHeartbeat();
  }

  private void onHeartbeat(Chunk c) {
    if (c.valueLen() <= config.mtu() - 32) {
      byte[] v = new byte[c.valueLen()];
      System.arraycopy(c.buf(), c.valueOff(), v, 0, v.length);
      addControl(ControlChunk.build(ChunkType.HEARTBEAT_ACK, 0, v, v.length));
    }
  }

  private void onHeartbeatAck(Chunk c) {
    if (c.valueLen() < 20 || Bytes.u16(c.buf(), c.valueOff()) != HEARTBEAT_INFO) {
      return;
    }
    long nonce = Bytes.i64(c.buf(), c.valueOff() + 4);
    if (!heartbeatOutstanding || nonce != heartbeatNonce) {
      return;
    }
    heartbeatOutstanding = false;
    errorCount = 0;
    rto.sample(timers.nowMillis() - Bytes.i64(c.buf(), c.valueOff() + 12));
  }

  // ---------------------------------------------------------------- shutdown (§9.2) and abort

  private boolean isShuttingDown() {
    return state == SctpState.SHUTDOWN_PENDING
        || state == SctpState.SHUTDOWN_SENT
        || state == SctpState.SHUTDOWN_RECEIVED
        || state == SctpState.SHUTDOWN_ACK_SENT;
  }

  private void progressShutdown() {
    if (!queue.allAcked()) {
      return;
    }
    if (state == SctpState.SHUTDOWN_PENDING) {
      state = SctpState.SHUTDOWN_SENT;
      errorCount = 0;
      sendShutdownChunk();
    } else if (state == SctpState.SHUTDOWN_RECEIVED) {
      state = SctpState.SHUTDOWN_ACK_SENT;
      errorCount = 0;
      sendShutdownChunk();
    }
  }

  private void sendShutdownChunk() {
    cancel(t2Timer);
    if (state == SctpState.SHUTDOWN_SENT) {
      addControl(ControlChunk.shutdown(tracker.cumulativeTsn()));
    } else {
      addControl(ControlChunk.empty(ChunkType.SHUTDOWN_ACK));
    }
    t2Timer = timers.schedule(() -> drive(this::onT2Expired), rto.rtoMillis());
  }

  private void onT2Expired() {
    t2Timer = null;
    if (state != SctpState.SHUTDOWN_SENT && state != SctpState.SHUTDOWN_ACK_SENT) {
      return;
    }
    if (++errorCount > MAX_RETRANS) {
      sendAbort(ErrorCause.USER_INITIATED_ABORT, "shutdown timed out");
      terminate("shutdown timed out");
      return;
    }
    rto.backOff();
    sendShutdownChunk();
  }

  private void onShutdown(Chunk c) {
    if (c.valueLen() < 4 || tracker == null) {
      packetsDropped.increment();
      return;
    }
    SackChunk implied =
        new SackChunk(
            Bytes.i32(c.buf(), c.valueOff()),
            queue.peerWindow() + queue.flightBytes(),
            new int[0],
            new int[0],
            new int[0]);
    switch (state) {
      case ESTABLISHED, SHUTDOWN_PENDING -> {
        state = SctpState.SHUTDOWN_RECEIVED;
        applyAck(implied);
      }
      case SHUTDOWN_RECEIVED -> applyAck(implied);
      case SHUTDOWN_SENT -> {
        // Both sides shut down at once: answer with SHUTDOWN ACK (§9.2).
        state = SctpState.SHUTDOWN_ACK_SENT;
        sendShutdownChunk();
      }
      default -> {}
    }
  }

  private void onShutdownAck() {
    if (state == SctpState.SHUTDOWN_SENT || state == SctpState.SHUTDOWN_ACK_SENT) {
      sendSingle(peerTag, ControlChunk.empty(ChunkType.SHUTDOWN_COMPLETE));
      terminate("shutdown");
    }
  }

  private void sendAbort(int cause, String reason) {
    if (tracker == null) {
      return;
    }
    byte[] info = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.US_ASCII);
    byte[] causeBytes = ControlChunk.cause(cause, info, info.length);
    sendSingle(peerTag, ControlChunk.build(ChunkType.ABORT, 0, causeBytes, causeBytes.length));
  }

  /** Ends the association for good: timers off, buffers freed, every channel closed. */
  private void terminate(String reason) {
    if (terminated) {
      return;
    }
    terminated = true;
    state = SctpState.CLOSED;
    cancel(t1Timer);
    cancel(t2Timer);
    cancel(t3Timer);
    cancel(sackTimer);
    cancel(heartbeatTimer);
    cancel(reconfigTimer);
    queue.clear();
    control.clear();
    pendingResets.clear();
    inflightReset = null;
    deferredResets.clear();
    for (DataChannel ch : new ArrayList<>(channels.values())) {
      reassembler.resetStream(ch.id());
      ch.state = DataChannel.State.CLOSED;
      events.add(() -> channelListener.onClose(ch));
    }
    channels.clear();
    for (int s = refusedStreams.nextSetBit(0); s >= 0; s = refusedStreams.nextSetBit(s + 1)) {
      reassembler.resetStream(s);
    }
    events.add(() -> listener.onClosed(this, reason));
  }

  private static void cancel(SctpTimers.Cancellable t) {
    if (t != null) {
      t.cancel();
    }
  }

  // ---------------------------------------------------------------- stream reset (RFC 6525)

  void closeChannel(DataChannel ch) {
    drive(
        () -> {
          if (channels.get(ch.id()) == ch
              && (ch.state == DataChannel.State.OPEN || ch.state == DataChannel.State.CONNECTING)) {
            startClosing(ch);
          }
        });
  }

  /** RFC 8831 §6.7: closing resets our outgoing stream; the peer answers by resetting its own. */
  private void startClosing(DataChannel ch) {
    if (ch.state == DataChannel.State.CLOSING || ch.state == DataChannel.State.CLOSED) {
      return;
    }
    ch.state = DataChannel.State.CLOSING;
    requestReset(ch.id());
  }

  private void requestReset(int stream) {
    if (!peerSupportsReconfig && tracker != null) {
      localResetDone(stream);
      DataChannel ch = channels.get(stream);
      if (ch != null) {
        ch.remoteResetDone = true;
        finishCloseIfDone(ch);
      }
      return;
    }
    pendingResets.add(stream);
    sendNextResetRequest();
  }

  /** RFC 6525 §5.1.2: one request in flight at a time; it names the last TSN we assigned. */
  private void sendNextResetRequest() {
    if (inflightReset != null
        || pendingResets.isEmpty()
        || tracker == null
        || state == SctpState.COOKIE_WAIT
        || state == SctpState.COOKIE_ECHOED
        || terminated) {
      return;
    }
    int n = Math.min(pendingResets.size(), Reconfig.MAX_STREAMS_PER_REQUEST);
    int[] streams = new int[n];
    Iterator<Integer> it = pendingResets.iterator();
    for (int i = 0; i < n; i++) {
      streams[i] = it.next();
      it.remove();
    }
    inflightReset = new ResetRequest(nextRequestSeq++, streams);
    transmitResetRequest();
  }

  private void transmitResetRequest() {
    ResetRequest r = inflightReset;
    addControl(
        Reconfig.outgoingResetRequest(
            r.seq, peerExpectedRequestSeq - 1, queue.lastAssignedTsn(), r.streams));
    cancel(reconfigTimer);
    reconfigTimer = timers.schedule(() -> drive(this::onReconfigTimer), rto.rtoMillis());
  }

  private void onReconfigTimer() {
    reconfigTimer = null;
    ResetRequest r = inflightReset;
    if (r == null || terminated) {
      return;
    }
    if (++r.attempts > MAX_RETRANS) {
      inflightReset = null; // give up on the peer's confirmation; close our side anyway
      for (int s : r.streams) {
        localResetDone(s);
      }
      sendNextResetRequest();
      return;
    }
    if (r.renew) {
      r.seq = nextRequestSeq++;
      r.renew = false;
    }
    transmitResetRequest();
  }

  private void onReconfig(Chunk c) {
    if (tracker == null) {
      return;
    }
    List<Reconfig.Param> params = Reconfig.parse(c);
    if (params == null) {
      packetsDropped.increment();
      return;
    }
    for (Reconfig.Param p : params) {
      switch (p.type()) {
        case Reconfig.OUTGOING_SSN_RESET_REQUEST -> onPeerResetRequest(p);
        case Reconfig.RESPONSE -> onResetResponse(p);
        case Reconfig.INCOMING_SSN_RESET_REQUEST,
            Reconfig.SSN_TSN_RESET_REQUEST,
            Reconfig.ADD_OUTGOING_STREAMS,
            Reconfig.ADD_INCOMING_STREAMS -> {
          if (p.seq() == peerExpectedRequestSeq) {
            peerExpectedRequestSeq++;
            lastPeerRequestSeq = p.seq();
            lastPeerResult = Reconfig.DENIED;
          }
          addControl(Reconfig.response(p.seq(), Reconfig.DENIED));
        }
        default -> packetsDropped.increment();
      }
    }
  }

  /** RFC 6525 §5.2.2: reset now if everything before it arrived, else defer ("in progress"). */
  private void onPeerResetRequest(Reconfig.Param p) {
    int seq = p.seq();
    if (seq == lastPeerRequestSeq && lastPeerResult >= 0) {
      processDeferredResets();
      addControl(Reconfig.response(seq, lastPeerResult)); // retransmitted request
      return;
    }
    if (seq != peerExpectedRequestSeq) {
      addControl(Reconfig.response(seq, Reconfig.ERROR_BAD_SEQUENCE_NUMBER));
      return;
    }
    peerExpectedRequestSeq++;
    lastPeerRequestSeq = seq;
    if (tracker.unwrap(p.lastTsn()) <= tracker.cumulativeUnwrapped()) {
      performIncomingReset(p.streams());
      lastPeerResult = Reconfig.SUCCESS_PERFORMED;
    } else if (deferredResets.size() < MAX_DEFERRED_RESETS) {
      deferredResets.add(new DeferredReset(seq, p.lastTsn(), p.streams()));
      lastPeerResult = Reconfig.IN_PROGRESS;
    } else {
      lastPeerResult = Reconfig.DENIED;
    }
    addControl(Reconfig.response(seq, lastPeerResult));
  }

  /**
   * Data after the peer's last assigned TSN on a stream whose reset is deferred belongs to the
   * stream's next life; it is left unacknowledged (the peer resends it) until the reset is done.
   */
  private boolean heldByDeferredReset(int stream, int tsn) {
    for (DeferredReset d : deferredResets) {
      if (tracker.unwrap(tsn) > tracker.unwrap(d.lastTsn())) {
        if (d.streams().length == 0) {
          return true;
        }
        for (int s : d.streams()) {
          if (s == stream) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void processDeferredResets() {
    for (Iterator<DeferredReset> it = deferredResets.iterator(); it.hasNext(); ) {
      DeferredReset d = it.next();
      if (tracker.unwrap(d.lastTsn()) <= tracker.cumulativeUnwrapped()) {
        it.remove();
        performIncomingReset(d.streams());
        if (d.seq() == lastPeerRequestSeq) {
          lastPeerResult = Reconfig.SUCCESS_PERFORMED;
        }
        addControl(Reconfig.response(d.seq(), Reconfig.SUCCESS_PERFORMED));
      }
    }
  }

  /** The peer reset its outgoing streams: our inbound side starts over, and we close ours too. */
  private void performIncomingReset(int[] streams) {
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

  private void onResetResponse(Reconfig.Param p) {
    ResetRequest r = inflightReset;
    if (r == null || p.seq() != r.seq) {
      return;
    }
    switch (p.result()) {
      case Reconfig.IN_PROGRESS, Reconfig.ERROR_REQUEST_IN_PROGRESS -> r.renew = true;
      default -> {
        // Performed, nothing to do, or refused: either way our side of these streams is done.
        inflightReset = null;
        cancel(reconfigTimer);
        reconfigTimer = null;
        for (int s : r.streams) {
          localResetDone(s);
        }
        sendNextResetRequest();
      }
    }
  }

  private void localResetDone(int stream) {
    DataChannel ch = channels.get(stream);
    if (ch != null && ch.state == DataChannel.State.CLOSING) {
      ch.localResetDone = true;
      ch.nextSsn = 0;
      finishCloseIfDone(ch);
    }
  }

  private void finishCloseIfDone(DataChannel ch) {
    if (ch.localResetDone && ch.remoteResetDone && ch.state != DataChannel.State.CLOSED) {
      ch.state = DataChannel.State.CLOSED;
      channels.remove(ch.id());
      reassembler.resetStream(ch.id());
      events.add(() -> channelListener.onClose(ch));
    }
  }

  private int freeStreamId() {
    int limit = Math.min(outboundStreams, MAX_STREAMS);
    for (int id = config.dtlsClient() ? 0 : 1; id < limit; id += 2) {
      if (!channels.containsKey(id)
          && !refusedStreams.get(id)
          && !pendingResets.contains(id)
          && !reassembler.hasStream(id)) {
        return id;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "SctpAssociation[" + state + ", " + channels.size() + " channels]";
  }
}
