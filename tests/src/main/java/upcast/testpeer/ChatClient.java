package upcast.testpeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import upcast.sfu.sctp.DataChannel;
import upcast.sfu.sctp.DataChannelListener;
import upcast.sfu.sctp.SctpAssociation;
import upcast.sfu.sctp.SctpConfig;
import upcast.sfu.sctp.SctpTimers;
import upcast.sfu.sctp.SendResult;
import upcast.sfu.sctp.StateCookieSigner;

/**
 * The {@code chat} data channel of a connected {@link TestPeer}, as a browser would open it: our
 * SCTP playing the client side over the peer's DTLS, on a thread of its own. Keeps every JSON
 * message the server sent, for tests to wait on.
 */
public final class ChatClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScheduledExecutorService sctpThread;
  private final List<JsonNode> received = new ArrayList<>();
  private final SctpAssociation sctp;
  private final DataChannel channel;

  private ChatClient(
      ScheduledExecutorService sctpThread, SctpAssociation sctp, DataChannel channel) {
    this.sctpThread = sctpThread;
    this.sctp = sctp;
    this.channel = channel;
  }

  /** Opens the {@code chat} channel on {@code peer} (already connected) and waits until it is. */
  public static ChatClient open(TestPeer peer, String label, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    CompletableFuture<DataChannel> open = new CompletableFuture<>();
    ChatClient[] self = new ChatClient[1];
    SctpAssociation[] association = new SctpAssociation[1];
    List<String> early = new ArrayList<>();
    try {
      thread
          .submit(
              () -> {
                SctpAssociation sctp =
                    new SctpAssociation(
                        SctpConfig.defaults(true, new StateCookieSigner()),
                        (b, off, len) -> send(peer, Arrays.copyOfRange(b, off, off + len)),
                        timers(thread),
                        null,
                        new DataChannelListener() {
                          @Override
                          public void onOpen(DataChannel channel) {
                            open.complete(channel);
                          }

                          @Override
                          public void onText(DataChannel channel, String text) {
                            if (self[0] == null) {
                              early.add(text); // before open() returned: same thread, no race
                            } else {
                              self[0].add(text);
                            }
                          }
                        },
                        null);
                association[0] = sctp;
                peer.onApplicationData(
                    data -> thread.execute(() -> sctp.handlePacket(data, 0, data.length)));
                sctp.connect();
                sctp.openChannel(label);
              })
          .get(5, TimeUnit.SECONDS);
      DataChannel channel = open.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      ChatClient client = new ChatClient(thread, association[0], channel);
      thread
          .submit(
              () -> {
                self[0] = client;
                early.forEach(client::add);
              })
          .get(5, TimeUnit.SECONDS);
      return client;
    } catch (ExecutionException e) {
      thread.shutdownNow();
      throw new IOException("opening the data channel failed", e.getCause());
    } catch (TimeoutException | InterruptedException | RuntimeException e) {
      thread.shutdownNow();
      throw e;
    }
  }

  private static void send(TestPeer peer, byte[] packet) {
    try {
      peer.sendDtlsApplicationData(packet);
    } catch (IOException e) {
      // lost like any datagram; SCTP retransmits
    }
  }

  /** Sends one text message. */
  public void send(String text) {
    try {
      sctpThread.submit(() -> channel.sendText(text)).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("send failed", e);
    }
  }

  /**
   * Sends {@code text} up to {@code count} times back to back (flood tests), stopping when our send
   * buffer is full; returns how many were queued.
   */
  public int sendMany(String text, int count) {
    try {
      return sctpThread
          .submit(
              () -> {
                int sent = 0;
                while (sent < count && channel.sendText(text) == SendResult.OK) {
                  sent++;
                }
                return sent;
              })
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("flood failed", e);
    }
  }

  /**
   * Asks the server for {@code count} more channels with that label (abuse tests); returns how many
   * our own side let us ask for.
   */
  public int openMore(String label, int count) {
    try {
      return sctpThread
          .submit(
              () -> {
                int asked = 0;
                for (int i = 0; i < count; i++) {
                  try {
                    sctp.openChannel(label);
                    asked++;
                  } catch (IllegalStateException e) {
                    break; // our own cap
                  }
                }
                return asked;
              })
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("opening channels failed", e);
    }
  }

  private synchronized void add(String text) {
    try {
      received.add(JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException("the server sent non-JSON: " + text, e);
    }
    notifyAll();
  }

  /** Every message received so far. */
  public synchronized List<JsonNode> messages() {
    return List.copyOf(received);
  }

  /** Messages received so far of one {@code type}. */
  public synchronized List<JsonNode> messages(String type) {
    return received.stream().filter(m -> type.equals(m.path("type").asText())).toList();
  }

  /** Waits for the first message (of all received, old ones included) that matches. */
  public synchronized JsonNode await(Predicate<JsonNode> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode m : received) {
        if (match.test(m)) {
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching message within " + timeout + "; got " + received);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Waits until {@code n} of the messages received match. */
  public synchronized void awaitCount(Predicate<JsonNode> match, int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.stream().filter(match).count() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("fewer than " + n + " matching messages; got " + received);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Waits for a message of {@code type} whose {@code field} is {@code value}. */
  public JsonNode await(String type, String field, String value, Duration timeout)
      throws InterruptedException {
    return await(
        m -> type.equals(m.path("type").asText()) && value.equals(m.path(field).asText()), timeout);
  }

  /** SCTP timers run on {@code exec}, the association's own thread. */
  public static SctpTimers timers(ScheduledExecutorService exec) {
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

  @Override
  public void close() {
    sctpThread.shutdownNow();
  }
}
