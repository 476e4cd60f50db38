package upcast.sfu.client;

/**
 * Writes one datagram or packet towards the peer. It may be called from a handshake or protocol
 * thread; the buffer may be reused after the call returns, so an implementation that keeps the
 * bytes must copy them.
 */
@FunctionalInterface
public interface PacketSender {
  void send(byte[] buf, int off, int len);
}
