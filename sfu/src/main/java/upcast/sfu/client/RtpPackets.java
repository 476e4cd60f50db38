package upcast.sfu.client;

import upcast.sfu.rtp.Rtp;

/** Reading a received (decrypted) RTP packet's header (RFC 3550 §5.1, RFC 8285 extensions). */
public final class RtpPackets {
  private RtpPackets() {}

  public static int sequenceNumber(byte[] b, int off) {
    return Rtp.sequenceNumber(b, off);
  }

  /**
   * Offset (from {@code off}) where the payload starts, after CSRCs and the header extension, or -1
   * if the header does not fit.
   */
  public static int payloadOffset(byte[] b, int off, int len) {
    return Rtp.payloadOffset(b, off, len);
  }

  /**
   * The offset (from {@code off}) of the data of the header extension element with that id (RFC
   * 8285 one-byte or two-byte form), or -1; {@link #extensionLength} gives its length.
   */
  public static int findExtension(byte[] b, int off, int len, int id) {
    return Rtp.findExtension(b, off, len, id);
  }

  /** Data length of the extension element whose data starts at {@code dataOffset}. */
  public static int extensionLength(byte[] b, int off, int dataOffset) {
    return Rtp.extensionLength(b, off, dataOffset);
  }
}
