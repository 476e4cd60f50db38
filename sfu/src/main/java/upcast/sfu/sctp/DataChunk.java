package upcast.sfu.sctp;

import org.jspecify.annotations.Nullable;

/**
 * DATA chunk fields (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.1">RFC 9260
 * §3.3.1</a>): flags U (unordered), B (beginning), E (ending), I (immediate SACK, RFC 9260 §4.7),
 * then TSN, Stream Identifier, Stream Sequence Number and Payload Protocol Identifier, and the user
 * data which is referenced, not copied.
 */
@SuppressWarnings("ArrayRecordComponent") // a view on the packet buffer, never compared
record DataChunk(
    int flags, int tsn, int streamId, int ssn, int ppid, byte[] buf, int dataOff, int dataLen) {
  static final int HEADER_LENGTH = 16;
  static final int FLAG_END = 0x01;
  static final int FLAG_BEGIN = 0x02;
  static final int FLAG_UNORDERED = 0x04;
  static final int FLAG_IMMEDIATE = 0x08;

  /** Parses, or returns {@code null} if shorter than the fixed part. */
  static @Nullable DataChunk parse(Chunk c) {
    if (c.valueLen() < HEADER_LENGTH - 4) {
      return null;
    }
    byte[] b = c.buf();
    int p = c.valueOff();
    return new DataChunk(
        c.flags(),
        Bytes.i32(b, p),
        Bytes.u16(b, p + 4),
        Bytes.u16(b, p + 6),
        Bytes.i32(b, p + 8),
        b,
        p + 12,
        c.valueLen() - 12);
  }

  boolean begin() {
    return (flags & FLAG_BEGIN) != 0;
  }

  boolean end() {
    return (flags & FLAG_END) != 0;
  }

  boolean unordered() {
    return (flags & FLAG_UNORDERED) != 0;
  }

  static void write(
      PacketWriter w, int flags, int tsn, int stream, int ssn, int ppid, byte[] data) {
    w.beginChunk(ChunkType.DATA, flags);
    w.u32(tsn);
    w.u16(stream);
    w.u16(ssn);
    w.u32(ppid);
    w.bytes(data, 0, data.length);
    w.endChunk();
  }
}
