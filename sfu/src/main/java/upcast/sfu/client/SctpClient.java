package upcast.sfu.client;

import java.util.IdentityHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import upcast.sfu.sctp.DataChannel;
import upcast.sfu.sctp.DataChannelListener;
import upcast.sfu.sctp.SctpAssociation;
import upcast.sfu.sctp.SctpConfig;
import upcast.sfu.sctp.SctpTimers;
import upcast.sfu.sctp.SendResult;
import upcast.sfu.sctp.StateCookieSigner;

/**
 * An SCTP association in the client role (the DTLS client's side: it sends INIT and picks even
 * stream ids, RFC 8832 §6) with DCEP data channels (RFC 8831, RFC 8832), as a browser opens them.
 * Its packets are DTLS application data ({@link DtlsClient#send}); received ones go to {@link
 * #handlePacket}.
 *
 * <p>Single-threaded: every method must be called, and every {@link Listener} callback runs, on the
 * thread of the executor given, which also runs the association's timers.
 */
public final class SctpClient {

  /** Data channel events, on the association's thread. */
  public interface Listener {
    /** A channel opened: one we opened, once the association is up, or one the server opened. */
    default void onOpen(Channel channel) {}

    default void onText(Channel channel, String text) {}
  }

  /** One data channel. */
  public static final class Channel {
    private final DataChannel channel;

    private Channel(DataChannel channel) {
      this.channel = channel;
    }

    public String label() {
      return channel.label();
    }

    /**
     * Queues a UTF-8 text message; false when it was not queued (send buffer full, larger than the
     * maximum message size, or the channel is closing).
     */
    public boolean sendText(String text) {
      return channel.sendText(text) == SendResult.OK;
    }
  }

  private final SctpAssociation association;
  private final IdentityHashMap<DataChannel, Channel> channels = new IdentityHashMap<>();

  /**
   * @param lower where packets go: one DTLS application-data record each
   * @param thread the association's one thread
   */
  public SctpClient(PacketSender lower, ScheduledExecutorService thread, Listener listener) {
    this.association =
        new SctpAssociation(
            SctpConfig.defaults(true, new StateCookieSigner()),
            lower::send,
            timers(thread),
            null,
            new DataChannelListener() {
              @Override
              public void onOpen(DataChannel channel) {
                listener.onOpen(wrap(channel));
              }

              @Override
              public void onText(DataChannel channel, String text) {
                listener.onText(wrap(channel), text);
              }
            },
            null);
  }

  private Channel wrap(DataChannel channel) {
    return channels.computeIfAbsent(channel, Channel::new);
  }

  /** Starts the association (sends INIT). */
  public void connect() {
    association.connect();
  }

  /** Processes one received SCTP packet (one DTLS record's payload); never throws. */
  public void handlePacket(byte[] buf, int off, int len) {
    association.handlePacket(buf, off, len);
  }

  /**
   * Opens a reliable, ordered channel with DCEP; it may be called before the association is up.
   *
   * @throws IllegalStateException when the association is closing, or our channel cap is reached
   */
  public Channel openChannel(String label) {
    return wrap(association.openChannel(label));
  }

  /** Graceful close: sends what is queued, then SHUTDOWN. */
  public void close() {
    association.close();
  }

  /** Timers on the association's thread. */
  private static SctpTimers timers(ScheduledExecutorService exec) {
    return new SctpTimers() {
      @Override
      public Cancellable schedule(Runnable task, long delayMillis) {
        var f = exec.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public long nowMillis() {
        return System.nanoTime() / 1_000_000;
      }
    };
  }
}
