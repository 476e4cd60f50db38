package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The four-way handshake in both roles (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-5.1">RFC 9260 §5.1</a>): INIT, INIT ACK with
 * an HMAC-signed State Cookie, COOKIE ECHO, COOKIE ACK, and the T1-init/T1-cookie timer that
 * repeats our side of it.
 *
 * <p>As responder it keeps no state until a valid cookie comes back (§5.1.3), so an INIT flood
 * costs nothing but the answers. INIT collisions (§5.2.1, §5.2.4 case B/D) resolve themselves
 * because any INIT is answered and any valid cookie for our tag establishes. Peer restart (§5.2.4
 * case A) is not supported: the ICE/DTLS layer replaces the whole association instead.
 */
final class Handshake {
  static final int MAX_INIT_RETRANS = 8;
  static final int COOKIE_LIFESPAN_MILLIS = 60_000;

  private final SctpConfig config;
  private final AssociationContext ctx;
  private final PacketSender sender;
  private final RtoEstimator rto;
  private final int localTag;
  private final int localInitialTsn;

  private int initRetransmits;
  private long t1Millis = SctpAssociation.RTO_INITIAL_MILLIS;
  private SctpTimers.@Nullable Cancellable t1Timer;
  private byte @Nullable [] cookieToEcho;
  private List<byte[]> unrecognizedInInitAck = List.of();

  Handshake(
      SctpConfig config,
      AssociationContext ctx,
      PacketSender sender,
      RtoEstimator rto,
      int localTag,
      int localInitialTsn) {
    this.config = config;
    this.ctx = ctx;
    this.sender = sender;
    this.rto = rto;
    this.localTag = localTag;
    this.localInitialTsn = localInitialTsn;
  }

  /** §5.1 A: as initiator, sends INIT and waits for INIT ACK. */
  void start() {
    ctx.setState(SctpState.COOKIE_WAIT);
    sendInit();
    startT1();
  }

  /** Stops T1 for good: the handshake is over, one way or the other. */
  void stop() {
    AssociationContext.cancel(t1Timer);
    t1Timer = null;
  }

  private void sendInit() {
    InitChunk.write(
        sender.begin(0),
        ChunkType.INIT,
        localTag,
        config.receiveBufferBytes(),
        SctpAssociation.MAX_STREAMS,
        SctpAssociation.MAX_STREAMS,
        localInitialTsn,
        null,
        List.of());
    sender.emit();
  }

  /** §5.1 B and §5.2.1/§5.2.2: answer any INIT with an INIT ACK; keep no state for it. */
  void onInit(Chunk c) {
    InitChunk init = InitChunk.parse(c);
    if (init == null || ctx.terminated()) {
      ctx.countDropped();
      return;
    }
    StateCookie cookie =
        new StateCookie(
            ctx.nowMillis(),
            COOKIE_LIFESPAN_MILLIS,
            localTag,
            init.initiateTag(),
            localInitialTsn,
            init.initialTsn(),
            init.advertisedWindow(),
            init.outboundStreams(),
            init.inboundStreams(),
            init.peerSupportsReconfig());
    InitChunk.write(
        sender.begin(init.initiateTag()),
        ChunkType.INIT_ACK,
        localTag,
        config.receiveBufferBytes(),
        SctpAssociation.MAX_STREAMS,
        SctpAssociation.MAX_STREAMS,
        localInitialTsn,
        config.cookieSigner().seal(cookie),
        init.unrecognized());
    sender.emit();
  }

  /** §5.1 C: the INIT ACK gives us the peer's parameters and a cookie to echo. */
  void onInitAck(Chunk c) {
    if (ctx.state() != SctpState.COOKIE_WAIT) {
      return; // §5.2.3: discard
    }
    InitChunk ack = InitChunk.parse(c);
    if (ack == null || ack.cookie() == null) {
      ctx.countDropped();
      return;
    }
    ctx.setupPeer(
        ack.initiateTag(),
        ack.initialTsn(),
        ack.advertisedWindow(),
        ack.outboundStreams(),
        ack.inboundStreams(),
        ack.peerSupportsReconfig());
    cookieToEcho = ack.cookie();
    unrecognizedInInitAck = ack.unrecognized();
    AssociationContext.cancel(t1Timer);
    ctx.setState(SctpState.COOKIE_ECHOED);
    initRetransmits = 0;
    t1Millis = rto.rtoMillis();
    sendCookieEcho();
    startT1();
  }

  private void sendCookieEcho() {
    PacketWriter writer = sender.begin(ctx.peerTag());
    writer.beginChunk(ChunkType.COOKIE_ECHO, 0);
    byte[] cookie = requireNonNull(cookieToEcho); // set from the INIT ACK before any COOKIE ECHO
    writer.bytes(cookie, 0, cookie.length);
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
    sender.emit();
  }

  /**
   * §5.1.5 and §5.2.4: a valid cookie for this association's tag establishes it, or, once
   * established, means our COOKIE ACK was lost.
   *
   * @return false if the cookie is invalid, stale or from another association (the packet is then
   *     dropped)
   */
  boolean onCookieEcho(Chunk c, int vtag) {
    StateCookieSigner.Opened opened =
        config.cookieSigner().open(c.buf(), c.valueOff(), c.valueLen(), ctx.nowMillis());
    if (opened == null || ctx.terminated()) {
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
      sender.sendSingle(ck.peerTag(), ControlChunk.build(ChunkType.ERROR, 0, cause, cause.length));
      return false;
    }
    switch (ctx.state()) {
      case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> {
        if (ctx.tracker() == null || ctx.peerTag() != ck.peerTag()) {
          ctx.setupPeer(
              ck.peerTag(),
              ck.peerInitialTsn(),
              ck.peerWindow(),
              ck.peerOutboundStreams(),
              ck.peerInboundStreams(),
              ck.peerSupportsReconfig());
        }
        sender.addControl(ControlChunk.empty(ChunkType.COOKIE_ACK));
        ctx.establish();
        return true;
      }
      default -> {
        if (ck.peerTag() != ctx.peerTag()) {
          return false; // §5.2.4 case A (peer restart): not supported
        }
        sender.addControl(ControlChunk.empty(ChunkType.COOKIE_ACK)); // case D: our ACK was lost
        return true;
      }
    }
  }

  private void startT1() {
    t1Timer = ctx.startTimer(this::onT1Expired, t1Millis);
  }

  /** §5.1 with §6.3.3 backoff: repeat INIT or COOKIE ECHO, give up after Max.Init.Retransmits. */
  private void onT1Expired() {
    t1Timer = null;
    SctpState state = ctx.state();
    if (state != SctpState.COOKIE_WAIT && state != SctpState.COOKIE_ECHOED) {
      return;
    }
    if (++initRetransmits > MAX_INIT_RETRANS) {
      ctx.terminate("handshake timed out");
      return;
    }
    t1Millis = Math.min(SctpAssociation.RTO_MAX_MILLIS, t1Millis * 2);
    if (state == SctpState.COOKIE_WAIT) {
      sendInit();
    } else {
      sendCookieEcho();
    }
    startT1();
  }
}
