package upcast.sfu.sctp;

/**
 * Settings of one association. Defaults suit WebRTC: port 5000 both sides (RFC 8841 {@code
 * a=sctp-port}), 1200-byte packets so a DTLS record still fits a 1280-byte IPv6 path, 256 KiB
 * maximum message (RFC 8841 {@code a=max-message-size}), 1 MiB send and receive buffers and at most
 * 1024 open channels.
 *
 * @param dtlsClient our DTLS role, which decides the parity of the stream ids we pick (RFC 8832 §6:
 *     client even, server odd)
 * @param cookieSigner shared by all associations of a server so a State Cookie verifies only here
 */
public record SctpConfig(
    int localPort,
    int remotePort,
    boolean dtlsClient,
    int maxMessageSize,
    int sendBufferBytes,
    int receiveBufferBytes,
    int maxChannels,
    int mtu,
    StateCookieSigner cookieSigner) {
  public static final int DEFAULT_PORT = 5000;
  public static final int DEFAULT_MTU = 1200;

  public SctpConfig {
    if (mtu < 256 || mtu > 65_535) {
      throw new IllegalArgumentException("mtu out of range: " + mtu);
    }
    if (maxMessageSize < 1 || sendBufferBytes < maxMessageSize) {
      throw new IllegalArgumentException("need 1 <= maxMessageSize <= sendBufferBytes");
    }
    if (receiveBufferBytes < maxMessageSize + 64 * 1024) {
      throw new IllegalArgumentException("receive buffer must hold a maximum message plus 64 KiB");
    }
    if (maxChannels < 1 || maxChannels > 32_767) {
      throw new IllegalArgumentException("maxChannels out of range: " + maxChannels);
    }
    if (cookieSigner == null) {
      throw new IllegalArgumentException("cookieSigner is required");
    }
  }

  public static SctpConfig defaults(boolean dtlsClient, StateCookieSigner signer) {
    return new SctpConfig(
        DEFAULT_PORT,
        DEFAULT_PORT,
        dtlsClient,
        256 * 1024,
        1 << 20,
        1 << 20,
        1024,
        DEFAULT_MTU,
        signer);
  }

  public SctpConfig withPorts(int local, int remote) {
    return new SctpConfig(
        local,
        remote,
        dtlsClient,
        maxMessageSize,
        sendBufferBytes,
        receiveBufferBytes,
        maxChannels,
        mtu,
        cookieSigner);
  }

  public SctpConfig withMaxMessageSize(int bytes) {
    return new SctpConfig(
        localPort,
        remotePort,
        dtlsClient,
        bytes,
        sendBufferBytes,
        receiveBufferBytes,
        maxChannels,
        mtu,
        cookieSigner);
  }

  public SctpConfig withBuffers(int sendBytes, int receiveBytes) {
    return new SctpConfig(
        localPort,
        remotePort,
        dtlsClient,
        maxMessageSize,
        sendBytes,
        receiveBytes,
        maxChannels,
        mtu,
        cookieSigner);
  }

  public SctpConfig withMaxChannels(int channels) {
    return new SctpConfig(
        localPort,
        remotePort,
        dtlsClient,
        maxMessageSize,
        sendBufferBytes,
        receiveBufferBytes,
        channels,
        mtu,
        cookieSigner);
  }
}
