package upcast.sfu.transport;

import java.time.Duration;

/**
 * The single-threaded event loop that owns the UDP socket and all per-peer media state (SRTP
 * contexts, fan-out, keyframe throttles). Work from other threads is handed to it with {@link
 * #execute}, so the packet path needs no locks and there is no thread per peer.
 */
public interface MediaLoop {

  /** Runs {@code task} on the loop thread soon. Safe from any thread. */
  void execute(Runnable task);

  /** Runs {@code task} on the loop thread after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, Duration delay);

  /**
   * {@link System#nanoTime()} when the datagram being handled now was read off the socket, so
   * stages can measure in-server latency without reading the clock again.
   */
  long receivedNanos();

  /**
   * Hands every datagram queued on the loop so far to the kernel (batched, see {@code EventLoop}).
   * The loop also flushes after every task, timer and batch of reads; a stage calls this when it
   * must know the packets have left, e.g. to measure in-server latency. Loop thread only.
   */
  void flush();

  /** True when called on the loop thread. */
  boolean inLoop();

  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    void cancel();
  }
}
