package upcast.sfu.sctp;

/**
 * Our DATA chunks from TSN assignment until the peer's cumulative ack, with the sender's half of
 * reliability and congestion control (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6">RFC 9260 §6</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-7.2">§7.2</a>).
 *
 * <p>Chunks sit in one ring in TSN order; the first {@link #sentCount()} have been sent at least
 * once (new data always leaves in TSN order), the rest wait for cwnd/rwnd room. The ring holds at
 * most {@code capacityBytes} of user data and {@code maxChunks} chunks; {@link #canAccept} says
 * whether a message fits before anything is queued.
 */
final class SendQueue {
  private final int mtu;
  private final int capacityBytes;
  private final int maxChunks;
  private OutboundChunk[] ring = new OutboundChunk[64];
  private int head;
  private int size;
  private int sentCount;
  private long nextTsn;
  private long cumulativeAck;
  private int bufferedBytes;
  private int retransmitCount;
  private long sackEpoch;

  private long cwnd;
  private long ssthresh;
  private long partialBytesAcked;
  private long flightBytes;
  private long peerWindow;
  private boolean fastRecovery;
  private long fastRecoveryExit;
  private boolean fastRetransmitPending;

  private long rttTsn = -1;
  private long rttSentAtMillis;

  /** What a SACK changed. */
  record SackOutcome(boolean valid, boolean cumulativeAdvanced, long rttSampleMillis) {
    static final SackOutcome IGNORED = new SackOutcome(false, false, -1);
  }

  SendQueue(int initialTsn, int mtu, int capacityBytes, int maxChunks) {
    this.mtu = mtu;
    this.capacityBytes = capacityBytes;
    this.maxChunks = maxChunks;
    this.nextTsn = initialTsn & 0xFFFFFFFFL;
    this.cumulativeAck = nextTsn - 1;
    // §7.2.1: initial cwnd = min(4*MTU, max(2*MTU, 4404)).
    this.cwnd = Math.min(4L * mtu, Math.max(2L * mtu, 4404));
    this.ssthresh = Integer.MAX_VALUE;
    this.peerWindow = 65535;
  }

  /** §7.2.1: ssthresh starts at the peer's advertised window. */
  void setPeerWindow(long window) {
    this.peerWindow = window;
    this.ssthresh = window;
  }

  boolean canAccept(int payloadBytes, int chunks) {
    return bufferedBytes + payloadBytes <= capacityBytes && size + chunks <= maxChunks;
  }

  /** Queues one chunk and gives it the next TSN. */
  long add(int stream, int ssn, int ppid, int flags, byte[] data, DataChannel owner) {
    if (size == ring.length) {
      grow();
    }
    long tsn = nextTsn++;
    ring[(head + size) & (ring.length - 1)] =
        new OutboundChunk(tsn, stream, ssn, ppid, flags, data, owner);
    size++;
    bufferedBytes += data.length;
    return tsn;
  }

  OutboundChunk get(int i) {
    return ring[(head + i) & (ring.length - 1)];
  }

  int size() {
    return size;
  }

  int sentCount() {
    return sentCount;
  }

  int bufferedBytes() {
    return bufferedBytes;
  }

  /** The last TSN given out: RFC 6525's "Sender's Last Assigned TSN". */
  int lastAssignedTsn() {
    return (int) (nextTsn - 1);
  }

  int cumulativeAck() {
    return (int) cumulativeAck;
  }

  boolean allAcked() {
    return size == 0;
  }

  boolean hasUnsent() {
    return sentCount < size;
  }

  boolean hasOutstanding() {
    return sentCount > 0;
  }

  int retransmitCount() {
    return retransmitCount;
  }

  long cwnd() {
    return cwnd;
  }

  long ssthresh() {
    return ssthresh;
  }

  long flightBytes() {
    return flightBytes;
  }

  long peerWindow() {
    return peerWindow;
  }

  boolean fastRetransmitPending() {
    return fastRetransmitPending;
  }

  /**
   * Whether a chunk may go now: §6.1 rule A (peer window) and B (one chunk when nothing is in
   * flight), §7.2 cwnd. A fast retransmission ignores cwnd for one packet (§7.2.4 step 3).
   */
  boolean mayTransmit(OutboundChunk c, boolean isRetransmission) {
    if (flightBytes == 0) {
      return true;
    }
    if (isRetransmission && fastRetransmitPending) {
      return true;
    }
    if (flightBytes + c.size() > cwnd) {
      return false;
    }
    return isRetransmission || c.size() <= peerWindow;
  }

  /** Records that {@code c} was just put on the wire. */
  void onTransmitted(OutboundChunk c, long nowMillis) {
    boolean first = c.transmissions == 0;
    if (c.retransmit) {
      c.retransmit = false;
      retransmitCount--;
    }
    c.transmissions++;
    c.inFlight = true;
    c.misses = 0;
    flightBytes += c.size();
    peerWindow = Math.max(0, peerWindow - c.size());
    if (first) {
      sentCount++;
      if (rttTsn < 0) {
        rttTsn = c.tsn;
        rttSentAtMillis = nowMillis;
      }
    } else if (c.tsn == rttTsn) {
      rttTsn = -1; // Karn: never time a retransmitted chunk (§6.3.1 C5)
    }
  }

  /** Ends the cwnd bypass of a fast retransmission after its one packet. */
  void fastRetransmitPacketSent() {
    fastRetransmitPending = false;
  }

