package upcast.sfu.sctp;

/**
 * Error cause codes used in ERROR and ABORT chunks (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260 §3.3.10</a>).
 */
final class ErrorCause {
  static final int INVALID_STREAM_IDENTIFIER = 1;
  static final int STALE_COOKIE = 3;
  static final int UNRECOGNIZED_CHUNK_TYPE = 6;
  static final int NO_USER_DATA = 9;
  static final int USER_INITIATED_ABORT = 12;
  static final int PROTOCOL_VIOLATION = 13;

  private ErrorCause() {}
}
