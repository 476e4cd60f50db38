package upcast.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import upcast.sfu.srtp.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * The load tool: one synthetic broadcaster (WHIP) and many synthetic viewers (WHEP), real ICE, DTLS
 * and SRTP over loopback, viewers ramped up in steps and held, then a join storm. Reports per step
 * what the server forwarded, at what cost and latency, and what viewers received.
 */
public final class LoadTest {

  /** What to run. */
  public record Options(
      URI server, int viewers, int steps, int videoBitrate, int holdSeconds, int stormViewers) {}

  /** Measurements of one step (over its hold window). */
  public record Step(
      String name,
      int viewers,
      int receiving,
      double packetsPerSecond,
      double mbps,
      double lossP50Percent,
      double lossP99Percent,
      long forwardingP50Micros,
      long forwardingP99Micros,
      long endToEndP50Micros,
      long endToEndP99Micros,
      double sfuCpuMicrosPerPacket,
      double sfuCpuPercent,
      double generatorCpuPercent,
      long sfuHeapBytesPerViewer,
      long sfuRssBytesPerViewer,
      long firstFrameP50Millis,
      long firstFrameP99Millis) {}

  /** The whole run. */
  public record Result(Options options, List<Step> steps) {}

  private LoadTest() {}

  public static Result run(Options o) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String handle = "bench" + ThreadLocalRandom.current().nextInt(1_000_000);
    String token =
        new ObjectMapper()
            .readTree(
                post(
                        http,
                        o.server().resolve("/api/users"),
                        "application/json",
                        "{\"handle\":\"" + handle + "\",\"password\":\"benchmark-pw\"}",
                        null)
                    .body())
            .get("token")
            .asText();
    int totalSeconds = (o.steps() + 1) * (o.holdSeconds() + 6) + 30;
    List<Step> steps = new ArrayList<>();
    try (TestPeer broadcaster = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
        ViewerPool pool =
            new ViewerPool(Math.max(1, Runtime.getRuntime().availableProcessors() / 2))) {
      HttpResponse<String> whip =
          post(
              http,
              o.server().resolve("/whip?title=load"),
              "application/sdp",
              SdpOffers.publisher(
                  broadcaster, MediaPublisher.AUDIO_SSRC, MediaPublisher.VIDEO_SSRC),
              token);
      if (whip.statusCode() != 201) {
        throw new IllegalStateException("WHIP refused: " + whip.statusCode() + " " + whip.body());
      }
      broadcaster.connect(AnswerInfo.parse(whip.body()));
      String id = whip.headers().firstValue("Location").orElseThrow();
      String broadcastId =
          new ObjectMapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(o.server().resolve("/api/broadcasts")).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .get(0)
              .get("id")
              .asText();
      try (MediaPublisher media = new MediaPublisher(broadcaster, o.videoBitrate(), totalSeconds)) {
        Thread.sleep(1000);
        ServerMetrics idle = ServerMetrics.scrape(http, o.server());
        for (int s = 1; s <= o.steps() + 1; s++) {
          boolean storm = s == o.steps() + 1;
          if (storm && o.stormViewers() <= 0) {
            break;
          }
          int target =
              storm ? pool.viewers().size() + o.stormViewers() : o.viewers() * s / o.steps();
          int before = pool.viewers().size();
          while (pool.viewers().size() < target) {
            LoadViewer v = pool.prepare();
            HttpResponse<String> whep =
                post(
                    http,
                    o.server().resolve("/whep/" + broadcastId),
                    "application/sdp",
                    ViewerPool.offer(v),
                    null);
            if (whep.statusCode() == 201) {
              pool.connect(v, whep.body(), whep.headers().firstValue("Location").orElse(""));
            } else {
              System.out.println("WHEP refused: " + whep.statusCode() + " " + whep.body());
            }
          }
          Thread.sleep(storm ? 5000 : 3000);
          steps.add(
              measure(
                  http,
                  o,
                  pool,
                  idle,
                  storm ? "join storm +" + o.stormViewers() : "step " + s,
                  before));
        }
      }
      http.send(
          HttpRequest.newBuilder(o.server().resolve(id))
              .DELETE()
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    return new Result(o, steps);
  }

  private static Step measure(
      HttpClient http,
      Options o,
      ViewerPool pool,
      ServerMetrics idle,
      String name,
      int joinedBefore)
      throws Exception {
    long genCpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    ServerMetrics m0 = ServerMetrics.scrape(http, o.server());
    Thread.sleep(o.holdSeconds() * 1000L);
    ServerMetrics m1 = ServerMetrics.scrape(http, o.server());
    double seconds = (System.nanoTime() - t0) / 1e9;
    double genCpu = (processCpuNanos() - genCpu0) / 1e9;
    List<LoadViewer> all = pool.viewers();
    List<LoadViewer> receiving = all.stream().filter(v -> v.packets > 0).toList();
    System.out.printf(
        "%s: %d viewers, %d past ICE, %d with SRTP keys, %d failed, %d undecryptable packets%n",
        name,
        all.size(),
        all.stream().filter(v -> v.iceDone).count(),
        all.stream().filter(v -> v.srtp != null).count(),
        all.stream().filter(v -> v.closed).count(),
        all.stream().mapToLong(v -> v.undecryptable).sum());
    double[] losses = new double[receiving.size()];
    for (int i = 0; i < losses.length; i++) {
      LoadViewer v = receiving.get(i);
      losses[i] = 100 * Math.max(v.streams[0].lossFraction(), v.streams[1].lossFraction());
    }
    Arrays.sort(losses);
    MicrosHistogram e2e = new MicrosHistogram();
    receiving.forEach(v -> e2e.addAll(v.latency));
    long[] ttff =
        all.subList(joinedBefore, all.size()).stream()
            .filter(v -> v.firstKeyframeNanos > 0)
            .mapToLong(v -> (v.firstKeyframeNanos - v.startNanos) / 1_000_000)
            .sorted()
            .toArray();
    double forwarded = m1.get("upcast_rtp_forwarded_total") - m0.get("upcast_rtp_forwarded_total");
    double packetsOut = m1.get("upcast_packets_out_total") - m0.get("upcast_packets_out_total");
    double bytesOut = m1.get("upcast_bytes_out_total") - m0.get("upcast_bytes_out_total");
    double cpu = m1.get("process_cpu_seconds_total") - m0.get("process_cpu_seconds_total");
    int n = Math.max(1, all.size());
    return new Step(
        name,
        all.size(),
        receiving.size(),
        forwarded / seconds,
        bytesOut * 8 / seconds / 1e6,
        percentile(losses, 0.5),
        percentile(losses, 0.99),
        ServerMetrics.quantileMicros(m0, m1, "upcast_forwarding_latency_seconds", 0.5),
        ServerMetrics.quantileMicros(m0, m1, "upcast_forwarding_latency_seconds", 0.99),
        e2e.quantile(0.5),
        e2e.quantile(0.99),
        packetsOut > 0 ? cpu * 1e6 / packetsOut : 0,
        100 * cpu / seconds,
        100 * genCpu / seconds,
        (long)
            ((m1.get("jvm_memory_heap_used_bytes") - idle.get("jvm_memory_heap_used_bytes")) / n),
        (long)
            ((m1.get("process_resident_memory_bytes") - idle.get("process_resident_memory_bytes"))
                / n),
        ttff.length == 0 ? -1 : ttff[ttff.length / 2],
        ttff.length == 0 ? -1 : ttff[Math.min(ttff.length - 1, (int) (ttff.length * 0.99))]);
  }

  private static double percentile(double[] sorted, double q) {
    return sorted.length == 0
        ? 100
        : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static HttpResponse<String> post(
      HttpClient http, URI uri, String contentType, String body, String token)
      throws IOException, InterruptedException {
    if (body == null) {
      return null;
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    b.header("Content-Type", contentType);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A human-readable table of the steps. */
  public static String table(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| step | viewers | receiving | fwd pkt/s | Mbps out | loss p50/p99 % | in-SFU p50/p99 µs"
            + " | e2e p50/p99 µs | SFU CPU µs/pkt | SFU CPU % | generator CPU % | heap/viewer KiB"
            + " | RSS/viewer KiB | first frame p50/p99 ms |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Step s : r.steps()) {
      sb.append(
          String.format(
              "| %s | %d | %d | %.0f | %.1f | %.2f / %.2f | %d / %d | %d / %d | %.2f | %.0f | %.0f"
                  + " | %.1f | %.1f | %d / %d |%n",
              s.name(),
              s.viewers(),
              s.receiving(),
              s.packetsPerSecond(),
              s.mbps(),
              s.lossP50Percent(),
              s.lossP99Percent(),
              s.forwardingP50Micros(),
              s.forwardingP99Micros(),
              s.endToEndP50Micros(),
              s.endToEndP99Micros(),
              s.sfuCpuMicrosPerPacket(),
              s.sfuCpuPercent(),
              s.generatorCpuPercent(),
              s.sfuHeapBytesPerViewer() / 1024.0,
              s.sfuRssBytesPerViewer() / 1024.0,
              s.firstFrameP50Millis(),
              s.firstFrameP99Millis()));
    }
    return sb.toString();
  }

  /**
   * {@code LoadTest --url http://127.0.0.1:8080/ --viewers 200 --steps 4 --bitrate 1500000 --hold
   * 10 --storm 100 --out result.json}
   */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    URI url = URI.create(arg(a, "--url", "http://127.0.0.1:8080/"));
    Options o =
        new Options(
            url,
            Integer.parseInt(arg(a, "--viewers", "200")),
            Integer.parseInt(arg(a, "--steps", "4")),
            Integer.parseInt(arg(a, "--bitrate", "1500000")),
            Integer.parseInt(arg(a, "--hold", "10")),
            Integer.parseInt(arg(a, "--storm", "100")));
    Result r = run(o);
    String table = table(r);
    System.out.println(table);
    Path out = Path.of(arg(a, "--out", "bench-result.json"));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), r);
    Files.writeString(Path.of(out + ".md"), table);
    System.exit(0);
  }

  private static String arg(List<String> a, String name, String fallback) {
    int i = a.indexOf(name);
    return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : fallback;
  }
}
