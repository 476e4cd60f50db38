package upcast.sfu.rtp;

/**
 * Zero-allocation accessors for RTP packets in a byte array (RFC 3550 §5.1). Every method is
 * bounds-checked against the given length and returns -1 (or false) instead of throwing.
 */
public final class Rtp {
  public static final int FIXED_HEADER = 12;

  /** One-byte header form marker (RFC 8285 §4.2). */
  public static final int ONE_BYTE_PROFILE = 0xBEDE;

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
    if (end > len || !isExtensionProfile(profile)) {
      return -1;
    }
    boolean oneByte = profile == ONE_BYTE_PROFILE;
    for (int p = off + start + 4; p < off + end; ) {
      int e = extensionElement(b, p, off + end, oneByte);
      if (e < 0) {
        return -1;
      }
      if (e == 0) {
        p++; // padding
        continue;
      }
      if (elementId(e) == id) {
        return p - off + elementHeader(e);
      }
      p += elementHeader(e) + elementLength(e);
    }
    return -1;
  }

  /** True for the RFC 8285 profiles: one-byte (0xBEDE, §4.2) or two-byte (0x100X, §4.3). */
  public static boolean isExtensionProfile(int profile) {
    return profile == ONE_BYTE_PROFILE || (profile & 0xFFF0) == 0x1000;
  }

  /**
   * Reads the RFC 8285 extension element at {@code b[p]} of a block ending at {@code end}, in the
   * one-byte (§4.2) or two-byte (§4.3) form. Returns 0 for a padding byte, -1 where processing must
   * stop (one-byte id 15, or an element overrunning the block), else the element packed for {@link
   * #elementId}, {@link #elementHeader} and {@link #elementLength} — no allocation, as the fan-out
   * walks every packet's block once per viewer.
   */
  public static int extensionElement(byte[] b, int p, int end, boolean oneByte) {
    int first = b[p] & 0xff;
    if (first == 0) {
      return 0;
    }
    int id;
    int dataLen;
    int header;
    if (oneByte) {
      id = first >> 4;
      if (id == 15) {
        return -1;
      }
      dataLen = (first & 0x0F) + 1;
      header = 1;
    } else {
      if (p + 1 >= end) {
        return -1;
      }
      id = first;
      dataLen = b[p + 1] & 0xff;
      header = 2;
    }
    if (p + header + dataLen > end) {
      return -1;
    }
    return id << 10 | header << 8 | dataLen;
  }

  /** The id of an element read by {@link #extensionElement}. */
  public static int elementId(int element) {
    return element >>> 10;
  }

  /** The header bytes (1 or 2) of an element read by {@link #extensionElement}. */
  public static int elementHeader(int element) {
    return (element >> 8) & 0x3;
  }

  /** The data bytes of an element read by {@link #extensionElement}. */
  public static int elementLength(int element) {
    return element & 0xff;
  }

  /** Data length of the extension element whose data starts at {@code dataOffset}. */
  public static int extensionLength(byte[] b, int off, int dataOffset) {
    int start = FIXED_HEADER + 4 * (b[off] & 0x0F);
    int profile = ((b[off + start] & 0xff) << 8) | (b[off + start + 1] & 0xff);
    return profile == ONE_BYTE_PROFILE
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
