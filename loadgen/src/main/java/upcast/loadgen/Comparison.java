package upcast.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts two load-test results side by side (same parameters, same run of {@code ./bench.sh --target
 * both}) with the ratio Upcast/Janus per step. Both sides use the viewer-side instruments (packets
 * the viewers decrypted, end-to-end latency, time to first frame) and /proc for CPU and RSS, so the
 * ratios compare like with like.
 */
public final class Comparison {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One compared quantity: its JSON field in a step, its unit scale and how to read its ratio. */
  private record Metric(String label, String field, String better, double scale) {
    Metric(String label, String field, String better) {
      this(label, field, better, 1);
    }
  }

  private static final List<Metric> METRICS =
      List.of(
          new Metric("viewers receiving", "receiving", "higher"),
          new Metric("packets/s received by viewers", "receivedPacketsPerSecond", "higher"),
          new Metric("Mbps received by viewers", "receivedMbps", "higher"),
          new Metric("loss p99 %", "lossP99Percent", "lower"),
          new Metric(
              "server CPU µs per received packet", "serverCpuMicrosPerReceivedPacket", "lower"),
          new Metric("server CPU %", "serverCpuPercent", "—"),
          new Metric("end-to-end latency p50 µs", "endToEndP50Micros", "lower"),
          new Metric("end-to-end latency p99 µs", "endToEndP99Micros", "lower"),
          new Metric("RSS growth per viewer KiB", "serverRssBytesPerViewer", "lower", 1 / 1024.0),
          new Metric("time to first frame p50 ms", "firstFrameP50Millis", "lower"),
          new Metric("time to first frame p99 ms", "firstFrameP99Millis", "lower"),
          new Metric("speed gauge µs (machine; lower is faster)", "speedGaugeMicros", "—"));

  private Comparison() {}

  /** Per step: for each metric the Upcast value, the Janus value and Upcast/Janus. */
  static ObjectNode compare(JsonNode upcast, JsonNode janus) {
    ObjectNode out = JSON.createObjectNode();
    out.set("options", upcast.path("options"));
    ArrayNode steps = out.putArray("steps");
    JsonNode us = upcast.path("steps");
    JsonNode js = janus.path("steps");
    for (int i = 0; i < Math.min(us.size(), js.size()); i++) {
      ObjectNode step = steps.addObject();
      step.put("name", us.get(i).path("name").asText());
      step.put("viewers", us.get(i).path("viewers").asInt());
      ObjectNode values = step.putObject("metrics");
      for (Metric m : METRICS) {
        double u = scaled(us.get(i).path(m.field()).asDouble(), m.scale());
        double j = scaled(js.get(i).path(m.field()).asDouble(), m.scale());
        ObjectNode v = values.putObject(m.field());
        v.put("upcast", u);
        v.put("janus", j);
        v.put("ratio", ratio(u, j));
      }
      double u = us.get(i).path("serverCpuMicrosPerReceivedPacket").asDouble();
      double j = js.get(i).path("serverCpuMicrosPerReceivedPacket").asDouble();
      // Packets per CPU-second is the inverse of CPU per packet: Upcast/Janus = Janus µs / Upcast
      // µs.
      step.put("packetsPerCpuSecondRatio", ratio(j, u));
    }
    return out;
  }

  private static double scaled(double value, double scale) {
    return value < 0 ? value : value * scale;
  }

  private static double ratio(double upcast, double janus) {
    return upcast > 0 && janus > 0 ? upcast / janus : -1;
  }

  /** The side-by-side table: one block of rows per step. */
  static String table(ObjectNode comparison) {
    StringBuilder sb = new StringBuilder();
    sb.append("| step | metric | Upcast | Janus | Upcast/Janus | better |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (JsonNode step : comparison.path("steps")) {
      String name = step.path("name").asText() + " (" + step.path("viewers").asInt() + ")";
      for (Metric m : METRICS) {
        JsonNode v = step.path("metrics").path(m.field());
        sb.append(
            String.format(
                "| %s | %s | %s | %s | %s | %s |%n",
                name,
                m.label(),
                number(v.path("upcast").asDouble()),
                number(v.path("janus").asDouble()),
                LoadTest.na(v.path("ratio").asDouble(), "%.2f×"),
                m.better()));
      }
      sb.append(
          String.format(
              "| %s | **packets per server CPU-second** | | | **%s** | higher |%n",
              name, LoadTest.na(step.path("packetsPerCpuSecondRatio").asDouble(), "%.2f×")));
    }
    return sb.toString();
  }

  private static String number(double v) {
    if (v < 0) {
      return "n/a";
    }
    return v >= 100 || v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.2f", v);
  }

