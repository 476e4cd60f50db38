package upcast.sfu.rtp;

/**
 * Zero-allocation accessors for RTP packets in a byte array (RFC 3550 §5.1). Every method is
 * bounds-checked against the given length and returns -1 (or false) instead of throwing.
 */
public final class Rtp {
  public static final int FIXED_HEADER = 12;

  private Rtp() {}

  /** Version 2 and at least a fixed header. */
  public static boolean isValid(byte[] b, int off, int len) {
    return len >= FIXED_HEADER && (b[off] & 0xC0) == 0x80 && payloadOffset(b, off, len) >= 0;
  }

  public static int payloadType(byte[] b, int off) {
    return b[off + 1] & 0x7F;
  }

  /** Rewrites the payload type, keeping the marker bit. */
  public static void setPayloadType(byte[] b, int off, int pt) {
    b[off + 1] = (byte) ((b[off + 1] & 0x80) | (pt & 0x7F));
  }

  public static boolean marker(byte[] b, int off) {
    return (b[off + 1] & 0x80) != 0;
  }

  public static int sequenceNumber(byte[] b, int off) {
    return ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  public static void setSequenceNumber(byte[] b, int off, int seq) {
    b[off + 2] = (byte) (seq >>> 8);
    b[off + 3] = (byte) seq;
  }

  public static long timestamp(byte[] b, int off) {
    return readUint32(b, off + 4);
  }

  public static long ssrc(byte[] b, int off) {
    return readUint32(b, off + 8);
  }

  /**
   * Offset (from {@code off}) where the payload starts, after CSRCs and the header extension (RFC
   * 3550 §5.3.1), or -1 if the header does not fit.
   */
  public static int payloadOffset(byte[] b, int off, int len) {
    int p = FIXED_HEADER + 4 * (b[off] & 0x0F);
    if ((b[off] & 0x10) != 0) {
      if (p + 4 > len) {
        return -1;
      }
      int words = ((b[off + p + 2] & 0xff) << 8) | (b[off + p + 3] & 0xff);
      p += 4 + 4 * words;
    }
    return p <= len ? p : -1;
  }

  /** Payload length without padding (RFC 3550 §5.1 P bit), or -1. */
  public static int payloadLength(byte[] b, int off, int len) {
    int p = payloadOffset(b, off, len);
    if (p < 0) {
      return -1;
    }
    int pad = (b[off] & 0x20) != 0 ? b[off + len - 1] & 0xff : 0;
    int n = len - p - pad;
    return n >= 0 ? n : -1;
  }

  /**
   * Finds a header extension element by id (RFC 8285 §4.2 one-byte and §4.3 two-byte forms).
   * Returns the offset (from {@code off}) of its data, or -1; {@link #extensionLength} gives its
   * length.
   */
  public static int findExtension(byte[] b, int off, int len, int id) {
    if ((b[off] & 0x10) == 0) {
      return -1;
    }
    int start = FIXED_HEADER + 4 * (b[off] & 0x0F);
    if (start + 4 > len) {
      return -1;
    }
    int profile = ((b[off + start] & 0xff) << 8) | (b[off + start + 1] & 0xff);
    int end = start + 4 + 4 * (((b[off + start + 2] & 0xff) << 8) | (b[off + start + 3] & 0xff));
    if (end > len) {
      return -1;
    }
    int p = start + 4;
    boolean oneByte = profile == 0xBEDE;
    boolean twoByte = (profile & 0xFFF0) == 0x1000;
    while (p < end) {
      int first = b[off + p] & 0xff;
      if (first == 0) {
        p++; // padding
        continue;
      }
      int elementId;
      int dataLen;
      int header;
      if (oneByte) {
        elementId = first >> 4;
        if (elementId == 15) {
          return -1; // RFC 8285 §4.2: stop processing
        }
        dataLen = (first & 0x0F) + 1;
        header = 1;
      } else if (twoByte) {
        if (p + 1 >= end) {
          return -1;
        }
        elementId = first;
        dataLen = b[off + p + 1] & 0xff;
        header = 2;
      } else {
        return -1;
      }
      if (p + header + dataLen > end) {
        return -1;
      }
      if (elementId == id) {
        return p + header;
      }
      p += header + dataLen;
    }
    return -1;
  }

  /** Data length of the extension element whose data starts at {@code dataOffset}. */
  public static int extensionLength(byte[] b, int off, int dataOffset) {
    int start = FIXED_HEADER + 4 * (b[off] & 0x0F);
    int profile = ((b[off + start] & 0xff) << 8) | (b[off + start + 1] & 0xff);
    return profile == 0xBEDE
        ? (b[off + dataOffset - 1] & 0x0F) + 1
        : b[off + dataOffset - 1] & 0xff;
  }

  static long readUint32(byte[] b, int o) {
    return ((long) (b[o] & 0xff) << 24)
        | ((b[o + 1] & 0xff) << 16)
        | ((b[o + 2] & 0xff) << 8)
        | (b[o + 3] & 0xff);
  }

  static void writeUint32(byte[] b, int o, long v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }
}