  /** §6.2.1, §7.2: processes a SACK. */
  SackOutcome onSack(SackChunk sack, long nowMillis) {
    long cum = cumulativeAck + (sack.cumulativeTsnAck() - (int) cumulativeAck);
    if (cum < cumulativeAck || cum > cumulativeAck + sentCount) {
      return SackOutcome.IGNORED; // stale (§6.2.1 D.i) or acks something never sent
    }
    long flightBefore = flightBytes;
    long bytesAcked = 0;
    long rtt = -1;
    while (size > 0 && get(0).tsn <= cum) {
      OutboundChunk c = removeFirst();
      if (!c.acked) {
        bytesAcked += c.size();
      }
      if (c.tsn == rttTsn) {
        if (c.transmissions == 1) {
          rtt = nowMillis - rttSentAtMillis;
        }
        rttTsn = -1;
      }
    }
    boolean advanced = cum > cumulativeAck;
    cumulativeAck = cum;

    long epoch = ++sackEpoch;
    long highestNewlyAcked = advanced ? cum : -1;
    int[] starts = sack.gapStarts();
    int[] ends = sack.gapEnds();
    for (int g = 0; g < starts.length; g++) {
      int from = Math.max(1, starts[g]);
      int to = Math.min(ends[g], sentCount);
      for (int off = from; off <= to; off++) {
        OutboundChunk c = get(off - 1);
        c.sackStamp = epoch;
        if (!c.acked) {
          c.acked = true;
          leaveFlight(c);
          if (c.retransmit) {
            c.retransmit = false;
            retransmitCount--;
          }
          bytesAcked += c.size();
          highestNewlyAcked = Math.max(highestNewlyAcked, c.tsn);
          if (c.tsn == rttTsn) {
            if (c.transmissions == 1) {
              rtt = nowMillis - rttSentAtMillis;
            }
            rttTsn = -1;
          }
        }
      }
    }
    for (int i = 0; i < sentCount; i++) {
      OutboundChunk c = get(i);
      if (c.acked && c.sackStamp != epoch) {
        c.acked = false; // reneged (§6.2.1): back to needing an ack, T3 will resend it
      } else if (!c.acked && !c.retransmit && c.tsn < highestNewlyAcked) {
        // §7.2.4: a miss indication per SACK that acks something above it.
        if (++c.misses >= 3 && !c.fastRetransmitted) {
          markFastRetransmit(c);
        }
      }
    }
    if (advanced && fastRecovery && cum >= fastRecoveryExit) {
      fastRecovery = false;
    }
    if (advanced && !fastRecovery) {
      boolean cwndLimited = flightBefore + mtu > cwnd;
      if (cwnd <= ssthresh) {
        if (cwndLimited) {
          cwnd += Math.min(bytesAcked, mtu); // §7.2.1 slow start
        }
      } else {
        partialBytesAcked += bytesAcked; // §7.2.2 congestion avoidance
        if (partialBytesAcked >= cwnd && cwndLimited) {
          partialBytesAcked -= cwnd;
          cwnd += mtu;
        }
      }
    }
    if (flightBytes == 0) {
      partialBytesAcked = 0;
    }
    peerWindow = Math.max(0, sack.advertisedWindow() - flightBytes);
    return new SackOutcome(true, advanced, rtt);
  }

  /** §6.3.3 E1, E3: everything outstanding and not gap-acked is to be resent, cwnd to one MTU. */
  void onRetransmissionTimeout() {
    ssthresh = Math.max(cwnd / 2, 4L * mtu);
    cwnd = mtu;
    partialBytesAcked = 0;
    fastRecovery = false;
    fastRetransmitPending = false;
    rttTsn = -1;
    for (int i = 0; i < sentCount; i++) {
      OutboundChunk c = get(i);
      if (!c.acked && !c.retransmit) {
        c.retransmit = true;
        retransmitCount++;
        leaveFlight(c);
      }
    }
  }

  private void markFastRetransmit(OutboundChunk c) {
    c.fastRetransmitted = true;
    c.retransmit = true;
    retransmitCount++;
    leaveFlight(c);
    fastRetransmitPending = true;
    if (!fastRecovery) {
      // §7.2.3 / §7.2.4 step 2: one reduction per loss event.
      ssthresh = Math.max(cwnd / 2, 4L * mtu);
      cwnd = ssthresh;
      partialBytesAcked = 0;
      fastRecovery = true;
      fastRecoveryExit = nextTsn - 1;
    }
  }

  private void leaveFlight(OutboundChunk c) {
    if (c.inFlight) {
      c.inFlight = false;
      flightBytes -= c.size();
    }
  }

  private OutboundChunk removeFirst() {
    OutboundChunk c = ring[head];
    ring[head] = null;
    head = (head + 1) & (ring.length - 1);
    size--;
    if (sentCount > 0) {
      sentCount--;
    }
    leaveFlight(c);
    if (c.retransmit) {
      retransmitCount--;
    }
    bufferedBytes -= c.data.length;
    if (c.owner != null) {
      c.owner.onAcked(c.data.length);
    }
    return c;
  }

  /** Forgets everything (association gone); owners' buffered amounts are released. */
  void clear() {
    while (size > 0) {
      removeFirst();
    }
    sentCount = 0;
    flightBytes = 0;
    retransmitCount = 0;
  }

  private void grow() {
    OutboundChunk[] bigger = new OutboundChunk[ring.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = get(i);
    }
    ring = bigger;
    head = 0;
  }
}
