package upcast.sfu.sctp;

/**
 * Time for an association: a monotonic clock and one-shot timers, provided by whoever drives the
 * association (the media loop in production, a fake in tests). Tasks must run on the association's
 * thread.
 */
public interface SctpTimers {
  /** A scheduled task that can still be called off. */
  interface Cancellable {
    void cancel();
  }

  Cancellable schedule(Runnable task, long delayMillis);

  /** Monotonic milliseconds (e.g. {@code System.nanoTime() / 1_000_000}). */
  long nowMillis();
}
