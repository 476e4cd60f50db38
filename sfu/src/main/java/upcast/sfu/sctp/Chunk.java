package upcast.sfu.sctp;

/**
 * One chunk inside a received packet, as a view on the packet bytes (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</a>): type, flags and the
 * value (the bytes after the 4-byte chunk header, without padding). Valid only while the packet
 * buffer is.
 */
@SuppressWarnings("ArrayRecordComponent") // a view on the packet buffer, never compared
record Chunk(int type, int flags, byte[] buf, int valueOff, int valueLen) {
  /** Offset of the chunk header (type byte). */
  int start() {
    return valueOff - 4;
  }

  /** Chunk length as written in the header. */
  int length() {
    return valueLen + 4;
  }
}
