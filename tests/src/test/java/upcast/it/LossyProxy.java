package upcast.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A userland UDP relay on loopback between one peer and the SFU that, once {@link #impair} is on,
 * drops, duplicates and reorders datagrams (tc netem is not available here). Seeded and bounded: it
 * stops after {@code maxPackets} or when closed.
 */
final class LossyProxy implements AutoCloseable {
  private final DatagramChannel channel;
  private final InetSocketAddress server;
  private final Random random;
  private final Thread thread;
  private volatile boolean impair;
  private volatile boolean running = true;
  private @Nullable SocketAddress client;
  private final ArrayDeque<Object[]> held = new ArrayDeque<>();

  LossyProxy(InetSocketAddress server, long seed, int maxPackets) throws IOException {
    this.server = server;
    this.random = new Random(seed);
    this.channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.thread = new Thread(() -> run(maxPackets), "lossy-proxy");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** From now on: 10 % loss, 5 % duplicates, 10 % held back and sent after the next packet. */
  void impair() {
    impair = true;
  }

  private void run(int maxPackets) {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    for (int i = 0; running && i < maxPackets; i++) {
      try {
        buf.clear();
        SocketAddress from = channel.receive(buf);
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        SocketAddress to;
        if (from.equals(server)) {
          to = client;
        } else {
          client = from;
          to = server;
        }
        if (to == null) {
          continue;
        }
        if (!impair) {
          channel.send(ByteBuffer.wrap(data), to);
          continue;
        }
        double r = random.nextDouble();
        if (r < 0.10) {
          continue; // lost
        }
        if (r < 0.20) {
          held.add(new Object[] {data, to}); // reordered: goes out after the next one
          continue;
        }
        channel.send(ByteBuffer.wrap(data), to);
        if (r < 0.25) {
          channel.send(ByteBuffer.wrap(data), to); // duplicated
        }
        while (!held.isEmpty()) {
          Object[] h = held.poll();
          channel.send(ByteBuffer.wrap((byte[]) h[0]), (SocketAddress) h[1]);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    channel.close();
  }
}
