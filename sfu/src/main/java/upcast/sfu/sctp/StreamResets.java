package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stream reset (<a href="https://www.rfc-editor.org/rfc/rfc6525">RFC 6525</a>), the way data
 * channels close (<a href="https://www.rfc-editor.org/rfc/rfc8831#section-6.7">RFC 8831 §6.7</a>):
 * our Outgoing SSN Reset Requests (<a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-4.1">§4.1</a>), one in flight at a time and
 * repeated on a timer, and the answers (<a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-4.4">§4.4</a>) to the peer's. A peer request
 * whose last TSN has not arrived yet is deferred (<a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-5.2.2">§5.2.2</a>). Every other request kind
 * is denied.
 *
 * <p>This class speaks the protocol only; what a reset means for a channel is the {@link
 * Listener}'s business.
 */
final class StreamResets {
  /** Peer requests waiting for their last TSN; beyond this many, a request is denied. */
  static final int MAX_DEFERRED_RESETS = 8;

  /** What the association does when a reset is done. */
  interface Listener {
    /** Our outgoing stream was reset (or we gave up waiting for the peer to confirm it). */
    void outgoingResetDone(int stream);

    /** The peer reset its outgoing streams; an empty array means all of them. */
    void incomingReset(int[] streams);
  }

  private static final class Request {
    int seq;
    final int[] streams;
    boolean renew;
    int attempts;

    Request(int seq, int[] streams) {
      this.seq = seq;
      this.streams = streams;
    }
  }

  @SuppressWarnings("ArrayRecordComponent") // never compared
  private record DeferredReset(int seq, int lastTsn, int[] streams) {}

  private final AssociationContext ctx;
  private final PacketSender sender;
  private final SendQueue queue;
  private final RtoEstimator rto;
  private final Listener listener;

  // Our requests.
  private int nextRequestSeq;
  private @Nullable Request inflight;
  private final LinkedHashSet<Integer> pending = new LinkedHashSet<>();
  private SctpTimers.@Nullable Cancellable timer;

  // The peer's requests.
  private int peerExpectedRequestSeq;
  private int lastPeerRequestSeq;
  private int lastPeerResult = -1;
  private final List<DeferredReset> deferred = new ArrayList<>();

  /** Request sequence numbers start at the initial TSN, ours and the peer's (RFC 6525 §4.1). */
  StreamResets(
      AssociationContext ctx,
      PacketSender sender,
      SendQueue queue,
      RtoEstimator rto,
      int localInitialTsn,
      Listener listener) {
    this.ctx = ctx;
    this.sender = sender;
    this.queue = queue;
    this.rto = rto;
    this.listener = listener;
    this.nextRequestSeq = localInitialTsn;
  }

  /** The handshake learned the peer's initial TSN, which is also its first request number. */
  void setPeerInitialTsn(int initialTsn) {
    peerExpectedRequestSeq = initialTsn;
    lastPeerRequestSeq = initialTsn - 1;
  }

  /** Asks the peer to let us reset our outgoing stream (queued behind the request in flight). */
  void request(int stream) {
    pending.add(stream);
    sendNextRequest();
  }

  boolean isPending(int stream) {
    return pending.contains(stream);
  }

  /** Streams queued or in flight for an outgoing reset. */
  int pendingCount() {
    return pending.size() + (inflight != null ? inflight.streams.length : 0);
  }

  /** Forgets everything: the association ended. */
  void stop() {
    AssociationContext.cancel(timer);
    pending.clear();
    inflight = null;
    deferred.clear();
  }

  /** RFC 6525 §5.1.2: one request in flight at a time; it names the last TSN we assigned. */
  private void sendNextRequest() {
    if (inflight != null
        || pending.isEmpty()
        || ctx.tracker() == null
        || ctx.state() == SctpState.COOKIE_WAIT
        || ctx.state() == SctpState.COOKIE_ECHOED
        || ctx.terminated()) {
      return;
    }
    int n = Math.min(pending.size(), Reconfig.MAX_STREAMS_PER_REQUEST);
    int[] streams = new int[n];
    Iterator<Integer> it = pending.iterator();
    for (int i = 0; i < n; i++) {
      streams[i] = it.next();
      it.remove();
    }
    inflight = new Request(nextRequestSeq++, streams);
    transmit();
  }

  private void transmit() {
    Request r = requireNonNull(inflight);
    sender.addControl(
        Reconfig.outgoingResetRequest(
            r.seq, peerExpectedRequestSeq - 1, queue.lastAssignedTsn(), r.streams));
    AssociationContext.cancel(timer);
    timer = ctx.startTimer(this::onTimer, rto.rtoMillis());
  }

  /** RFC 6525 §5.1.1: repeat the request (with a new number once the peer said "in progress"). */
  private void onTimer() {
    timer = null;
    Request r = inflight;
    if (r == null || ctx.terminated()) {
      return;
    }
    if (++r.attempts > SctpAssociation.MAX_RETRANS) {
      inflight = null; // give up on the peer's confirmation; close our side anyway
      for (int s : r.streams) {
        listener.outgoingResetDone(s);
      }
      sendNextRequest();
      return;
    }
    if (r.renew) {
      r.seq = nextRequestSeq++;
      r.renew = false;
    }
    transmit();
  }

  /** A RE-CONFIG chunk (RFC 6525 §3.1): requests and responses, one or two parameters. */
  void onReconfig(Chunk c) {
    if (ctx.tracker() == null) {
      return;
    }
    List<Reconfig.Param> params = Reconfig.parse(c);
    if (params == null) {
      ctx.countDropped();
      return;
    }
    for (Reconfig.Param p : params) {
      switch (p.type()) {
        case Reconfig.OUTGOING_SSN_RESET_REQUEST -> onPeerRequest(p);
        case Reconfig.RESPONSE -> onResponse(p);
        case Reconfig.INCOMING_SSN_RESET_REQUEST,
            Reconfig.SSN_TSN_RESET_REQUEST,
            Reconfig.ADD_OUTGOING_STREAMS,
            Reconfig.ADD_INCOMING_STREAMS -> {
          if (p.seq() == peerExpectedRequestSeq) {
            peerExpectedRequestSeq++;
            lastPeerRequestSeq = p.seq();
            lastPeerResult = Reconfig.DENIED;
          }
          sender.addControl(Reconfig.response(p.seq(), Reconfig.DENIED));
        }
        default -> ctx.countDropped();
      }
    }
  }

  /** RFC 6525 §5.2.2: reset now if everything before it arrived, else defer ("in progress"). */
  private void onPeerRequest(Reconfig.Param p) {
    int seq = p.seq();
    if (seq == lastPeerRequestSeq && lastPeerResult >= 0) {
      processDeferred();
      sender.addControl(Reconfig.response(seq, lastPeerResult)); // retransmitted request
      return;
    }
    if (seq != peerExpectedRequestSeq) {
      sender.addControl(Reconfig.response(seq, Reconfig.ERROR_BAD_SEQUENCE_NUMBER));
      return;
    }
    peerExpectedRequestSeq++;
    lastPeerRequestSeq = seq;
    ReceivedTsnTracker tracker = requireNonNull(ctx.tracker());
    if (tracker.unwrap(p.lastTsn()) <= tracker.cumulativeUnwrapped()) {
      listener.incomingReset(p.streams());
      lastPeerResult = Reconfig.SUCCESS_PERFORMED;
    } else if (deferred.size() < MAX_DEFERRED_RESETS) {
      deferred.add(new DeferredReset(seq, p.lastTsn(), p.streams()));
      lastPeerResult = Reconfig.IN_PROGRESS;
    } else {
      lastPeerResult = Reconfig.DENIED;
    }
    sender.addControl(Reconfig.response(seq, lastPeerResult));
  }

  /**
   * Data after the peer's last assigned TSN on a stream whose reset is deferred belongs to the
   * stream's next life; it is left unacknowledged (the peer resends it) until the reset is done.
   */
  boolean holds(int stream, int tsn) {
    ReceivedTsnTracker tracker = requireNonNull(ctx.tracker());
    for (DeferredReset d : deferred) {
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

  /** Performs the deferred resets whose last TSN has now arrived, and says so to the peer. */
  void processDeferred() {
    ReceivedTsnTracker tracker = requireNonNull(ctx.tracker());
    for (Iterator<DeferredReset> it = deferred.iterator(); it.hasNext(); ) {
      DeferredReset d = it.next();
      if (tracker.unwrap(d.lastTsn()) <= tracker.cumulativeUnwrapped()) {
        it.remove();
        listener.incomingReset(d.streams());
        if (d.seq() == lastPeerRequestSeq) {
          lastPeerResult = Reconfig.SUCCESS_PERFORMED;
        }
        sender.addControl(Reconfig.response(d.seq(), Reconfig.SUCCESS_PERFORMED));
      }
    }
  }

  private void onResponse(Reconfig.Param p) {
    Request r = inflight;
    if (r == null || p.seq() != r.seq) {
      return;
    }
    switch (p.result()) {
      case Reconfig.IN_PROGRESS, Reconfig.ERROR_REQUEST_IN_PROGRESS -> r.renew = true;
      default -> {
        // Performed, nothing to do, or refused: either way our side of these streams is done.
        inflight = null;
        AssociationContext.cancel(timer);
        timer = null;
        for (int s : r.streams) {
          listener.outgoingResetDone(s);
        }
        sendNextRequest();
      }
    }
  }
}
