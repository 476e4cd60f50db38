package upcast.sfu.rtp;

/**
 * Zero-allocation reading and writing of RTCP (RFC 3550 §6, RFC 4585 §6, RFC 5104 §4.3). A compound
 * packet is walked with {@link #next}: each packet's length field is checked against the buffer, so
 * truncated input ends the walk instead of throwing.
 */
public final class Rtcp {
  public static final int SR = 200;
  public static final int RR = 201;
  public static final int SDES = 202;
  public static final int BYE = 203;

  /** Transport-layer feedback (RFC 4585 §6.2): FMT 1 = generic NACK. */
  public static final int RTPFB = 205;

  /** Payload-specific feedback (RFC 4585 §6.3): FMT 1 = PLI; RFC 5104 §4.3.1: FMT 4 = FIR. */
  public static final int PSFB = 206;

  public static final int FMT_PLI = 1;
  public static final int FMT_FIR = 4;

  private Rtcp() {}

  /**
   * Offset just past the RTCP packet starting at {@code p} (within {@code [off, end)}), or -1 if it
   * is not a valid version-2 packet that fits.
   */
  public static int next(byte[] b, int p, int end) {
    if (p + 4 > end || (b[p] & 0xC0) != 0x80) {
      return -1;
    }
    int words = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    int q = p + 4 + 4 * words;
    return q <= end ? q : -1;
  }

  public static int packetType(byte[] b, int p) {
    return b[p + 1] & 0xff;
  }

  /** Report count or feedback message type: the low five bits of the first byte. */
  public static int countOrFormat(byte[] b, int p) {
    return b[p] & 0x1F;
  }

  public static long senderSsrc(byte[] b, int p) {
    return Rtp.readUint32(b, p + 4);
  }

  /** Media source SSRC of a feedback message (RFC 4585 §6.1). */
  public static long mediaSsrc(byte[] b, int p) {
    return Rtp.readUint32(b, p + 8);
  }

  /** The middle 32 bits of a sender report's NTP timestamp, the LSR of RFC 3550 §6.4.1. */
  public static long srCompactNtp(byte[] b, int p) {
    return Rtp.readUint32(b, p + 10) & 0xFFFFFFFFL;
  }

  /**
   * Offset of the first report block of an SR (after the 20-byte sender info, RFC 3550 §6.4.1) or
   * RR (§6.4.2) at {@code p}, or -1 for other packet types.
   */
  public static int firstReportBlock(byte[] b, int p) {
    return switch (packetType(b, p)) {
      case SR -> p + 28;
      case RR -> p + 8;
      default -> -1;
    };
  }

  /**
   * The number of complete 24-byte report blocks of the SR or RR at {@code p} that fit before
   * {@code next} (the offset {@link #next} returned): the report count, capped by the length.
   */
  public static int reportBlocks(byte[] b, int p, int next) {
    int first = firstReportBlock(b, p);
    if (first < 0 || first > next) {
      return 0;
    }
    return Math.min(countOrFormat(b, p), (next - first) / 24);
  }

  /** SSRC_n, the source a report block is about (RFC 3550 §6.4.1). */
  public static long reportBlockSource(byte[] b, int p, int index) {
    return Rtp.readUint32(b, firstReportBlock(b, p) + 24 * index);
  }

  /** Writes a Picture Loss Indication (RFC 4585 §6.3.1); returns its length, 12. */
  public static int writePli(byte[] b, int o, long senderSsrc, long mediaSsrc) {
    b[o] = (byte) (0x80 | FMT_PLI);
    b[o + 1] = (byte) PSFB;
    b[o + 2] = 0;
    b[o + 3] = 2;
    Rtp.writeUint32(b, o + 4, senderSsrc);
    Rtp.writeUint32(b, o + 8, mediaSsrc);
    return 12;
  }

  /** Writes a Full Intra Request (RFC 5104 §4.3.1); returns its length, 20. */
  public static int writeFir(byte[] b, int o, long senderSsrc, long mediaSsrc, int sequence) {
    b[o] = (byte) (0x80 | FMT_FIR);
    b[o + 1] = (byte) PSFB;
    b[o + 2] = 0;
    b[o + 3] = 4;
    Rtp.writeUint32(b, o + 4, senderSsrc);
    Rtp.writeUint32(b, o + 8, 0); // RFC 5104 §4.3.1.2: media source SSRC is unused, set to 0
    Rtp.writeUint32(b, o + 12, mediaSsrc);
    b[o + 16] = (byte) sequence;
    b[o + 17] = 0;
    b[o + 18] = 0;
    b[o + 19] = 0;
    return 20;
  }

  /**
   * Writes a receiver report with one report block (RFC 3550 §6.4.2); returns its length, 32.
   *
   * @param lsr middle 32 bits of the last SR's NTP time from {@code source}, or 0
   * @param dlsr delay since that SR in units of 1/65536 s, or 0
   */
  public static int writeReceiverReport(
      byte[] b,
      int o,
      long senderSsrc,
      long source,
      int fractionLost,
      int cumulativeLost,
      long extendedHighestSeq,
      long jitter,
      long lsr,
      long dlsr) {
    b[o] = (byte) 0x81;
    b[o + 1] = (byte) RR;
    b[o + 2] = 0;
    b[o + 3] = 7;
    Rtp.writeUint32(b, o + 4, senderSsrc);
    Rtp.writeUint32(b, o + 8, source);
    Rtp.writeUint32(b, o + 12, ((long) (fractionLost & 0xff) << 24) | (cumulativeLost & 0xFFFFFF));
    Rtp.writeUint32(b, o + 16, extendedHighestSeq);
    Rtp.writeUint32(b, o + 20, jitter);
    Rtp.writeUint32(b, o + 24, lsr);
    Rtp.writeUint32(b, o + 28, dlsr);
    return 32;
  }
}
