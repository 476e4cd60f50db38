package upcast.sfu.sctp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Data Channel Establishment Protocol messages (<a
 * href="https://www.rfc-editor.org/rfc/rfc8832#section-5">RFC 8832 §5</a>), carried with PPID 50.
 */
final class Dcep {
  static final int DATA_CHANNEL_ACK = 0x02;
  static final int DATA_CHANNEL_OPEN = 0x03;
  static final int OPEN_FIXED_LENGTH = 12;

  /** A parsed DATA_CHANNEL_OPEN (§5.1). */
  record Open(ChannelType type, int priority, long reliability, String label, String protocol) {}

  private Dcep() {}

  /**
   * Parses a DATA_CHANNEL_OPEN, or returns {@code null} if malformed (bad type, lengths, UTF-8).
   */
  static @Nullable Open parseOpen(byte[] m) {
    if (m.length < OPEN_FIXED_LENGTH || (m[0] & 0xFF) != DATA_CHANNEL_OPEN) {
      return null;
    }
    ChannelType type = ChannelType.of(m[1] & 0xFF);
    int labelLen = Bytes.u16(m, 8);
    int protocolLen = Bytes.u16(m, 10);
    if (type == null || OPEN_FIXED_LENGTH + labelLen + protocolLen != m.length) {
      return null;
    }
    String label = utf8(m, OPEN_FIXED_LENGTH, labelLen);
    String protocol = utf8(m, OPEN_FIXED_LENGTH + labelLen, protocolLen);
    if (label == null || protocol == null) {
      return null;
    }
    return new Open(type, Bytes.u16(m, 2), Bytes.u32(m, 4), label, protocol);
  }

  static byte[] open(
      ChannelType type, int priority, long reliability, String label, String protocol) {
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    byte[] p = protocol.getBytes(StandardCharsets.UTF_8);
    byte[] m = new byte[OPEN_FIXED_LENGTH + l.length + p.length];
    m[0] = DATA_CHANNEL_OPEN;
    m[1] = (byte) type.code();
    Bytes.put16(m, 2, priority);
    Bytes.put32(m, 4, (int) reliability);
    Bytes.put16(m, 8, l.length);
    Bytes.put16(m, 10, p.length);
    System.arraycopy(l, 0, m, OPEN_FIXED_LENGTH, l.length);
    System.arraycopy(p, 0, m, OPEN_FIXED_LENGTH + l.length, p.length);
    return m;
  }

  static byte[] ack() {
    return new byte[] {DATA_CHANNEL_ACK};
  }

  /** Strict UTF-8 decoding; {@code null} if the bytes are not valid UTF-8. */
  static @Nullable String utf8(byte[] b, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
