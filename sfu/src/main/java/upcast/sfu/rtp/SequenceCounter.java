package upcast.sfu.rtp;

/**
 * The extended highest sequence number of one RTP stream and how many packets arrived (RFC 3550
 * §6.4.1 and Appendix A.1): enough for receiver reports and loss accounting. Single-threaded.
 */
public final class SequenceCounter {
  private int first = -1;
  private int highest = -1;
  private long cycles;
  private long received;

  /** Records a received packet's 16-bit sequence number; reordered ones do not move the top. */
  public void update(int seq) {
    received++;
    if (highest < 0) {
      first = seq;
      highest = seq;
      return;
    }
    int delta = (seq - highest) & 0xFFFF;
    if (delta != 0 && delta < 0x8000) {
      if (seq < highest) {
        cycles += 0x10000;
      }
      highest = seq;
    }
  }

  public boolean started() {
    return highest >= 0;
  }

  /** Cycle count in the upper 16 bits, highest sequence number in the lower (RFC 3550 §6.4.1). */
  public long extendedHighest() {
    return cycles + Math.max(0, highest);
  }

  /** Fraction of the packets expected since the first one that did not arrive (0 to 1). */
  public double lossFraction() {
    if (highest < 0) {
      return 1.0;
    }
    long expected = cycles + highest - first + 1;
    return expected <= 0 ? 0 : Math.max(0, 1.0 - (double) received / expected);
  }
}
