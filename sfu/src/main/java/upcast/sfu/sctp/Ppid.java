package upcast.sfu.sctp;

/**
 * Payload Protocol Identifiers of WebRTC data channels (<a
 * href="https://www.rfc-editor.org/rfc/rfc8831#section-8">RFC 8831 §8</a>). Empty messages are sent
 * as one zero byte with the "empty" PPIDs (§6.6), since SCTP cannot carry zero-length DATA.
 */
final class Ppid {
  static final int DCEP = 50;
  static final int STRING = 51;
  static final int BINARY_PARTIAL = 52;
  static final int BINARY = 53;
  static final int STRING_PARTIAL = 54;
  static final int STRING_EMPTY = 56;
  static final int BINARY_EMPTY = 57;

  private Ppid() {}
}
