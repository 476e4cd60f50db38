package upcast.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of another process from Linux's {@code /proc} (proc(5)): how the
 * benchmark measures a server that has no metrics endpoint of its own, and how it measures every
 * server the same way when it knows the process id.
 */
final class ProcStat {
  /** USER_HZ: the unit of utime/stime in /proc/[pid]/stat, fixed at 100 on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;

  ProcStat(long pid) {
    this.pid = pid;
  }

  /** utime + stime (fields 14 and 15 of /proc/[pid]/stat) in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name (field 2) may contain spaces; fields after it are space-separated.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** VmRSS of /proc/[pid]/status in bytes. */
  double rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return 1024.0 * Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /**
   * Runs a full garbage collection in a JVM (the JDK's {@code jcmd <pid> GC.run}), so the heap in
   * use afterwards is what is live; false if jcmd is missing or failed.
   */
  boolean collectGarbage() throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
