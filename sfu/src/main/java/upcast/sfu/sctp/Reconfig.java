package upcast.sfu.sctp;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RE-CONFIG chunk parameters (<a href="https://www.rfc-editor.org/rfc/rfc6525#section-4">RFC 6525
 * §4</a>): the Outgoing SSN Reset Request (§4.1) we use to close channels, and the Re-configuration
 * Response (§4.4). Other request kinds are recognized only so they can be denied.
 */
final class Reconfig {
  static final int OUTGOING_SSN_RESET_REQUEST = 13;
  static final int INCOMING_SSN_RESET_REQUEST = 14;
  static final int SSN_TSN_RESET_REQUEST = 15;
  static final int RESPONSE = 16;
  static final int ADD_OUTGOING_STREAMS = 17;
  static final int ADD_INCOMING_STREAMS = 18;

  /** Result codes (§4.4). */
  static final int SUCCESS_NOTHING_TO_DO = 0;

  static final int SUCCESS_PERFORMED = 1;
  static final int DENIED = 2;
  static final int ERROR_REQUEST_IN_PROGRESS = 4;
  static final int ERROR_BAD_SEQUENCE_NUMBER = 5;
  static final int IN_PROGRESS = 6;

  /** At most this many stream ids in one request we send (fits any MTU we allow). */
  static final int MAX_STREAMS_PER_REQUEST = 100;

  /** One parameter: for requests {@code seq} is the request sequence number. */
  @SuppressWarnings("ArrayRecordComponent") // parsed once and read field by field, never compared
  record Param(int type, int seq, int responseSeq, int lastTsn, int[] streams, int result) {}

  private Reconfig() {}

  /** Parses the chunk's parameters; {@code null} if any is malformed. At most two (§3.1). */
  static @Nullable List<Param> parse(Chunk c) {
    byte[] b = c.buf();
    int p = c.valueOff();
    int end = p + c.valueLen();
    List<Param> out = new ArrayList<>(2);
    while (end - p >= 4) {
      int type = Bytes.u16(b, p);
      int len = Bytes.u16(b, p + 2);
      if (len < 8 || len > end - p || out.size() == 2) {
        return null;
      }
      switch (type) {
        case OUTGOING_SSN_RESET_REQUEST -> {
          if (len < 16 || (len - 16) % 2 != 0) {
            return null;
          }
          int[] streams = new int[(len - 16) / 2];
          for (int i = 0; i < streams.length; i++) {
            streams[i] = Bytes.u16(b, p + 16 + 2 * i);
          }
          out.add(
              new Param(
                  type,
                  Bytes.i32(b, p + 4),
                  Bytes.i32(b, p + 8),
                  Bytes.i32(b, p + 12),
                  streams,
                  0));
        }
        case RESPONSE -> {
          if (len < 12) {
            return null;
          }
          out.add(new Param(type, Bytes.i32(b, p + 4), 0, 0, new int[0], Bytes.i32(b, p + 8)));
        }
        default -> out.add(new Param(type, Bytes.i32(b, p + 4), 0, 0, new int[0], 0));
      }
      p += (len + 3) & ~3;
    }
    return out;
  }

  static byte[] outgoingResetRequest(int seq, int responseSeq, int lastTsn, int[] streams) {
    int paramLen = 16 + 2 * streams.length;
    byte[] v = new byte[(paramLen + 3) & ~3];
    Bytes.put16(v, 0, OUTGOING_SSN_RESET_REQUEST);
    Bytes.put16(v, 2, paramLen);
    Bytes.put32(v, 4, seq);
    Bytes.put32(v, 8, responseSeq);
    Bytes.put32(v, 12, lastTsn);
    for (int i = 0; i < streams.length; i++) {
      Bytes.put16(v, 16 + 2 * i, streams[i]);
    }
    return ControlChunk.build(ChunkType.RE_CONFIG, 0, v, v.length);
  }

  static byte[] response(int seq, int result) {
    byte[] v = new byte[12];
    Bytes.put16(v, 0, RESPONSE);
    Bytes.put16(v, 2, 12);
    Bytes.put32(v, 4, seq);
    Bytes.put32(v, 8, result);
    return ControlChunk.build(ChunkType.RE_CONFIG, 0, v, v.length);
  }
}
