package upcast.sfu.rtp;

/**
 * Tells whether an RTP packet starts a keyframe, so a new viewer's video can begin where it
 * decodes. Reads only the payload headers; never throws on truncated payloads.
 */
public final class KeyframeDetector {
  private KeyframeDetector() {}

  /** Codec families whose payload format we can read. */
  public enum Format {
    VP8,
    H264,
    OTHER
  }

  public static Format format(String codecName) {
    return switch (codecName) {
      case "VP8" -> Format.VP8;
      case "H264" -> Format.H264;
      default -> Format.OTHER;
    };
  }

  /** True if the payload at {@code [p, p+n)} is the first packet of a keyframe. */
  public static boolean startsKeyframe(Format format, byte[] b, int p, int n) {
    return switch (format) {
      case VP8 -> vp8(b, p, n);
      case H264 -> h264(b, p, n);
      case OTHER -> false;
    };
  }

  /**
   * VP8 (RFC 7741): the payload descriptor (§4.2) with S=1 and partition id 0 starts a frame; the
   * VP8 payload header's P bit (§4.3, inverse key frame flag) is 0 for a keyframe.
   */
  static boolean vp8(byte[] b, int p, int n) {
    if (n < 1) {
      return false;
    }
    int first = b[p] & 0xff;
    boolean start = (first & 0x10) != 0;
    int partition = first & 0x07;
    if (!start || partition != 0) {
      return false;
    }
    int q = 1;
    if ((first & 0x80) != 0) { // X: extension byte present
      if (n < 2) {
        return false;
      }
      int x = b[p + 1] & 0xff;
      q = 2;
      if ((x & 0x80) != 0) { // I: PictureID, 7 or 15 bits
        if (n <= q) {
          return false;
        }
        q += (b[p + q] & 0x80) != 0 ? 2 : 1;
      }
      if ((x & 0x40) != 0) { // L: TL0PICIDX
        q++;
      }
      if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX byte
        q++;
      }
    }
    return q < n && (b[p + q] & 0x01) == 0;
  }

  /**
   * H.264 (RFC 6184 §5): an IDR slice (NAL type 5) or SPS (7) as a single NAL unit, inside a STAP-A
   * (24, §5.7.1) or starting an FU-A (28, §5.8, S bit set).
   */
  static boolean h264(byte[] b, int p, int n) {
    if (n < 1) {
      return false;
    }
    int type = b[p] & 0x1F;
    if (type == 5 || type == 7) {
      return true;
    }
    if (type == 24) {
      int q = 1;
      while (q + 2 < n) {
        int size = ((b[p + q] & 0xff) << 8) | (b[p + q + 1] & 0xff);
        if (size == 0 || q + 2 + size > n) {
          return false;
        }
        int inner = b[p + q + 2] & 0x1F;
        if (inner == 5 || inner == 7) {
          return true;
        }
        q += 2 + size;
      }
      return false;
    }
    if (type == 28 && n >= 2) {
      int fuHeader = b[p + 1] & 0xff;
      int inner = fuHeader & 0x1F;
      return (fuHeader & 0x80) != 0 && (inner == 5 || inner == 7);
    }
    return false;
  }
}
