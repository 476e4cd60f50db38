package upcast.loadgen;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import upcast.sfu.client.Srtp;
import upcast.sfu.client.SrtpProfile;

/**
 * The floor under the SFU's CPU per forwarded packet on this machine: what the kernel and the JVM
 * charge one thread for sending a 1,100-byte datagram on loopback, with no SRTP and no SFU logic.
 * Three ways of sending ({@link Sender}) — the JDK's {@code DatagramChannel.send} (one {@code
 * sendto(2)} per datagram), Netty's epoll transport flushing 64 at a time ({@code sendmmsg(2)}, as
 * the SFU's media loop does, with the same per-datagram pooled direct buffer), and the same with
 * UDP GSO, six datagrams to one destination per buffer — each to 1, 50 and 500 receiving sockets
 * that one thread drains, as a fan-out has many destinations. Prints the sending thread's CPU per
 * datagram, split into user and system time (user time is counted in scheduler ticks, so the split
 * is meaningful for runs of a second or more, as the default's are), and what the draining thread
 * paid per datagram. Then a fan-out's shape ({@link #fanOutBursts}): bursts of 50 or 200 copies,
 * each SRTP-encrypted for its own destination, back to back or with a sleep between bursts. Last,
 * what it costs a thread to wake up after sleeping 1, 4 or 10 ms ({@link #wakeUpCost}): the fixed
 * cost of each publisher packet that finds the media loop asleep.
 *
 * <pre>java upcast.loadgen.SendPathBench [--datagrams N] [--size BYTES] [--discard-to IP]</pre>
 *
 * {@code --discard-to} adds runs to an address behind a device that takes each datagram away from
 * the sending thread, as a NIC would: {@code bench.sh sendpath} (as root) passes the far end of its
 * veth pair, in a private namespace, whose threaded NAPI handles the datagrams in a kernel thread
 * and drops them (no socket has those ports). That is the send path without the delivery into a
 * receiving socket, which loopback runs inside the sender's system call. Loopback or that private
 * pair only; every run is bounded by its datagram count and by 30 seconds.
 */
public final class SendPathBench {
  private static final int BATCH = 64;

  /** Datagrams per GSO write: about one video frame at 1.5 Mbps and 30 frames/s. */
  private static final int GSO_SEGMENTS = 6;

  private static final long RUN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SendPathBench() {}

  public static void main(String[] args) throws Exception {
    int datagrams = 400_000;
    int size = 1_100;
    InetAddress discardTo = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datagrams" -> datagrams = Integer.parseInt(args[++i]);
        case "--size" -> size = Integer.parseInt(args[++i]);
        case "--discard-to" -> discardTo = InetAddress.getByName(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d datagrams of %d bytes per run, to loopback sockets%s; Netty epoll available: %s%n%n",
        datagrams,
        size,
        discardTo == null ? "" : " and to " + discardTo.getHostAddress() + " over veth",
        Epoll.isAvailable());
    System.out.println(
        "| sender | destinations | CPU µs/datagram | user | system | delivered | drain CPU µs/datagram |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int destinations : new int[] {1, 50, 500}) {
      // A short first pass warms the JIT; only the second is printed.
      for (boolean print : new boolean[] {false, true}) {
        int n = print ? datagrams : datagrams / 10;
        for (Sender sender : Sender.values()) {
          if (sender.available()) {
            report(sender.label, destinations, print, run(destinations, n, size, sender, null));
            if (discardTo != null && sender != Sender.JDK) {
              report(
                  sender.label + ", over veth",
                  destinations,
                  print,
                  run(destinations, n, size, sender, discardTo));
            }
          }
        }
      }
    }
    System.out.println();
    System.out.println(
        "| fan-out bursts: copies per burst | pause between bursts | bursts | CPU µs per copy |");
    System.out.println("|---|---|---|---|");
    for (int copies : new int[] {50, 200}) {
      for (int gapMillis : new int[] {0, 12}) {
        fanOutBursts(copies, 20, gapMillis, size, discardTo); // warms the JIT
        int bursts = gapMillis == 0 ? 1_000 : 250;
        System.out.printf(
            Locale.ROOT,
            "| %d | %d ms | %d | %.2f |%n",
            copies,
            gapMillis,
            bursts,
            fanOutBursts(copies, bursts, gapMillis, size, discardTo));
      }
    }
    System.out.println();
    System.out.println("| thread sleeps between wake-ups | wake-ups | CPU µs per wake-up |");
    System.out.println("|---|---|---|");
    for (int sleepMillis : new int[] {1, 4, 10}) {
      int wakeUps = 2_000 / sleepMillis;
      System.out.printf(
          Locale.ROOT,
          "| %d ms | %d | %.1f |%n",
          sleepMillis,
          wakeUps,
          wakeUpCost(sleepMillis, wakeUps));
    }
  }

