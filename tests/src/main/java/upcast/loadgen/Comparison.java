package upcast.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
          new Metric("time to first frame p99 ms", "firstFrameP99Millis", "lower"));

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

  /** {@code Comparison upcast.json janus.json out.json}: writes out.json and out.json.md. */
  public static void main(String[] args) throws Exception {
    ObjectNode c = compare(JSON.readTree(new File(args[0])), JSON.readTree(new File(args[1])));
    String table = table(c);
    System.out.println(table);
    JSON.writeValue(new File(args[2]), c);
    Files.writeString(Path.of(args[2] + ".md"), table);
  }
}
