package upcast.sfu.sctp;

import java.util.PriorityQueue;

/** Deterministic time for tests: timers run only when the test advances the clock. */
final class FakeTimers implements SctpTimers {
  private static final class Task implements Cancellable, Comparable<Task> {
    final long at;
    final long seq;
    final Runnable run;
    boolean cancelled;

    Task(long at, long seq, Runnable run) {
      this.at = at;
      this.seq = seq;
      this.run = run;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Task o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now = 1_000_000;
  private long seq;

  @Override
  public Cancellable schedule(Runnable task, long delayMillis) {
    Task t = new Task(now + Math.max(0, delayMillis), seq++, task);
    tasks.add(t);
    return t;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  /** Time of the next live timer, or Long.MAX_VALUE. */
  long nextDue() {
    while (!tasks.isEmpty() && tasks.peek().cancelled) {
      tasks.poll();
    }
    return tasks.isEmpty() ? Long.MAX_VALUE : tasks.peek().at;
  }

  void advanceTo(long t) {
    if (t > now) {
      now = t;
    }
  }

  /** Runs every live timer due at the current time. */
  void runDue() {
    while (nextDue() <= now) {
      Task t = tasks.poll();
      t.run.run();
    }
  }

  void advance(long millis) {
    long end = now + millis;
    while (nextDue() <= end) {
      advanceTo(nextDue());
      runDue();
    }
    now = end;
  }

  int pending() {
    nextDue();
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }
}
