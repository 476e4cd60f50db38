package upcast.sfu.sctp;

import org.jspecify.annotations.Nullable;

/** Encodes small control chunks to bytes ready to drop into a packet (RFC 9260 §3.2 layout). */
final class ControlChunk {
  private ControlChunk() {}

  /** A chunk with the given value, padded to four bytes; the length field excludes the padding. */
  static byte[] build(int type, int flags, byte @Nullable [] value, int valueLen) {
    int len = 4 + valueLen;
    byte[] c = new byte[(len + 3) & ~3];
    c[0] = (byte) type;
    c[1] = (byte) flags;
    Bytes.put16(c, 2, len);
    if (valueLen > 0) {
      System.arraycopy(value, 0, c, 4, valueLen);
    }
    return c;
  }

  static byte[] empty(int type) {
    return build(type, 0, null, 0);
  }

  /** SHUTDOWN (§3.3.8): our cumulative TSN ack. */
  static byte[] shutdown(int cumulativeTsnAck) {
    byte[] v = new byte[4];
    Bytes.put32(v, 0, cumulativeTsnAck);
    return build(ChunkType.SHUTDOWN, 0, v, 4);
  }

  /** An error cause (§3.3.10): code, length, info (padded). */
  static byte[] cause(int code, byte[] info, int infoLen) {
    int len = 4 + infoLen;
    byte[] c = new byte[(len + 3) & ~3];
    Bytes.put16(c, 0, code);
    Bytes.put16(c, 2, len);
    if (infoLen > 0) {
      System.arraycopy(info, 0, c, 4, infoLen);
    }
    return c;
  }
}
