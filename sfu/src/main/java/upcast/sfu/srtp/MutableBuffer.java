package upcast.sfu.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A reusable {@link ByteArrayBuffer} view over a caller's array, so jitsi-srtp can transform
 * packets in place without an allocation per packet.
 */
final class MutableBuffer implements ByteArrayBuffer {
  private byte[] buf = new byte[0];
  private int off;
  private int len;

  MutableBuffer set(byte[] buf, int off, int len) {
    this.buf = buf;
    this.off = off;
    this.len = len;
    return this;
  }

  @Override
  public byte[] getBuffer() {
    return buf;
  }

  @Override
  public int getOffset() {
    return off;
  }

  @Override
  public int getLength() {
    return len;
  }

  @Override
  public void setLength(int len) {
    this.len = len;
  }

  @Override
  public void setOffset(int off) {
    this.off = off;
  }

  @Override
  public boolean isInvalid() {
    return false;
  }

  @Override
  public void readRegionToBuff(int off, int len, byte[] out) {
    System.arraycopy(buf, this.off + off, out, 0, len);
  }

  /** Callers leave {@code Transport.SEND_HEADROOM} spare bytes, so growing never reallocates. */
  @Override
  public void grow(int howMuch) {
    if (off + len + howMuch > buf.length) {
      throw new IllegalStateException("no headroom for SRTP trailer");
    }
  }

  @Override
  public void append(byte[] data, int dataLen) {
    grow(dataLen);
    System.arraycopy(data, 0, buf, off + len, dataLen);
    len += dataLen;
  }

  @Override
  public void shrink(int howMuch) {
    len = Math.max(0, len - howMuch);
  }
}
