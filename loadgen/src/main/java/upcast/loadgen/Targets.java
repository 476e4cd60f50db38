package upcast.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Issue 5's targets, checked against one run and printed as a table under the run's results (so
 * they also land in docs/performance-log.md). A report, never an assertion: speed is measured here,
 * not asserted in tests. A target that needs a load the run did not apply (500 or 1,000 viewers,
 * 1.5 Mbps) says so instead of guessing.
 */
final class Targets {
  static final double CPU_MICROS_PER_PACKET = 3;
  static final int LATENCY_AT_VIEWERS = 500;
  static final long LATENCY_P50_MICROS = 50;
  static final long LATENCY_P99_MICROS = 1_000;
  static final int CAPACITY_VIEWERS = 1_000;
  static final int CAPACITY_BITRATE = 1_500_000;
  static final double CAPACITY_LOSS_PERCENT = 0.5;
  static final long FIRST_FRAME_P50_MILLIS = 150;
  static final long FIRST_FRAME_P99_MILLIS = 500;
  static final double HEAP_KIB_PER_VIEWER = 50;
  static final double JANUS_RATIO = 5;

  private Targets() {}

  /** The targets table for an Upcast run; empty for other targets (they are Upcast's goals). */
  static String table(LoadTest.Result r) {
    if (!"upcast".equals(r.target())) {
      return "";
    }
    List<LoadTest.Step> steps = r.steps();
    StringBuilder sb = header();
    row(
        sb,
        "SFU CPU ≤ 3 µs per forwarded packet (stretch 1.5)",
        steps,
        s -> s.serverCpuMicrosPerPacket() >= 0,
        s -> fmt("%.2f µs", s.serverCpuMicrosPerPacket()),
        s -> s.serverCpuMicrosPerPacket() <= CPU_MICROS_PER_PACKET);
    List<LoadTest.Step> big = filter(steps, s -> s.viewers() >= LATENCY_AT_VIEWERS);
    if (big.isEmpty()) {
      notMeasured(
          sb,
          "in-server latency per copy p50 ≤ 50 µs, p99 ≤ 1 ms at 500 viewers",
          "the largest step had " + largest(steps) + " viewers");
    } else {
      row(
          sb,
          "in-server latency per copy p50 ≤ 50 µs, p99 ≤ 1 ms at 500 viewers",
          big,
          s -> s.forwardingP50Micros() >= 0,
          s -> fmt("%d / %d µs", s.forwardingP50Micros(), s.forwardingP99Micros()),
          s ->
              s.forwardingP50Micros() <= LATENCY_P50_MICROS
                  && s.forwardingP99Micros() <= LATENCY_P99_MICROS);
    }
    List<LoadTest.Step> many = filter(steps, s -> s.viewers() >= CAPACITY_VIEWERS);
    if (r.options().videoBitrate() < CAPACITY_BITRATE || many.isEmpty()) {
      notMeasured(
          sb,
          "≥ 1,000 viewers of a 1.5 Mbps broadcast with ≤ 0.5 % loss",
          String.format(
              Locale.ROOT,
              "the largest step had %d viewers at %.1f Mbps",
              largest(steps),
              r.options().videoBitrate() / 1e6));
    } else {
      row(
          sb,
          "≥ 1,000 viewers of a 1.5 Mbps broadcast with ≤ 0.5 % loss",
          many,
          s -> true,
          s -> fmt("%d receiving, loss p99 %.2f %%", s.receiving(), s.lossP99Percent()),
          s -> s.receiving() >= CAPACITY_VIEWERS && s.lossP99Percent() <= CAPACITY_LOSS_PERCENT);
    }
    row(
        sb,
        "time to first frame p50 ≤ 150 ms, p99 ≤ 500 ms (also in the storm)",
        steps,
        s -> s.firstFrameP50Millis() >= 0,
        s -> fmt("%d / %d ms", s.firstFrameP50Millis(), s.firstFrameP99Millis()),
        s ->
            s.firstFrameP50Millis() <= FIRST_FRAME_P50_MILLIS
                && s.firstFrameP99Millis() <= FIRST_FRAME_P99_MILLIS);
    row(
        sb,
        "SFU memory ≤ 50 KiB per viewer (live heap)",
        steps,
        s -> s.serverHeapBytesPerViewer() >= 0,
        s -> fmt("%.1f KiB", s.serverHeapBytesPerViewer() / 1024.0),
        s -> s.serverHeapBytesPerViewer() / 1024.0 <= HEAP_KIB_PER_VIEWER);
    return sb.toString();
  }

  /**
   * The ≥ 5× Janus row for a comparison ({@link Comparison#compare}, per-step {@code
   * packetsPerCpuSecondRatio}) or a summary of repeated runs ({@code medianRatio}).
   */
  static String janusTable(JsonNode comparison, String ratioField) {
    StringBuilder sb = header();
    List<String> cells = new ArrayList<>();
    int known = 0;
    int met = 0;
    for (JsonNode step : comparison.path("steps")) {
      double ratio = step.path(ratioField).asDouble(-1);
      if (ratio < 0) {
        continue;
      }
      known++;
      met += ratio >= JANUS_RATIO ? 1 : 0;
      cells.add(
          fmt("%s (%d): %.2f×", step.path("name").asText(), step.path("viewers").asInt(), ratio));
    }
    String what =
        "medianRatio".equals(ratioField)
            ? "≥ 5× Janus's packets per CPU-second (median of the runs)"
            : "≥ 5× Janus's packets per CPU-second, same run";
    sb.append(cells(what, cells, verdict(met, known)));
    return sb.toString();
  }

  private static StringBuilder header() {
    return new StringBuilder("| target (issue 5) | this run | verdict |\n|---|---|---|\n");
  }

  /** One target over the given steps: each step's value, then met in how many of them. */
  private static void row(
      StringBuilder sb,
      String target,
      List<LoadTest.Step> steps,
      Predicate<LoadTest.Step> known,
      Function<LoadTest.Step, String> value,
      Predicate<LoadTest.Step> met) {
    List<String> cells = new ArrayList<>();
    int n = 0;
    int ok = 0;
    for (LoadTest.Step s : steps) {
      if (!known.test(s)) {
        continue;
      }
      n++;
      ok += met.test(s) ? 1 : 0;
      cells.add(s.name() + " (" + s.viewers() + "): " + value.apply(s));
    }
    sb.append(cells(target, cells, verdict(ok, n)));
  }

  private static String cells(String target, List<String> values, String verdict) {
    return "| " + target + " | " + String.join("; ", values) + " | " + verdict + " |\n";
  }

  private static void notMeasured(StringBuilder sb, String target, String why) {
    sb.append("| ").append(target).append(" | not measured: ").append(why).append(" | — |\n");
  }

  /** "met", "not met", or "met in k of n steps"; "not measured" without any known value. */
  static String verdict(int met, int known) {
    if (known == 0) {
      return "not measured";
    }
    if (met == known) {
      return "**met**";
    }
    return met == 0 ? "not met" : "met in " + met + " of " + known + " steps";
  }

  private static List<LoadTest.Step> filter(List<LoadTest.Step> steps, Predicate<LoadTest.Step> p) {
    return steps.stream().filter(p).toList();
  }

  private static int largest(List<LoadTest.Step> steps) {
    return steps.stream().mapToInt(LoadTest.Step::viewers).max().orElse(0);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
