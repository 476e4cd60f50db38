package upcast.sfu.sctp;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A received SCTP packet: common header (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.1">RFC 9260 §3.1</a>) and its chunks.
 * {@link #parse} checks the checksum and every chunk length and returns {@code null} for anything
 * malformed, so the caller can drop and count without exceptions.
 */
record SctpPacket(int sourcePort, int destinationPort, int verificationTag, List<Chunk> chunks) {
  static final int HEADER_LENGTH = 12;
  static final int CHUNK_HEADER_LENGTH = 4;

  /**
   * Parses and validates one packet; {@code null} if the checksum, a length or the size is wrong.
   */
  static @Nullable SctpPacket parse(byte[] buf, int off, int len) {
    if (buf == null
        || off < 0
        || len < HEADER_LENGTH + CHUNK_HEADER_LENGTH
        || off + len > buf.length) {
      return null;
    }
    if (!Crc32c.verify(buf, off, len)) {
      return null;
    }
    int end = off + len;
    List<Chunk> chunks = new ArrayList<>(4);
    int p = off + HEADER_LENGTH;
    while (p < end) {
      if (end - p < CHUNK_HEADER_LENGTH) {
        return null;
      }
      int chunkLen = Bytes.u16(buf, p + 2);
      if (chunkLen < CHUNK_HEADER_LENGTH || chunkLen > end - p) {
        return null;
      }
      chunks.add(new Chunk(Bytes.u8(buf, p), Bytes.u8(buf, p + 1), buf, p + 4, chunkLen - 4));
      // §3.2: chunks are padded to 4 bytes; tolerate a missing pad after the last chunk.
      p += (chunkLen + 3) & ~3;
      if (chunks.size() > 256) {
        return null;
      }
    }
    return new SctpPacket(
        Bytes.u16(buf, off), Bytes.u16(buf, off + 2), Bytes.i32(buf, off + 4), chunks);
  }
}
