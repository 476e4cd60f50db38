package upcast.sfu.sctp;

/**
 * Builds one outbound SCTP packet in a reusable buffer: common header, then chunks each padded to
 * four bytes (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</a>), then
 * the CRC32c. The buffer never grows beyond the path MTU given at construction.
 */
final class PacketWriter {
  private final byte[] buf;
  private int pos;
  private int chunkStart = -1;

  PacketWriter(int mtu) {
    this.buf = new byte[mtu];
  }

  void begin(int sourcePort, int destinationPort, int verificationTag) {
    Bytes.put16(buf, 0, sourcePort);
    Bytes.put16(buf, 2, destinationPort);
    Bytes.put32(buf, 4, verificationTag);
    Bytes.put32(buf, 8, 0);
    pos = SctpPacket.HEADER_LENGTH;
    chunkStart = -1;
  }

  boolean isEmpty() {
    return pos <= SctpPacket.HEADER_LENGTH;
  }

  /** Bytes still free, counting the padding a chunk of that size would need. */
  int remaining() {
    return buf.length - pos;
  }

  /** Whether a chunk whose length (header included, padding excluded) is {@code len} still fits. */
  boolean fits(int len) {
    return ((len + 3) & ~3) <= remaining();
  }

  void beginChunk(int type, int flags) {
    chunkStart = pos;
    buf[pos++] = (byte) type;
    buf[pos++] = (byte) flags;
    pos += 2;
  }

  void u8(int v) {
    buf[pos++] = (byte) v;
  }

  void u16(int v) {
    Bytes.put16(buf, pos, v);
    pos += 2;
  }

  void u32(int v) {
    Bytes.put32(buf, pos, v);
    pos += 4;
  }

  void bytes(byte[] src, int off, int len) {
    System.arraycopy(src, off, buf, pos, len);
    pos += len;
  }

  void endChunk() {
    Bytes.put16(buf, chunkStart + 2, pos - chunkStart);
    while ((pos & 3) != 0) {
      buf[pos++] = 0;
    }
    chunkStart = -1;
  }

  /** Writes the checksum and returns the packet length. */
  int finish() {
    Crc32c.write(buf, 0, pos);
    return pos;
  }

  byte[] buffer() {
    return buf;
  }
}