  /**
   * Several comparisons of the same parameters ({@code ./bench.sh --target both --repeat N}, Upcast
   * and Janus run alternately), summed up per step: each run's ratio of packets per CPU-second,
   * their median and range, and the median CPU µs per received packet of each side. On a machine
   * whose speed drifts between runs (this one: the same command gave 4.3–9.3 µs per packet) one
   * run's ratio says little; the spread says how much, and each run's {@link SpeedGauge} readings
   * say whether one side ran on a slower machine.
   */
  static ObjectNode repeats(List<JsonNode> comparisons) {
    ObjectNode out = JSON.createObjectNode();
    out.put("runs", comparisons.size());
    out.set("options", comparisons.get(0).path("options"));
    ArrayNode steps = out.putArray("steps");
    int n = comparisons.stream().mapToInt(c -> c.path("steps").size()).min().orElse(0);
    for (int i = 0; i < n; i++) {
      JsonNode first = comparisons.get(0).path("steps").get(i);
      ObjectNode step = steps.addObject();
      step.put("name", first.path("name").asText());
      step.put("viewers", first.path("viewers").asInt());
      ArrayNode ratios = step.putArray("packetsPerCpuSecondRatios");
      ArrayNode gauges = step.putArray("speedGauges");
      double[] r = new double[comparisons.size()];
      double[] upcast = new double[r.length];
      double[] janus = new double[r.length];
      for (int k = 0; k < r.length; k++) {
        JsonNode s = comparisons.get(k).path("steps").get(i);
        r[k] = s.path("packetsPerCpuSecondRatio").asDouble();
        JsonNode cpu = s.path("metrics").path("serverCpuMicrosPerReceivedPacket");
        upcast[k] = cpu.path("upcast").asDouble();
        janus[k] = cpu.path("janus").asDouble();
        ratios.add(r[k]);
        JsonNode gauge = s.path("metrics").path("speedGaugeMicros");
        gauges
            .addObject()
            .put("upcast", gauge.path("upcast").asDouble(-1))
            .put("janus", gauge.path("janus").asDouble(-1));
      }
      step.put("medianRatio", median(r));
      step.put("minRatio", Arrays.stream(r).filter(x -> x >= 0).min().orElse(-1));
      step.put("maxRatio", Arrays.stream(r).filter(x -> x >= 0).max().orElse(-1));
      step.put("medianUpcastCpuMicrosPerPacket", median(upcast));
      step.put("medianJanusCpuMicrosPerPacket", median(janus));
    }
    return out;
  }

  /** The median of the known values (≥ 0); -1 if there are none. */
  private static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> x >= 0).sorted().toArray();
    if (v.length == 0) {
      return -1;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** The summary of {@link #repeats} as a table: one row per step. */
  static String repeatsTable(ObjectNode summary) {
    StringBuilder sb = new StringBuilder();
    sb.append("| step | Upcast/Janus packets per CPU-second, run by run | median | range |")
        .append(" median CPU µs per packet, Upcast / Janus |")
        .append(" speed gauge µs run by run, Upcast / Janus |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (JsonNode step : summary.path("steps")) {
      StringBuilder runs = new StringBuilder();
      for (JsonNode r : step.path("packetsPerCpuSecondRatios")) {
        runs.append(runs.length() == 0 ? "" : ", ").append(LoadTest.na(r.asDouble(), "%.2f×"));
      }
      StringBuilder gauges = new StringBuilder();
      for (JsonNode g : step.path("speedGauges")) {
        gauges
            .append(gauges.length() == 0 ? "" : ", ")
            .append(LoadTest.na(g.path("upcast").asDouble(), "%.0f"))
            .append(" / ")
            .append(LoadTest.na(g.path("janus").asDouble(), "%.0f"));
      }
      sb.append(
          String.format(
              "| %s (%d) | %s | **%s** | %s–%s | %s / %s | %s |%n",
              step.path("name").asText(),
              step.path("viewers").asInt(),
              runs,
              LoadTest.na(step.path("medianRatio").asDouble(), "%.2f×"),
              LoadTest.na(step.path("minRatio").asDouble(), "%.2f"),
              LoadTest.na(step.path("maxRatio").asDouble(), "%.2f×"),
              number(step.path("medianUpcastCpuMicrosPerPacket").asDouble()),
              number(step.path("medianJanusCpuMicrosPerPacket").asDouble()),
              gauges));
    }
    return sb.toString();
  }

  /**
   * {@code Comparison upcast.json janus.json out.json}: writes out.json and out.json.md. {@code
   * Comparison --repeats out.json run1.json run2.json …} (comparisons written by the first form):
   * writes the summary of {@link #repeats} to out.json and out.json.md.
   */
  public static void main(String[] args) throws Exception {
    ObjectNode c;
    String table;
    String out;
    if ("--repeats".equals(args[0])) {
      List<JsonNode> runs = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        runs.add(JSON.readTree(new File(args[i])));
      }
      c = repeats(runs);
      table = repeatsTable(c) + "\n" + Targets.janusTable(c, "medianRatio");
      out = args[1];
    } else {
      c = compare(JSON.readTree(new File(args[0])), JSON.readTree(new File(args[1])));
      table = table(c) + "\n" + Targets.janusTable(c, "packetsPerCpuSecondRatio");
      out = args[2];
    }
    System.out.println(table);
    JSON.writeValue(new File(out), c);
    Files.writeString(Path.of(out + ".md"), table);
  }
}
