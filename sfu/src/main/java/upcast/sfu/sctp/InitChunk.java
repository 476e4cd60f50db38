package upcast.sfu.sctp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * INIT and INIT ACK (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2">RFC 9260
 * §3.3.2</a>, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3">§3.3.3</a>): the fixed
 * fields plus the parameters this stack understands (State Cookie, Supported Extensions of <a
 * href="https://www.rfc-editor.org/rfc/rfc5061#section-4.2.7">RFC 5061 §4.2.7</a>). Unknown
 * parameters are handled by their two high bits (§3.2.1) and those marked "report" are returned so
 * the caller can put them into an Unrecognized Parameter (INIT ACK) or an ERROR.
 */
@SuppressWarnings("ArrayRecordComponent") // parsed once and read field by field, never compared
record InitChunk(
    int initiateTag,
    long advertisedWindow,
    int outboundStreams,
    int inboundStreams,
    int initialTsn,
    byte @Nullable [] cookie,
    boolean peerSupportsReconfig,
    List<byte[]> unrecognized) {
  static final int FIXED_LENGTH = 16;
  static final int PARAM_STATE_COOKIE = 7;
  static final int PARAM_UNRECOGNIZED = 8;
  static final int PARAM_SUPPORTED_EXTENSIONS = 0x8008;
  private static final int MAX_REPORTED = 4;
  private static final int MAX_REPORTED_BYTES = 256;

  /**
   * Parses the chunk value, or returns {@code null} if malformed: short, zero Initiate Tag, zero
   * stream counts (§3.3.2 says the receiver aborts; the caller drops), or bad parameter lengths.
   */
  static @Nullable InitChunk parse(Chunk c) {
    byte[] b = c.buf();
    int p = c.valueOff();
    int end = p + c.valueLen();
    if (c.valueLen() < FIXED_LENGTH) {
      return null;
    }
    int tag = Bytes.i32(b, p);
    long arwnd = Bytes.u32(b, p + 4);
    int os = Bytes.u16(b, p + 8);
    int mis = Bytes.u16(b, p + 10);
    int tsn = Bytes.i32(b, p + 12);
    if (tag == 0 || os == 0 || mis == 0) {
      return null;
    }
    byte[] cookie = null;
    boolean reconfig = false;
    List<byte[]> unrecognized = new ArrayList<>(0);
    p += FIXED_LENGTH;
    params:
    while (end - p >= 4) {
      int type = Bytes.u16(b, p);
      int len = Bytes.u16(b, p + 2);
      if (len < 4 || len > end - p) {
        return null;
      }
      switch (type) {
        case PARAM_STATE_COOKIE -> cookie = Arrays.copyOfRange(b, p + 4, p + len);
        case PARAM_SUPPORTED_EXTENSIONS -> {
          for (int i = p + 4; i < p + len; i++) {
            if (Bytes.u8(b, i) == ChunkType.RE_CONFIG) {
              reconfig = true;
            }
          }
        }
        // IPv4/IPv6 address, Cookie Preservative, Host Name, Supported Address Types: understood
        // and irrelevant over DTLS (RFC 8261 §4 has no addresses in SCTP).
        case 5, 6, 9, 11, 12 -> {}
        default -> {
          int action = type >>> 14;
          if ((action & 1) == 1
              && unrecognized.size() < MAX_REPORTED
              && len <= MAX_REPORTED_BYTES) {
            unrecognized.add(Arrays.copyOfRange(b, p, p + len));
          }
          if ((action & 2) == 0) {
            break params;
          }
        }
      }
      p += (len + 3) & ~3;
    }
    return new InitChunk(tag, arwnd, os, mis, tsn, cookie, reconfig, unrecognized);
  }

  /**
   * Writes an INIT or INIT ACK advertising RE-CONFIG support. {@code cookie} is required for INIT
   * ACK and must be {@code null} for INIT; {@code unrecognized} are echoed back in INIT ACK only.
   */
  static void write(
      PacketWriter w,
      int type,
      int tag,
      int arwnd,
      int os,
      int mis,
      int initialTsn,
      byte @Nullable [] cookie,
      List<byte[]> unrecognized) {
    w.beginChunk(type, 0);
    w.u32(tag);
    w.u32(arwnd);
    w.u16(os);
    w.u16(mis);
    w.u32(initialTsn);
    if (cookie != null) {
      w.u16(PARAM_STATE_COOKIE);
      w.u16(4 + cookie.length);
      w.bytes(cookie, 0, cookie.length);
      pad(w, cookie.length);
    }
    w.u16(PARAM_SUPPORTED_EXTENSIONS);
    w.u16(5);
    w.u8(ChunkType.RE_CONFIG);
    pad(w, 1);
    if (type == ChunkType.INIT_ACK) {
      for (byte[] u : unrecognized) {
        w.u16(PARAM_UNRECOGNIZED);
        w.u16(4 + u.length);
        w.bytes(u, 0, u.length);
        pad(w, u.length);
      }
    }
    w.endChunk();
  }

  private static void pad(PacketWriter w, int len) {
    for (int i = len; (i & 3) != 0; i++) {
      w.u8(0);
    }
  }
}
