package upcast.sfu.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.metrics.Histogram;

/**
 * The media loop: one Netty event-loop thread owns the shared UDP socket, runs the packet path, and
 * runs the tasks and timers handed to it. Everything per peer lives on this thread, so nothing on
 * the packet path needs a lock.
 *
 * <p>Why Netty: sending is the SFU's main cost (one {@code sendto(2)} per packet per viewer is ~3.3
 * µs on this machine kind, more than SRTP). {@link #send} only queues a datagram; {@link #flush}
 * hands everything queued to the kernel in batches of up to 1,024 with {@code sendmmsg(2)}, which
 * Netty's native epoll transport does (Linux x86-64; elsewhere Netty's NIO transport sends one by
 * one, same code). UDP GSO does not apply: it needs one destination per batch, and a fan-out is one
 * packet to many destinations.
 *
 * <p>Queued datagrams are bounded by the channel's write-buffer high-water mark: beyond it {@link
 * #send} drops and counts instead of growing the queue (a socket that cannot keep up must not stall
 * the loop or grow memory).
 */
final class EventLoop implements MediaLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  /** Queued bytes beyond which {@link #send} drops: ~8 fan-outs of 1,000 viewers. */
  private static final int HIGH_WATER_BYTES = 16 << 20;

  /**
   * Datagrams queued before {@link #send} flushes by itself. Small enough that a large fan-out's
   * first copies leave while the loop encrypts the rest (per-copy latency), large enough that the
   * sendmmsg call's fixed cost is spread thin.
   */
  private static final int FLUSH_EVERY = 64;

  /**
   * How often {@link #probeLag} samples the loop's lag. Every probe that finds the loop asleep
   * wakes it, and waking a thread that slept for milliseconds costs 40–90 µs of CPU on this machine
   * kind (a paravirtualized guest): at 10 ms the probe alone took ~9 ms of CPU per second on an
   * idle server, ~0.7 µs per forwarded packet at 50 viewers. A busy loop runs the probe between
   * packets without an extra wake, so 100 ms still catches the lag a packet meets.
   */
  private static final long LAG_PROBE_NANOS = 100_000_000L;

  /**
   * The probe's interval while no datagram arrives: an idle loop has no lag to report, and a wake
   * after 100 ms of sleep costs it ~0.2 ms of CPU here, ~2 ms per second for nothing.
   */
  private static final long IDLE_LAG_PROBE_NANOS = 1_000_000_000L;

  static {
    // Netty's leak detector records a stack trace for 1 in 128 buffers by default: ~500 traces a
    // second at 70k packets/s (visible in perf as Throwable.fillInStackTrace on the media loop).
    // Every buffer here is released by Netty's own write path; keep the detector off unless asked.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  /** Receives every datagram, on the loop thread; the buffer is reused afterwards. */
  interface DatagramHandler {
    void onDatagram(byte[] buf, int off, int len, InetSocketAddress from);
  }

  private final DatagramHandler handler;
  private final LongAdder sendDrops;
  private final Histogram sendLatency;
  private final Histogram loopLag;
  private final EventLoopGroup group;
  private final io.netty.channel.EventLoop loop;

  // Set by bind, which TransportManager calls right after the constructor.
  @SuppressWarnings("NullAway.Init")
  private Channel channel;

  @SuppressWarnings("NullAway.Init")
  private ByteBufAllocator allocator;

  private final boolean nativeTransport;
  private final byte[] receiveArray = new byte[2048];
  private long receivedNanos;
  private boolean inRead;
  private int unflushed;

  /**
   * Starts the loop thread; {@link #bind} opens the socket.
   *
   * @param sendDrops counts datagrams dropped because the queue was full or the send failed
   * @param sendLatency per datagram sent while handling a received one (each viewer's copy of a
   *     publisher packet): received datagram read → copy handed to the kernel
   * @param loopLag how late the loop runs a timer, probed every 100 ms
   */
  EventLoop(
      DatagramHandler handler, LongAdder sendDrops, Histogram sendLatency, Histogram loopLag) {
    this.handler = handler;
    this.sendDrops = sendDrops;
    this.sendLatency = sendLatency;
    this.loopLag = loopLag;
    this.nativeTransport = Epoll.isAvailable();
    IoHandlerFactory io = nativeTransport ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group =
        new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("upcast-media-loop", true), io);
    this.loop = group.next();
    probeLag(System.nanoTime() + LAG_PROBE_NANOS);
  }

  /**
   * Every {@link #LAG_PROBE_NANOS} (every {@link #IDLE_LAG_PROBE_NANOS} while nothing arrives),
   * records how late a timer ran: the time any packet, STUN check or task waits for the loop (a
   * busy or descheduled loop shows here first).
   */
  @SuppressWarnings("FutureReturnValueIgnored") // a one-shot timer that reschedules itself
  private void probeLag(long dueNanos) {
    try {
      loop.schedule(
          () -> {
            long now = System.nanoTime();
            loopLag.recordNanos(Math.max(0, now - dueNanos));
            boolean idle = now - receivedNanos > LAG_PROBE_NANOS;
            probeLag(now + (idle ? IDLE_LAG_PROBE_NANOS : LAG_PROBE_NANOS));
          },
          Math.max(0, dueNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shut down.
    }
  }

  /** Binds the shared UDP socket with {@code socketBuffer} bytes of kernel buffer each way. */
  void bind(InetSocketAddress address, int socketBuffer) throws IOException {
    SocketProtocolFamily family =
        address.getAddress() instanceof Inet4Address
            ? SocketProtocolFamily.INET
            : SocketProtocolFamily.INET6;
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channelFactory(
                () ->
                    nativeTransport
                        ? new EpollDatagramChannel(family)
                        : new NioDatagramChannel(family))
            .option(ChannelOption.SO_RCVBUF, socketBuffer)
            .option(ChannelOption.SO_SNDBUF, socketBuffer)
            .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048))
            .option(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(HIGH_WATER_BYTES / 2, HIGH_WATER_BYTES))
            .handler(new Inbound());
    try {
      this.channel = bootstrap.bind(address).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IOException("interrupted while binding " + address, e);
    } catch (RuntimeException e) {
      close();
      throw new IOException(e.getMessage(), e);
    }
    this.allocator = channel.alloc();
    LOG.info(
        "media loop on UDP {} ({})",
        channel.localAddress(),
        nativeTransport ? "epoll, sendmmsg" : "NIO, one send per datagram");
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** True when sends are batched with sendmmsg (Netty's native epoll transport loaded). */
  boolean batched() {
    return nativeTransport;
  }

  @Override
  public void execute(Runnable task) {
    try {
      loop.execute(() -> runAndFlush(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("media loop is shut down; task dropped");
    }
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    try {
      ScheduledFuture<?> f =
          loop.schedule(() -> runAndFlush(task), delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> {};
    }
  }

  private void runAndFlush(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // Never let one bad task stop media for everybody.
      LOG.warn("media loop task failed: {}", e.toString(), e);
    }
    flush();
  }

  @Override
  public long receivedNanos() {
    return receivedNanos;
  }

  @Override
  public boolean inLoop() {
    return loop.inEventLoop();
  }

  /**
   * Queues one datagram (copied, so {@code buf} may be reused at once); loop thread only. It
   * reaches the kernel at the next {@link #flush}, which the loop runs after every task, timer and
   * batch of reads.
   *
   * @return false if it was dropped because the queue is over its high-water mark
   */
  boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (!channel.isWritable()) {
      sendDrops.increment();
      return false;
    }
    ByteBuf data = allocator.directBuffer(len, len);
    data.writeBytes(buf, off, len);
    var unused = channel.write(new DatagramPacket(data, to), channel.voidPromise()); // void promise
    if (++unflushed >= FLUSH_EVERY) {
      flush();
    }
    return true;
  }

  /** Queues and flushes one datagram from any thread (DTLS handshake flights). */
  void sendFromAnyThread(byte[] buf, int off, int len, InetSocketAddress to) {
    ByteBuf data = allocator.directBuffer(len, len);
    data.writeBytes(buf, off, len);
    var unused = channel.writeAndFlush(new DatagramPacket(data, to), channel.voidPromise());
  }

  @Override
  public void flush() {
    if (unflushed > 0) {
      int n = unflushed;
      unflushed = 0;
      channel.flush();
      if (inRead) {
        sendLatency.recordNanos(System.nanoTime() - receivedNanos, n);
      }
    }
  }

  void close() {
    try {
      if (channel != null) {
        channel.close().await(2, TimeUnit.SECONDS);
      }
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads on the loop thread: copy out, hand to the demultiplexer, flush what it queued. */
  private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      ByteBuf content = packet.content();
      int len = Math.min(content.readableBytes(), receiveArray.length);
      content.getBytes(content.readerIndex(), receiveArray, 0, len);
      receivedNanos = System.nanoTime();
      inRead = true;
      try {
        handler.onDatagram(receiveArray, 0, len, packet.sender());
      } catch (RuntimeException e) {
        LOG.warn("dropped a datagram that broke the packet path: {}", e.toString(), e);
      } finally {
        flush();
        inRead = false;
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A failed send (e.g. ICMP port unreachable reported on a later call): count, carry on.
      sendDrops.increment();
      LOG.debug("media socket: {}", cause.toString());
    }
  }
}
