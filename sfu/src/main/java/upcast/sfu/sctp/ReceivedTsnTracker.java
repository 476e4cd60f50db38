package upcast.sfu.sctp;

/**
 * Which TSNs we have received (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-6.2">RFC
 * 9260 §6.2</a>): the cumulative TSN plus a fixed-size bitmap of TSNs received above it, from which
 * SACK Gap Ack Blocks are made, and a short list of duplicates to report. TSNs more than {@link
 * #WINDOW} beyond the cumulative TSN are refused (not acknowledged; the peer retransmits them
 * later), so memory stays constant whatever the peer sends.
 */
final class ReceivedTsnTracker {
  static final int WINDOW = 16384;
  static final int MAX_DUPLICATES = 16;
  static final int MAX_GAP_BLOCKS = 64;

  enum Status {
    NEW,
    DUPLICATE,
    OUT_OF_WINDOW
  }

  private final long[] bits = new long[WINDOW / 64];
  private long cumulative;
  private long highest;
  private final int[] duplicates = new int[MAX_DUPLICATES];
  private int duplicateCount;

  /**
   * @param peerInitialTsn the peer's Initial TSN; the cumulative TSN starts one below it.
   */
  ReceivedTsnTracker(int peerInitialTsn) {
    this.cumulative = (peerInitialTsn & 0xFFFFFFFFL) - 1;
    this.highest = cumulative;
  }

  /** Maps a 32-bit TSN onto the unbounded sequence, near the cumulative TSN. */
  long unwrap(int tsn) {
    return cumulative + (tsn - (int) cumulative);
  }

  /** Classifies without recording; a DUPLICATE is remembered for the next SACK. */
  Status check(int tsn) {
    long u = unwrap(tsn);
    if (u <= cumulative || isSet(u)) {
      if (duplicateCount < MAX_DUPLICATES) {
        duplicates[duplicateCount++] = tsn;
      }
      return Status.DUPLICATE;
    }
    return u - cumulative > WINDOW ? Status.OUT_OF_WINDOW : Status.NEW;
  }

  /** Records a TSN that {@link #check} called NEW; returns whether the cumulative TSN moved. */
  boolean mark(int tsn) {
    long u = unwrap(tsn);
    set(u);
    if (u > highest) {
      highest = u;
    }
    boolean moved = false;
    while (isSet(cumulative + 1)) {
      clear(cumulative + 1);
      cumulative++;
      moved = true;
    }
    return moved;
  }

  int cumulativeTsn() {
    return (int) cumulative;
  }

  long cumulativeUnwrapped() {
    return cumulative;
  }

  boolean hasGaps() {
    return highest > cumulative;
  }

  int duplicateCount() {
    return duplicateCount;
  }

  /**
   * Writes a SACK chunk for the current state and forgets the reported duplicates. The number of
   * gap blocks is capped at {@link #MAX_GAP_BLOCKS} (the lowest ones matter most).
   */
  void writeSack(PacketWriter w, long advertisedWindow) {
    int[] starts = new int[MAX_GAP_BLOCKS];
    int[] ends = new int[MAX_GAP_BLOCKS];
    int gaps = 0;
    long u = cumulative + 1;
    while (u <= highest && gaps < MAX_GAP_BLOCKS) {
      if (!isSet(u)) {
        u++;
        continue;
      }
      long start = u;
      while (u + 1 <= highest && isSet(u + 1)) {
        u++;
      }
      starts[gaps] = (int) (start - cumulative);
      ends[gaps] = (int) (u - cumulative);
      gaps++;
      u++;
    }
    w.beginChunk(ChunkType.SACK, 0);
    w.u32((int) cumulative);
    w.u32((int) Math.min(advertisedWindow, 0xFFFFFFFFL));
    w.u16(gaps);
    w.u16(duplicateCount);
    for (int i = 0; i < gaps; i++) {
      w.u16(starts[i]);
      w.u16(ends[i]);
    }
    for (int i = 0; i < duplicateCount; i++) {
      w.u32(duplicates[i]);
    }
    w.endChunk();
    duplicateCount = 0;
  }

  /** Upper bound of a SACK's length, for room checks. */
  static int maxSackLength() {
    return SackChunk.length(MAX_GAP_BLOCKS, MAX_DUPLICATES);
  }

  private boolean isSet(long u) {
    if (u <= cumulative || u - cumulative > WINDOW) {
      return false;
    }
    int i = (int) (u & (WINDOW - 1));
    return (bits[i >>> 6] & (1L << (i & 63))) != 0;
  }

  private void set(long u) {
    int i = (int) (u & (WINDOW - 1));
    bits[i >>> 6] |= 1L << (i & 63);
  }

  private void clear(long u) {
    int i = (int) (u & (WINDOW - 1));
    bits[i >>> 6] &= ~(1L << (i & 63));
  }
}
