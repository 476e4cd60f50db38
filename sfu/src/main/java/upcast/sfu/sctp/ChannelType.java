package upcast.sfu.sctp;

import org.jspecify.annotations.Nullable;

/**
 * DCEP channel types (<a href="https://www.rfc-editor.org/rfc/rfc8832#section-5.1">RFC 8832
 * §5.1</a>). This stack parses and reports the partially reliable ones but, without PR-SCTP (RFC
 * 3758), delivers every message reliably; that is allowed, since partial reliability only permits
 * giving up on a message, never requires it.
 */
public enum ChannelType {
  RELIABLE(0x00),
  RELIABLE_UNORDERED(0x80),
  PARTIAL_RELIABLE_REXMIT(0x01),
  PARTIAL_RELIABLE_REXMIT_UNORDERED(0x81),
  PARTIAL_RELIABLE_TIMED(0x02),
  PARTIAL_RELIABLE_TIMED_UNORDERED(0x82);

  private final int code;

  ChannelType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public boolean ordered() {
    return (code & 0x80) == 0;
  }

  /** The type of that code, or {@code null} if unknown. */
  public static @Nullable ChannelType of(int code) {
    for (ChannelType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