  /**
   * What one wake-up of a sleeping thread costs that thread in CPU, in µs: it parks for {@code
   * sleepMillis}, {@code wakeUps} times (about two seconds in all), and nothing else. A media loop
   * sleeps between a publisher's packets (every ~4 ms at 1.5 Mbps), so it pays this once per
   * publisher packet however few viewers share it, and once per timer that finds it asleep.
   */
  public static double wakeUpCost(int sleepMillis, int wakeUps) {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < wakeUps; i++) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(sleepMillis));
    }
    return (THREADS.getCurrentThreadCpuTime() - cpu0) / 1000.0 / wakeUps;
  }

  /**
   * A fan-out's shape without an SFU, in CPU µs per copy of the sending loop thread: {@code bursts}
   * times, one datagram to each of {@code copies} destinations, each copy first encrypted with that
   * destination's own SRTP session (AES-GCM, as the SFU's viewers are), written to Netty's epoll
   * channel and flushed every {@link #BATCH} ({@code sendmmsg(2)}), then {@code gapMillis} of sleep
   * in the event loop before the next burst (a 1.5 Mbps publisher's packets reach the SFU in ~80
   * bursts a second). Destinations are loopback sockets drained by one thread, or with {@code
   * discardTo} ports behind the veth pair. With no pause the caches stay warm; with one, each burst
   * starts after a sleep, as the SFU's do: comparing the two at 50 and at 200 copies shows what a
   * burst's start costs on this machine, apart from any SFU.
   */
  public static double fanOutBursts(
      int copies, int bursts, int gapMillis, int size, @Nullable InetAddress discardTo)
      throws Exception {
    // jitsi-srtp picks its AES engine by benchmark at the first key derivation (about a second of
    // CPU): done here, before the clock starts, it is not charged to the copies measured.
    Srtp.warmUp();
    SecureRandom random = new SecureRandom();
    List<Srtp> sessions = new ArrayList<>();
    SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
    for (int i = 0; i < copies; i++) {
      byte[] key = new byte[profile.keyLength()];
      byte[] salt = new byte[profile.saltLength()];
      random.nextBytes(key);
      random.nextBytes(salt);
      sessions.add(Srtp.withKeys(profile, key, salt, key, salt));
    }
    List<InetSocketAddress> to = new ArrayList<>();
    Drain drain = discardTo == null ? new Drain(copies) : null;
    if (drain != null) {
      to.addAll(drain.addresses);
    } else {
      for (int i = 0; i < copies; i++) {
        to.add(new InetSocketAddress(discardTo, 20_000 + i));
      }
    }
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      Channel channel =
          sendingChannel(
              group,
              new InetSocketAddress(
                  discardTo == null ? InetAddress.getLoopbackAddress() : null, 0));
      byte[] packet = new byte[size];
      packet[0] = (byte) 0x80;
      packet[1] = 96;
      byte[] scratch = new byte[size + 64];
      CompletableFuture<long[]> done = new CompletableFuture<>();
      long deadline = System.nanoTime() + RUN_LIMIT_NANOS;
      channel
          .eventLoop()
          .execute(
              new Runnable() {
                long cpu0 = -1;
                int burst;
                int sequence;

                @Override
                public void run() {
                  if (cpu0 < 0) {
                    cpu0 = THREADS.getCurrentThreadCpuTime();
                  }
                  sequence++;
                  packet[2] = (byte) (sequence >> 8);
                  packet[3] = (byte) sequence;
                  ChannelPromise last = channel.newPromise();
                  for (int i = 0; i < copies; i++) {
                    System.arraycopy(packet, 0, scratch, 0, size);
                    int n = sessions.get(i).protectRtp(scratch, 0, size);
                    ByteBuf data = channel.alloc().directBuffer(n, n);
                    data.writeBytes(scratch, 0, n);
                    var unused = // the burst's outcome arrives through last
                        channel.write(
                            new DatagramPacket(data, to.get(i)),
                            i == copies - 1 ? last : channel.voidPromise());
                    if ((i + 1) % BATCH == 0) {
                      channel.flush();
                    }
                  }
                  channel.flush();
                  // The next burst once the kernel took this one (see sendNetty).
                  last.addListener(
                      f -> {
                        if (!f.isSuccess()) {
                          done.completeExceptionally(f.cause());
                        } else if (++burst < bursts && System.nanoTime() < deadline) {
                          var unused = // the next burst; done reports how it ends
                              channel.eventLoop().schedule(this, gapMillis, TimeUnit.MILLISECONDS);
                        } else {
                          done.complete(
                              new long[] {THREADS.getCurrentThreadCpuTime() - cpu0, burst});
                        }
                      });
                }
              });
      long[] cpuAndBursts =
          done.get(RUN_LIMIT_NANOS + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
      channel.close().sync();
      return cpuAndBursts[0] / 1000.0 / (cpuAndBursts[1] * copies);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      if (drain != null) {
        drain.close();
      }
      sessions.forEach(Srtp::close);
    }
  }

  /** How the datagrams are handed to the kernel. */
  public enum Sender {
    /** {@code DatagramChannel.send}: one {@code sendto(2)} per datagram. */
    JDK("JDK send, one per call", 1),
    /** Netty's epoll transport: {@link #BATCH} datagrams per {@code sendmmsg(2)}. */
    NETTY("Netty sendmmsg ×64", 1),
    /**
     * As {@link #NETTY}, but each write carries {@link #GSO_SEGMENTS} equal datagrams to one
     * destination as one UDP GSO buffer ({@code UDP_SEGMENT}, Linux 4.18), which the kernel splits
     * late: what sending a viewer several packets at once would cost.
     */
    NETTY_GSO("Netty sendmmsg + UDP GSO ×" + GSO_SEGMENTS, GSO_SEGMENTS);

    final String label;
    final int segments;

    Sender(String label, int segments) {
      this.label = label;
      this.segments = segments;
    }

    public boolean available() {
      return switch (this) {
        case JDK -> true;
        case NETTY -> Epoll.isAvailable();
        case NETTY_GSO ->
            Epoll.isAvailable() && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
      };
    }
  }

  private static void report(String sender, int destinations, boolean print, Result r) {
    if (!print) {
      return;
    }
    boolean discarded = r.received < 0;
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f | %.2f | %s | %s |%n",
        sender,
        destinations,
        r.cpuNanos / 1000.0 / r.sent,
        r.userNanos / 1000.0 / r.sent,
        (r.cpuNanos - r.userNanos) / 1000.0 / r.sent,
        discarded
            ? "dropped at the far end"
            : String.format(Locale.ROOT, "%.1f %%", 100.0 * r.received / r.sent),
        discarded
            ? "—"
            : String.format(
                Locale.ROOT, "%.2f", r.drainCpuNanos / 1000.0 / Math.max(1, r.received)));
  }

  /** CPU of the sending thread over one run, and what the receivers got (-1: nothing received). */
  public record Result(
      long sent, long cpuNanos, long userNanos, long received, long drainCpuNanos) {}

  /**
   * One run to {@code destinations} sockets on loopback, drained; or, with {@code discardTo}, to as
   * many ports on that address, which routes to a device that drops every datagram (nothing
   * receives, so delivered and drain are zero).
   */
  public static Result run(
      int destinations, int datagrams, int size, Sender sender, @Nullable InetAddress discardTo)
      throws Exception {
    if (discardTo != null) {
      List<InetSocketAddress> to = new ArrayList<>();
      for (int i = 0; i < destinations; i++) {
        to.add(new InetSocketAddress(discardTo, 20_000 + i));
      }
      long[] cpu = sendNetty(to, new InetSocketAddress(0), datagrams, size, sender.segments);
      return new Result(cpu[0], cpu[1], cpu[2], -1, 0);
    }
    try (Drain drain = new Drain(destinations)) {
      InetSocketAddress from = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      long[] cpu =
          sender == Sender.JDK
              ? sendJdk(drain, datagrams, size)
              : sendNetty(drain.addresses, from, datagrams, size, sender.segments);
      long received = drain.settle();
      return new Result(cpu[0], cpu[1], cpu[2], received, drain.cpuNanos());
    }
  }

  /** One {@code sendto(2)} per datagram, round-robin over the destinations. */
  private static long[] sendJdk(Drain drain, int datagrams, int size) throws IOException {
    try (DatagramChannel out = DatagramChannel.open()) {
      out.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
      out.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ByteBuffer payload = ByteBuffer.allocateDirect(size);
      long deadline = System.nanoTime() + RUN_LIMIT_NANOS;
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long user0 = THREADS.getCurrentThreadUserTime();
      int sent = 0;
      while (sent < datagrams && System.nanoTime() < deadline) {
        payload.clear();
        out.send(payload, drain.addresses.get(sent % drain.addresses.size()));
        sent++;
      }
      return new long[] {
        sent, THREADS.getCurrentThreadCpuTime() - cpu0, THREADS.getCurrentThreadUserTime() - user0
      };
    }
  }

  /**
   * Batches of {@link #BATCH} datagrams written to a Netty epoll channel and flushed (one {@code
   * sendmmsg(2)}), one batch per loop task, from the loop thread, as the SFU's media loop sends;
   * with {@code segments} > 1, written as GSO buffers of that many datagrams each.
   */
  private static long[] sendNetty(
      List<InetSocketAddress> to, InetSocketAddress from, int datagrams, int size, int segments)
      throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      Channel channel = sendingChannel(group, from);
      byte[] payload = new byte[size * segments];
      CompletableFuture<long[]> done = new CompletableFuture<>();
      channel
          .eventLoop()
          .execute(
              new Runnable() {
                long deadline;
                long cpu0;
                long user0;
                int sent = -1;

                @Override
                public void run() {
                  if (sent < 0) {
                    // First run, on the loop thread: start its clocks here.
                    deadline = System.nanoTime() + RUN_LIMIT_NANOS;
                    cpu0 = THREADS.getCurrentThreadCpuTime();
                    user0 = THREADS.getCurrentThreadUserTime();
                    sent = 0;
                  }
                  ChannelPromise batch = null;
                  for (int i = 0; i < BATCH && sent < datagrams; i += segments) {
                    int n = Math.min(segments, datagrams - sent);
                    ByteBuf data = channel.alloc().directBuffer(size * n, size * n);
                    data.writeBytes(payload, 0, size * n);
                    InetSocketAddress dst = to.get((sent / segments) % to.size());
                    boolean lastOfBatch = i + segments >= BATCH || sent + n >= datagrams;
                    ChannelPromise promise = lastOfBatch ? channel.newPromise() : null;
                    var unused = // the batch's outcome arrives through batch
                        channel.write(
                            n > 1
                                ? new SegmentedDatagramPacket(data, size, dst)
                                : new DatagramPacket(data, dst),
                            lastOfBatch ? promise : channel.voidPromise());
                    batch = promise == null ? batch : promise;
                    sent += n;
                  }
                  channel.flush();
                  // The next batch only once the kernel took this one: when the socket's send
                  // buffer is full (receivers on loopback hold its memory until they read), Netty
                  // keeps the rest and waits for EPOLLOUT. Counting datagrams Netty merely queued
                  // would undercount the CPU per datagram, and closing would fail the queued ones.
                  ChannelPromise last = requireNonNull(batch); // the loop's last write made one
                  last.addListener(
                      f -> {
                        if (!f.isSuccess()) {
                          done.completeExceptionally(f.cause());
                        } else if (sent < datagrams && System.nanoTime() < deadline) {
                          channel.eventLoop().execute(this);
                        } else {
                          done.complete(
                              new long[] {
                                sent,
                                THREADS.getCurrentThreadCpuTime() - cpu0,
                                THREADS.getCurrentThreadUserTime() - user0
                              });
                        }
                      });
                }
              });
      long[] result = done.get(RUN_LIMIT_NANOS + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
      channel.close().sync();
      return result;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** A Netty epoll datagram channel bound to {@code from}, with a 4 MiB send buffer. */
  private static Channel sendingChannel(EventLoopGroup group, InetSocketAddress from)
      throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(EpollDatagramChannel.class)
        .option(ChannelOption.SO_SNDBUF, 4 << 20)
        .handler(new ChannelInboundHandlerAdapter())
        .bind(from)
        .sync()
        .channel();
  }

  /**
   * Receiving sockets on loopback, drained by one thread with a selector, as the load tool reads.
   */
  private static final class Drain implements AutoCloseable {
    final List<InetSocketAddress> addresses = new ArrayList<>();
    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final Selector selector;
    private final LongAdder received = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CompletableFuture<Long> drainCpu = new CompletableFuture<>();
    private final Thread thread;

    Drain(int count) throws IOException {
      selector = Selector.open();
      for (int i = 0; i < count; i++) {
        DatagramChannel s = DatagramChannel.open();
        s.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.configureBlocking(false);
        s.register(selector, SelectionKey.OP_READ);
        sockets.add(s);
        addresses.add((InetSocketAddress) s.getLocalAddress());
      }
      thread = new Thread(this::loop, "send-path-drain");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      ByteBuffer buf = ByteBuffer.allocateDirect(2048);
      try {
        while (running.get()) {
          selector.select(20);
          for (SelectionKey key : selector.selectedKeys()) {
            buf.clear();
            if (((DatagramChannel) key.channel()).receive(buf) != null) {
              received.increment();
            }
          }
          selector.selectedKeys().clear();
        }
      } catch (IOException e) {
        // Closed under us: the run is over.
      }
      drainCpu.complete(THREADS.getCurrentThreadCpuTime() - cpu0);
    }

    /** Waits until nothing more arrives for 100 ms, then returns how many datagrams arrived. */
    long settle() throws InterruptedException {
      long last = -1;
      long now = received.sum();
      for (int i = 0; i < 100 && now != last; i++) {
        Thread.sleep(100);
        last = now;
        now = received.sum();
      }
      return now;
    }

    long cpuNanos() throws Exception {
      running.set(false);
      selector.wakeup();
      return drainCpu.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      running.set(false);
      selector.wakeup();
      for (DatagramChannel s : sockets) {
        s.close();
      }
      selector.close();
    }
  }
}
