package upcast.sfu.rtp;

import org.jspecify.annotations.Nullable;

/**
 * Copies an RTP packet for another receiver while rebuilding its header extension block (RFC 8285)
 * with that receiver's negotiated ids: extension ids are local to each SDP session (RFC 8285 §5),
 * so a forwarded packet must carry the viewer's ids, and elements the viewer did not negotiate are
 * left out. The output always uses the one-byte form (§4.2: ids 1–14, 1–16 data bytes), which every
 * WebRTC receiver accepts. Zero allocation; never throws on malformed input.
 */
public final class HeaderExtensions {
  /** The most bytes {@link #copy} adds to a packet: block header, a MID element, padding. */
  public static final int MAX_GROWTH = 4 + 17 + 3;

  private HeaderExtensions() {}

  /**
   * Copies the packet in {@code src[off, off+len)} to {@code dst[dOff...]}, keeping the fixed
   * header, CSRCs, payload and padding, and rebuilding the extension block: first a MID element
   * (RFC 8843 §15.2) if {@code midId} is not 0, then each source element whose id maps to a
   * non-zero id in {@code ids}. Without any element the X bit is cleared.
   *
   * @param ids source id (0–255) to destination id (1–14), 0 = leave the element out
   * @param midId destination id for the MID element, or 0 for none
   * @param mid the MID value (1–16 bytes) when {@code midId} is not 0
   * @return the length written, or -1 if the packet is malformed or {@code dst} is too small
   */
  public static int copy(
      byte[] src,
      int off,
      int len,
      byte[] dst,
      int dOff,
      byte[] ids,
      int midId,
      byte @Nullable [] mid) {
    if (len < Rtp.FIXED_HEADER || (src[off] & 0xC0) != 0x80) {
      return -1;
    }
    int header = Rtp.FIXED_HEADER + 4 * (src[off] & 0x0F);
    int payload = Rtp.payloadOffset(src, off, len);
    if (payload < 0 || dOff + len + MAX_GROWTH > dst.length) {
      return -1;
    }
    System.arraycopy(src, off, dst, dOff, header);
    int blockStart = dOff + header;
    int w = blockStart + 4;
    if (midId >= 1 && midId <= 14 && mid != null && mid.length >= 1 && mid.length <= 16) {
      dst[w++] = (byte) ((midId << 4) | (mid.length - 1));
      System.arraycopy(mid, 0, dst, w, mid.length);
      w += mid.length;
    }
    if ((src[off] & 0x10) != 0) {
      w = copyElements(src, off + header, off + payload, dst, w, ids);
    }
    if (w == blockStart + 4) {
      dst[dOff] &= (byte) ~0x10; // nothing to carry: no extension block at all
      w = blockStart;
    } else {
      while (((w - blockStart) & 3) != 0) {
        dst[w++] = 0; // RFC 8285 §4.2: padding bytes are 0
      }
      int words = (w - blockStart - 4) / 4;
      dst[blockStart] = (byte) (Rtp.ONE_BYTE_PROFILE >> 8);
      dst[blockStart + 1] = (byte) Rtp.ONE_BYTE_PROFILE;
      dst[blockStart + 2] = (byte) (words >> 8);
      dst[blockStart + 3] = (byte) words;
      dst[dOff] |= 0x10;
    }
    int rest = len - payload;
    System.arraycopy(src, off + payload, dst, w, rest);
    return w + rest - dOff;
  }

  /**
   * Copies the mapped elements of the source block at {@code [start, end)} (block header included)
   * to {@code dst[w...]}; a malformed element ends the walk. Returns the new write position.
   */
  private static int copyElements(byte[] src, int start, int end, byte[] dst, int w, byte[] ids) {
    int profile = ((src[start] & 0xff) << 8) | (src[start + 1] & 0xff);
    if (!Rtp.isExtensionProfile(profile)) {
      return w; // an extension profile that is not RFC 8285: nothing we can map
    }
    boolean oneByte = profile == Rtp.ONE_BYTE_PROFILE;
    for (int p = start + 4; p < end; ) {
      int e = Rtp.extensionElement(src, p, end, oneByte);
      if (e < 0) {
        return w;
      }
      if (e == 0) {
        p++; // padding
        continue;
      }
      int header = Rtp.elementHeader(e);
      int dataLen = Rtp.elementLength(e);
      int to = ids[Rtp.elementId(e)] & 0xff;
      if (to >= 1 && to <= 14 && dataLen >= 1 && dataLen <= 16) {
        dst[w++] = (byte) ((to << 4) | (dataLen - 1));
        System.arraycopy(src, p + header, dst, w, dataLen);
        w += dataLen;
      }
      p += header + dataLen;
    }
    return w;
  }
}
