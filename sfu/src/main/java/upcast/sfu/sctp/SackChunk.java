package upcast.sfu.sctp;

import org.jspecify.annotations.Nullable;

/**
 * SACK (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4">RFC 9260 §3.3.4</a>):
 * Cumulative TSN Ack, Advertised Receiver Window Credit, Gap Ack Blocks as start/end offsets from
 * the cumulative TSN, and Duplicate TSNs.
 *
 * @param gapStarts start offsets (1..65535), parallel to {@code gapEnds}
 */
@SuppressWarnings("ArrayRecordComponent") // parsed once and read field by field, never compared
record SackChunk(
    int cumulativeTsnAck, long advertisedWindow, int[] gapStarts, int[] gapEnds, int[] duplicates) {
  static final int FIXED_LENGTH = 12;

  /** Parses, or returns {@code null} if the lengths do not add up. */
  static @Nullable SackChunk parse(Chunk c) {
    byte[] b = c.buf();
    int p = c.valueOff();
    if (c.valueLen() < FIXED_LENGTH) {
      return null;
    }
    int gaps = Bytes.u16(b, p + 8);
    int dups = Bytes.u16(b, p + 10);
    if (FIXED_LENGTH + 4 * gaps + 4 * dups > c.valueLen()) {
      return null;
    }
    int[] starts = new int[gaps];
    int[] ends = new int[gaps];
    int q = p + FIXED_LENGTH;
    for (int i = 0; i < gaps; i++, q += 4) {
      starts[i] = Bytes.u16(b, q);
      ends[i] = Bytes.u16(b, q + 2);
    }
    int[] d = new int[dups];
    for (int i = 0; i < dups; i++, q += 4) {
      d[i] = Bytes.i32(b, q);
    }
    return new SackChunk(Bytes.i32(b, p), Bytes.u32(b, p + 4), starts, ends, d);
  }

  static int length(int gaps, int dups) {
    return 4 + FIXED_LENGTH + 4 * gaps + 4 * dups;
  }
}
