package upcast.loadgen;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time a fixed piece of work costs, sampled all through a run: a gauge of the machine's
 * speed, printed beside every step's CPU per packet. Lower is faster; the same build of this class
 * on an idle machine of this kind reads the same, so steps, runs and targets can be compared.
 *
 * <p>Why: this machine kind is a paravirtualized guest that reports no steal time ({@code
 * /proc/stat}'s steal column stays 0). When the host takes a vCPU away while a thread runs, the
 * guest charges the lost time to that thread, so CPU per packet rises for every process alike in a
 * busy hour: one command gave the SFU 6.3 µs per packet at 50 viewers in one run and 11 µs in the
 * next. Two steps' (or Upcast's and Janus's) CPU figures compare fairly only where their gauges
 * agree.
 *
 * <p>How: a daemon thread runs the same chain of 300,000 dependent integer operations every 100 ms
 * and records its own CPU time for it (~0.1 ms, ~0.1 % of a core). A window's reading is the median
 * of its samples.
 */
final class SpeedGauge implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;
  private static final int ROUNDS = 100_000;
  private static final int CAPACITY = 36_000; // an hour of samples

  private final long[] samples = new long[CAPACITY];
  private int count; // guarded by this
  private final Thread thread;
  private volatile boolean running = true;

  /** Where the work's result goes, so the JIT cannot drop the work as unused. */
  @SuppressWarnings("unused")
  private volatile long sink;

  SpeedGauge() {
    thread = new Thread(this::run, "speed-gauge");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long x = System.nanoTime() | 1;
    while (running) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < ROUNDS; i++) {
        x ^= x << 13; // xorshift64
        x ^= x >>> 7;
        x ^= x << 17;
      }
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      sink = x;
      synchronized (this) {
        if (count < CAPACITY) {
          samples[count++] = cpu;
        }
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A position in the samples, to pass to {@link #microsSince} at the end of a window. */
  synchronized int mark() {
    return count;
  }

  /** The median CPU µs of the samples taken since {@code mark}; -1 with fewer than 5. */
  synchronized double microsSince(int mark) {
    return medianMicros(Arrays.copyOfRange(samples, Math.min(mark, count), count));
  }

  /** The median of nanosecond samples, in µs; -1 with fewer than 5 samples. */
  static double medianMicros(long[] nanos) {
    if (nanos.length < 5) {
      return -1;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1000.0;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
