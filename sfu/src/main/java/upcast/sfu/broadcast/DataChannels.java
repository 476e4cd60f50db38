package upcast.sfu.broadcast;

import java.time.Duration;
import upcast.sfu.api.PeerListener;
import upcast.sfu.metrics.Metrics;
import upcast.sfu.sctp.DataChannel;
import upcast.sfu.sctp.DataChannelListener;
import upcast.sfu.sctp.SctpAssociation;
import upcast.sfu.sctp.SctpConfig;
import upcast.sfu.sctp.SctpTimers;
import upcast.sfu.sctp.StateCookieSigner;
import upcast.sfu.transport.MediaLoop;
import upcast.sfu.transport.Transport;

/**
 * One peer's WebRTC data channels (RFC 8831): our SCTP association carried in DTLS application data
 * (RFC 8261), answering the browser's INIT as the DTLS server's side. Text messages go to the
 * peer's {@link PeerListener}; everything runs on the media loop.
 */
final class DataChannels {
  static final int MAX_MESSAGE_SIZE = 64 * 1024;

  /**
   * Channels one peer may have open: our clients open one ({@code chat}); the cap stops a peer from
   * making us hold state for thousands (RFC 8831 §6.6 leaves the limit to the implementation).
   */
  static final int MAX_CHANNELS = 64;

  private final SctpAssociation association;

  DataChannels(
      Transport transport,
      MediaLoop loop,
      StateCookieSigner signer,
      Metrics metrics,
      PeerListener listener) {
    SctpTimers timers =
        new SctpTimers() {
          @Override
          public Cancellable schedule(Runnable task, long delayMillis) {
            MediaLoop.Cancellable c = loop.schedule(task, Duration.ofMillis(delayMillis));
            return c::cancel;
          }

          @Override
          public long nowMillis() {
            return System.nanoTime() / 1_000_000;
          }
        };
    this.association =
        new SctpAssociation(
            SctpConfig.defaults(false, signer)
                .withMaxMessageSize(MAX_MESSAGE_SIZE)
                .withMaxChannels(MAX_CHANNELS),
            transport::sendApplicationData,
            timers,
            null,
            new DataChannelListener() {
              @Override
              public void onOpen(DataChannel channel) {
                listener.onDataChannelOpen(channel.label());
              }

              @Override
              public void onText(DataChannel channel, String text) {
                listener.onDataChannelText(channel.label(), text);
              }
            },
            metrics);
  }

  /** An SCTP packet from the peer (loop thread). */
  void onPacket(byte[] data) {
    association.handlePacket(data, 0, data.length);
  }

  /** Sends text on every open channel with that label (loop thread); false if none is open. */
  boolean sendText(String label, String text) {
    boolean sent = false;
    for (DataChannel c : association.channels()) {
      if (c.label().equals(label) && c.state() == DataChannel.State.OPEN) {
        sent |= c.sendText(text) == upcast.sfu.sctp.SendResult.OK;
      }
    }
    return sent;
  }

  void close() {
    association.abort();
  }
}
