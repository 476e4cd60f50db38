package upcast.sfu.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import upcast.sfu.transport.MediaLoop;

/**
 * A media loop and clock driven by the test: tasks run when the test says so, scheduled ones once
 * the clock has passed their time.
 */
final class ManualLoop extends Clock implements MediaLoop {
  @SuppressWarnings("ArrayRecordComponent") // cancelled: a flag shared with the handle
  private record Timer(long dueMillis, Runnable task, boolean[] cancelled) {}

  private final List<Timer> timers = new ArrayList<>();
  private long nowMillis = 1_000_000;

  void advance(Duration d) {
    nowMillis += d.toMillis();
    runDue();
  }

  void runDue() {
    for (int round = 0; round < 1000; round++) {
      Timer due = null;
      for (Timer t : timers) {
        if (t.dueMillis <= nowMillis && (due == null || t.dueMillis < due.dueMillis)) {
          due = t;
        }
      }
      if (due == null) {
        return;
      }
      timers.remove(due);
      if (!due.cancelled[0]) {
        due.task.run();
      }
    }
  }

  int pendingTimers() {
    return (int) timers.stream().filter(t -> !t.cancelled[0]).count();
  }

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    boolean[] cancelled = {false};
    timers.add(new Timer(nowMillis + delay.toMillis(), task, cancelled));
    return () -> cancelled[0] = true;
  }

  @Override
  public long receivedNanos() {
    return System.nanoTime();
  }

  @Override
  public void flush() {}

  @Override
  public boolean inLoop() {
    return true;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(nowMillis);
  }

  @Override
  public long millis() {
    return nowMillis;
  }
}
