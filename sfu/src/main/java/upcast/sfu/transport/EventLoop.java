package upcast.sfu.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media loop: one thread that reads the shared UDP socket, runs the packet path, and runs tasks
 * and timers handed to it. Everything per peer lives on this thread, so nothing on the packet path
 * needs a lock.
 */
final class EventLoop implements MediaLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  /** Datagrams read per wake-up before tasks and timers get a turn. */
  private static final int READ_BUDGET = 256;

  /** Receives every datagram, on the loop thread; the buffer is reused afterwards. */
  interface DatagramHandler {
    void onDatagram(byte[] buf, int off, int len, InetSocketAddress from);
  }

  private final DatagramChannel channel;
  private final Selector selector;
  private final DatagramHandler handler;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final byte[] receiveArray = new byte[2048];
  private final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveArray);
  private final Thread thread;
  private volatile boolean running = true;
  private long timerSequence;
  private long receivedNanos;

  EventLoop(DatagramChannel channel, DatagramHandler handler) throws IOException {
    this.channel = channel;
    this.handler = handler;
    this.selector = Selector.open();
    channel.configureBlocking(false);
    channel.register(selector, SelectionKey.OP_READ);
    this.thread = new Thread(this::run, "upcast-media-loop");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Timer timer = new Timer(System.nanoTime() + delay.toNanos(), task);
    execute(
        () -> {
          timer.sequence = timerSequence++;
          timers.add(timer);
        });
    return timer;
  }

  @Override
  public long receivedNanos() {
    return receivedNanos;
  }

  @Override
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    while (running) {
      try {
        if (tasks.isEmpty()) {
          selector.select(selectTimeoutMillis());
        } else {
          selector.selectNow();
        }
        selector.selectedKeys().clear();
        readAvailable();
        runTasks();
        runTimers();
      } catch (IOException | RuntimeException e) {
        // Never let one bad packet or task stop media for everybody.
        LOG.warn("media loop: {}", e.toString(), e);
      }
    }
  }

  private long selectTimeoutMillis() {
    Timer next = timers.peek();
    if (next == null) {
      return 1000;
    }
    long ms = (next.dueNanos - System.nanoTime()) / 1_000_000;
    return Math.max(1, Math.min(1000, ms));
  }

  private void readAvailable() throws IOException {
    for (int i = 0; i < READ_BUDGET; i++) {
      receiveBuffer.clear();
      InetSocketAddress from = (InetSocketAddress) channel.receive(receiveBuffer);
      if (from == null) {
        return;
      }
      receivedNanos = System.nanoTime();
      try {
        handler.onDatagram(receiveArray, 0, receiveBuffer.position(), from);
      } catch (RuntimeException e) {
        LOG.warn("dropped a datagram that broke the packet path: {}", e.toString(), e);
      }
    }
  }

  private void runTasks() {
    Runnable task;
    int budget = 1024;
    while (budget-- > 0 && (task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("media loop task failed: {}", e.toString(), e);
      }
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    Timer t;
    while ((t = timers.peek()) != null && t.dueNanos - now <= 0) {
      timers.poll();
      if (!t.cancelled) {
        try {
          t.task.run();
        } catch (RuntimeException e) {
          LOG.warn("media loop timer failed: {}", e.toString(), e);
        }
      }
    }
  }

  void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(2000);
      selector.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("closing selector", e);
    }
  }

  private static final class Timer implements Comparable<Timer>, Cancellable {
    final long dueNanos;
    final Runnable task;
    long sequence;
    volatile boolean cancelled;

    Timer(long dueNanos, Runnable task) {
      this.dueNanos = dueNanos;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(dueNanos - o.dueNanos, 0);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
