package upcast.sfu.sctp;

/**
 * Association states (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-4">RFC 9260 §4</a>).
 */
public enum SctpState {
  CLOSED,
  COOKIE_WAIT,
  COOKIE_ECHOED,
  ESTABLISHED,
  SHUTDOWN_PENDING,
  SHUTDOWN_SENT,
  SHUTDOWN_RECEIVED,
  SHUTDOWN_ACK_SENT
}
