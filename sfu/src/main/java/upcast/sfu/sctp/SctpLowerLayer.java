package upcast.sfu.sctp;

/**
 * Where outbound SCTP packets go: in production DTLS application data, one packet per record (<a
 * href="https://www.rfc-editor.org/rfc/rfc8261#section-4">RFC 8261 §4</a>). The buffer is reused
 * after the call returns, so an implementation that keeps the bytes must copy them.
 */
@FunctionalInterface
public interface SctpLowerLayer {
  void send(byte[] buf, int off, int len);
}
