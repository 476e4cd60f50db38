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
import upcast.sfu.client.SctpClient;
import upcast.sfu.client.SctpClient.Channel;

/**
 * The {@code chat} data channel of a connected {@link TestPeer}, as a browser would open it: our
 * SCTP playing the client side over the peer's DTLS, on a thread of its own. Keeps every JSON
 * message the server sent, for tests to wait on.
 */
public final class ChatClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScheduledExecutorService sctpThread;
  private final List<JsonNode> received = new ArrayList<>();
  private final SctpClient sctp;
  private final Channel channel;

  private ChatClient(ScheduledExecutorService sctpThread, SctpClient sctp, Channel channel) {
    this.sctpThread = sctpThread;
    this.sctp = sctp;
    this.channel = channel;
  }

  /** Opens the {@code chat} channel on {@code peer} (already connected) and waits until it is. */
  public static ChatClient open(TestPeer peer, String label, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    CompletableFuture<Channel> open = new CompletableFuture<>();
    ChatClient[] self = new ChatClient[1];
    SctpClient[] association = new SctpClient[1];
    List<String> early = new ArrayList<>();
    try {
      thread
          .submit(
              () -> {
                SctpClient sctp =
                    new SctpClient(
                        (b, off, len) -> send(peer, Arrays.copyOfRange(b, off, off + len)),
                        thread,
                        new SctpClient.Listener() {
                          @Override
                          public void onOpen(Channel channel) {
                            open.complete(channel);
                          }

                          @Override
                          public void onText(Channel channel, String text) {
                            if (self[0] == null) {
                              early.add(text); // before open() returned: same thread, no race
                            } else {
                              self[0].add(text);
                            }
                          }
                        });
                association[0] = sctp;
                peer.onApplicationData(
                    data -> thread.execute(() -> sctp.handlePacket(data, 0, data.length)));
                sctp.connect();
                sctp.openChannel(label);
              })
          .get(5, TimeUnit.SECONDS);
      Channel channel = open.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
                while (sent < count && channel.sendText(text)) {
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

  @Override
  public void close() {
    sctpThread.shutdownNow();
  }
}
