package upcast.loadgen;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The load tool: one synthetic broadcaster and many synthetic viewers, real ICE, DTLS and SRTP over
 * loopback, viewers ramped up in steps and held, then a join storm. Reports per step what the
 * server forwarded, at what cost and latency, and what viewers received. The server is a {@link
 * Target}: Upcast (WHIP/WHEP) or Janus (RTP in, HTTP API viewers) under the very same load.
 */
public final class LoadTest {

  /**
   * What to run.
   *
   * @param server Upcast's base URL (target "upcast")
   * @param target "upcast" or "janus"
   * @param serverPid the server's process id, for CPU and RSS from /proc (≤ 0: Upcast's metrics)
   * @param janus where the Janus under test is (target "janus"), else null
   * @param viewerIp the local address viewer sockets bind
   * @param joinRate viewers joining per second within a step or the storm (≤ 0: as fast as
   *     signaling allows); 100 is the storm of 500 viewers within 5 s
   * @param viewerLoops the generator's receive threads (≤ 0: one per core; with one on two cores
   *     its loop lagged 10–25 ms behind joins and inflated time to first frame)
   * @param warmUpViewers viewers that join, watch for a few seconds and leave before anything is
   *     measured, so a JIT-compiled server is measured warm as in production (targets that cannot
   *     end a viewer's session are not warmed up)
   * @param decryptEvery after its first complete keyframe, each viewer decrypts one media packet in
   *     this many and counts the rest by their clear RTP headers (1: decrypt all); makes the
   *     generator cheap enough to share the machine with a server forwarding to 1,000 viewers
   * @param deliveryPids kernel threads that deliver the server's datagrams into the viewers'
   *     sockets when bench.sh puts the viewers behind a veth pair with threaded NAPI ({@code
   *     --network veth}); their CPU is reported per packet apart from the server's (empty: on
   *     loopback that work runs inside the server's own send calls and cannot be separated)
   */
  public record Options(
      URI server,
      int viewers,
      int steps,
      int videoBitrate,
      int holdSeconds,
      int stormViewers,
      String target,
      long serverPid,
      JanusTarget.@Nullable Config janus,
      String viewerIp,
      double joinRate,
      int viewerLoops,
      int warmUpViewers,
      int decryptEvery,
      List<Long> deliveryPids) {

    /** Upcast, CPU and memory from its metrics, viewers on 127.0.0.1. */
    public Options(
        URI server, int viewers, int steps, int videoBitrate, int holdSeconds, int stormViewers) {
      this(
          server,
          viewers,
          steps,
          videoBitrate,
          holdSeconds,
          stormViewers,
          "upcast",
          0,
          null,
          "127.0.0.1",
          0,
          0,
          0,
          1,
          List.of());
    }
  }

  /**
   * Measurements of one step (over its hold window); -1 where the target does not tell. "Server"
   * values come from the server's own counters (Upcast) or /proc (CPU, RSS); "received" values are
   * summed over the synthetic viewers, so they are the same instrument for every target. In-server
   * latency: {@code forwarding*} per viewer copy (the SFU's {@code send_latency}), {@code fanout*}
   * per publisher packet until its last copy left ({@code forwarding_latency}). {@code
   * deliveryCpuMicrosPerPacket}: kernel CPU outside the server that delivered its datagrams to the
   * viewers, per packet received (veth topology only, else -1). {@code packetsReceived}, {@code
   * packetsDecrypted} and {@code packetsUndecryptable}: media packets over the viewers' lifetimes
   * (decrypted: all of them, or a sample with {@code --decrypt-every}). {@code
   * serverRssBytesPerViewer}: RSS growth since the warm-up per viewer; where the tool can collect
   * the server's garbage (a JVM) both readings are taken a second after a full collection, because
   * a JVM's RSS otherwise follows its heap sizing (it grew during the warm-up and shrank at the
   * collection), not its viewers. {@code speedGaugeMicros}: the machine's speed during the hold
   * ({@link SpeedGauge}; lower is faster).
   */
  public record Step(
      String name,
      int viewers,
      int receiving,
      double packetsPerSecond,
      double mbps,
      double receivedPacketsPerSecond,
      double receivedMbps,
      double lossP50Percent,
      double lossP99Percent,
      long forwardingP50Micros,
      long forwardingP99Micros,
      long endToEndP50Micros,
      long endToEndP99Micros,
      double serverCpuMicrosPerPacket,
      double serverCpuMicrosPerReceivedPacket,
      double serverCpuPercent,
      double generatorCpuPercent,
      long serverHeapBytesPerViewer,
      long serverRssBytesPerViewer,
      long firstFrameP50Millis,
      long firstFrameP99Millis,
      long fanoutP50Micros,
      long fanoutP99Micros,
      double forwardingMeanMicros,
      double fanoutMeanMicros,
      double deliveryCpuMicrosPerPacket,
      long packetsReceived,
      long packetsDecrypted,
      long packetsUndecryptable,
      double speedGaugeMicros) {}

  /** The whole run. */
  public record Result(String target, Options options, List<Step> steps) {}

  private LoadTest() {}

  public static Result run(Options o) throws Exception {
    Target target =
        "janus".equals(o.target())
            ? new JanusTarget(requireNonNull(o.janus()), o.viewerIp())
            : new UpcastTarget(o.server(), o.serverPid(), o.viewerIp());
    return run(o, target);
  }

  static Result run(Options o, Target target) throws Exception {
    int totalSeconds = (o.steps() + 1) * (o.holdSeconds() + 6) + 30;
    List<Step> steps = new ArrayList<>();
    try (target;
        SpeedGauge gauge = new SpeedGauge();
        ViewerPool pool =
            new ViewerPool(
                o.viewerLoops() > 0 ? o.viewerLoops() : Runtime.getRuntime().availableProcessors(),
                o.viewerIp(),
                o.decryptEvery())) {
      MediaPublisher.RtpOut out = target.publish();
      try (MediaPublisher media = new MediaPublisher(out, o.videoBitrate(), totalSeconds)) {
        Thread.sleep(1000);
        warmUp(target, o);
        ServerSample idle = target.sample();
        double idleHeap = target.liveHeapBytes();
        // A JVM's RSS follows its heap sizing, so both RSS readings come after a full collection.
        double idleRss = idle.rssBytes();
        if (idleHeap >= 0) {
          Thread.sleep(1000); // G1 hands the freed heap back to the OS in the background (JDK 17)
          idleRss = target.sample().rssBytes();
        }
        for (int s = 1; s <= o.steps() + 1; s++) {
          boolean storm = s == o.steps() + 1;
          if (storm && o.stormViewers() <= 0) {
            break;
          }
          int goal = storm ? pool.viewers().size() + o.stormViewers() : o.viewers() * s / o.steps();
          int before = pool.viewers().size();
          int attempts = 0;
          long joinStart = System.nanoTime();
          while (pool.viewers().size() < goal && attempts++ < 2 * (goal - before) + 10) {
            if (o.joinRate() > 0) {
              long due = joinStart + (long) ((attempts - 1) * 1e9 / o.joinRate());
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
            }
            LoadViewer v = pool.prepare();
            if (!target.join(pool, v)) {
              v.closed = true;
            }
          }
          Thread.sleep(storm ? 5000 : 3000);
          steps.add(
              measure(
                  target,
                  o,
                  pool,
                  gauge,
                  idleHeap,
                  idleRss,
                  storm ? "join storm +" + o.stormViewers() : "step " + s,
                  before));
        }
      }
    }
    return new Result(target.name(), o, steps);
  }

  /**
   * Joins {@code o.warmUpViewers()} viewers at the join rate in rounds of 100 (each watches ~1 s,
   * then leaves), so the JIT has compiled the join path — WHEP, SDP, Bouncy Castle's handshake —
   * and the forwarding path before anything is measured. With 50 the compiler threads still took 40
   * % of the server's CPU during a 500-viewer storm; with 500 a storm's first frame went from p50
   * 224 to 66 ms.
   */
  private static void warmUp(Target target, Options o) throws Exception {
    if (o.warmUpViewers() <= 0 || !target.canEndViewers()) {
      return;
    }
    try (ViewerPool warm = new ViewerPool(1, o.viewerIp(), o.decryptEvery())) {
      for (int joined = 0; joined < o.warmUpViewers(); ) {
        List<LoadViewer> round = new ArrayList<>();
        for (int i = 0; i < 100 && joined < o.warmUpViewers(); i++, joined++) {
          LoadViewer v = warm.prepare();
          if (!target.join(warm, v)) {
            v.closed = true;
          }
          round.add(v);
          if (o.joinRate() > 0) {
            Thread.sleep((long) (1000 / o.joinRate()));
          }
        }
        Thread.sleep(1000);
        for (LoadViewer v : round) {
          v.closed = true; // no more consent checks for a session the server is about to end
          target.leave(v);
        }
      }
    }
    Thread.sleep(1000);
  }

  private static Step measure(
      Target target,
      Options o,
      ViewerPool pool,
      SpeedGauge gauge,
      double idleHeap,
      double idleRss,
      String name,
      int joinedBefore)
      throws Exception {
    List<LoadViewer> all = pool.viewers();
    long genCpu0 = processCpuNanos();
    int gauge0 = gauge.mark();
    long t0 = System.nanoTime();
    long received0 = all.stream().mapToLong(v -> v.packets).sum();
    long receivedBytes0 = all.stream().mapToLong(v -> v.bytes).sum();
    MicrosHistogram e2e0 = new MicrosHistogram();
    all.forEach(v -> e2e0.addAll(v.latency));
    ServerSample m0 = target.sample();
    double delivery0 = deliveryCpuSeconds(o);
    Thread.sleep(o.holdSeconds() * 1000L);
    ServerSample m1 = target.sample();
    double delivery = deliveryCpuSeconds(o) - delivery0;
    double speedGauge = gauge.microsSince(gauge0);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double genCpu = (processCpuNanos() - genCpu0) / 1e9;
    double received = all.stream().mapToLong(v -> v.packets).sum() - received0;
    double receivedBytes = all.stream().mapToLong(v -> v.bytes).sum() - receivedBytes0;
    List<LoadViewer> receiving = all.stream().filter(v -> v.packets > 0).toList();
    System.out.printf(
        "%s %s: %d viewers, %d past ICE, %d with SRTP keys, %d failed; packets decrypted %d,"
            + " undecryptable %d%n",
        target.name(),
        name,
        all.size(),
        all.stream().filter(v -> v.iceDone).count(),
        all.stream().filter(v -> v.srtp != null).count(),
        all.stream().filter(v -> v.closed).count(),
        all.stream().mapToLong(v -> v.decrypted).sum(),
        all.stream().mapToLong(v -> v.undecryptable).sum());
    List<LoadViewer> joined = all.subList(joinedBefore, all.size());
    System.out.printf(
        "  first frame p50 breakdown (ms after start): signaled %d, ICE %d, SRTP keys %d,"
            + " first packet %d, first complete keyframe %d%n",
        medianMillis(joined, v -> v.signaledNanos),
        medianMillis(joined, v -> v.iceNanos),
        medianMillis(joined, v -> v.srtpNanos),
        medianMillis(joined, v -> v.firstPacketNanos),
        medianMillis(joined, v -> v.firstKeyframeNanos));
    if (m0.metrics() != null && m1.metrics() != null) {
      System.out.printf(
          "  server media loop lag p50/p99/max-bucket µs: %d / %d / %d%n",
          ServerMetrics.quantileMicros(m0.metrics(), m1.metrics(), "upcast_loop_lag_seconds", 0.5),
          ServerMetrics.quantileMicros(m0.metrics(), m1.metrics(), "upcast_loop_lag_seconds", 0.99),
          ServerMetrics.quantileMicros(m0.metrics(), m1.metrics(), "upcast_loop_lag_seconds", 1));
      System.out.printf(
          "  server totals so far: STUN checks %.0f answered, %.0f refused as unauthenticated;"
              + " DTLS handshakes %.0f ok, %.0f failed; dropped: %.0f DTLS queue"
              + " full, %.0f from unknown addresses, %.0f SRTP, %.0f send queue full%n",
          m1.metrics().get("upcast_ice_checks_answered_total"),
          m1.metrics().get("upcast_ice_packets_dropped_total{reason=\"unauthenticated\"}"),
          m1.metrics().get("upcast_dtls_handshakes_completed_total"),
          m1.metrics().sum("upcast_dtls_handshakes_failed_total"),
          m1.metrics().get("upcast_dtls_records_dropped_total{reason=\"queue_full\"}"),
          m1.metrics().get("upcast_transport_packets_dropped_total{reason=\"unknown_address\"}"),
          m1.metrics().sum("upcast_srtp_packets_dropped_total"),
          m1.metrics().get("upcast_transport_packets_dropped_total{reason=\"send_queue_full\"}"));
    }
    List<LoadViewer> slowest =
        joined.stream()
            .filter(v -> v.firstKeyframeNanos > 0)
            .sorted(
                java.util.Comparator.comparingLong(
                    (LoadViewer v) -> v.firstKeyframeNanos - v.startNanos))
            .toList();
    if (slowest.size() >= 20) {
      slowest = slowest.subList(slowest.size() * 95 / 100, slowest.size());
      System.out.printf(
          "  the slowest 5 %% (p50 among them): signaled %d, ICE %d, SRTP keys %d,"
              + " first complete keyframe %d ms%n",
          medianMillis(slowest, v -> v.signaledNanos),
          medianMillis(slowest, v -> v.iceNanos),
          medianMillis(slowest, v -> v.srtpNanos),
          medianMillis(slowest, v -> v.firstKeyframeNanos));
    }
    int[] checks = joined.stream().mapToInt(v -> v.checksBeforeIce).sorted().toArray();
    if (checks.length > 0 && checks[checks.length - 1] > 0) {
      System.out.printf(
          "  ICE: first check sent p50 %d ms after start; checks sent until answered p50 %d,"
              + " max %d%n",
          medianMillis(joined, v -> v.firstCheckSentNanos),
          checks[checks.length / 2],
          checks[checks.length - 1]);
    }
    double[] losses = new double[receiving.size()];
    for (int i = 0; i < losses.length; i++) {
      LoadViewer v = receiving.get(i);
      losses[i] = 100 * Math.max(v.streams[0].lossFraction(), v.streams[1].lossFraction());
    }
    Arrays.sort(losses);
    MicrosHistogram e2eTotal = new MicrosHistogram();
    all.forEach(v -> e2eTotal.addAll(v.latency));
    MicrosHistogram e2e = e2eTotal.since(e2e0); // the hold only, as every rate here
    long[] ttff =
        all.subList(joinedBefore, all.size()).stream()
            .filter(v -> v.firstKeyframeNanos > 0)
            .mapToLong(v -> (v.firstKeyframeNanos - v.startNanos) / 1_000_000)
            .sorted()
            .toArray();
    double cpu = m1.cpuSeconds() - m0.cpuSeconds();
    // After the window (it pauses the server): live heap, so per-viewer memory is not GC timing.
    double liveHeap = target.liveHeapBytes();
    double rss = m1.rssBytes();
    if (liveHeap >= 0) {
      // Let the collection's background uncommit and jcmd's own JVM finish before the next joins.
      Thread.sleep(1000);
      rss = target.sample().rssBytes(); // after the collection, as idleRss
    }
    double packetsOut = delta(m0.packetsOut(), m1.packetsOut());
    int n = Math.max(1, all.size());
    return new Step(
        name,
        all.size(),
        receiving.size(),
        perSecond(delta(m0.forwardedPackets(), m1.forwardedPackets()), seconds),
        perSecond(delta(m0.bytesOut(), m1.bytesOut()) * 8 / 1e6, seconds),
        received / seconds,
        receivedBytes * 8 / seconds / 1e6,
        percentile(losses, 0.5),
        percentile(losses, 0.99),
        serverQuantileMicros(m0, m1, "upcast_send_latency_seconds", 0.5),
        serverQuantileMicros(m0, m1, "upcast_send_latency_seconds", 0.99),
        e2e.quantile(0.5),
        e2e.quantile(0.99),
        packetsOut > 0 ? cpu * 1e6 / packetsOut : -1,
        received > 0 ? cpu * 1e6 / received : -1,
        100 * cpu / seconds,
        100 * genCpu / seconds,
        idleHeap < 0 || liveHeap < 0 ? -1 : (long) ((liveHeap - idleHeap) / n),
        (long) ((rss - idleRss) / n),
        ttff.length == 0 ? -1 : ttff[ttff.length / 2],
        ttff.length == 0 ? -1 : ttff[Math.min(ttff.length - 1, (int) (ttff.length * 0.99))],
        serverQuantileMicros(m0, m1, "upcast_forwarding_latency_seconds", 0.5),
        serverQuantileMicros(m0, m1, "upcast_forwarding_latency_seconds", 0.99),
        serverMeanMicros(m0, m1, "upcast_send_latency_seconds"),
        serverMeanMicros(m0, m1, "upcast_forwarding_latency_seconds"),
        o.deliveryPids().isEmpty() || received <= 0 ? -1 : delivery * 1e6 / received,
        all.stream().mapToLong(v -> v.packets).sum(),
        all.stream().mapToLong(v -> v.decrypted).sum(),
        all.stream().mapToLong(v -> v.undecryptable).sum(),
        speedGauge);
  }

  /** A quantile of one of the server's histograms over the window, or -1 without metrics. */
  private static long serverQuantileMicros(
      ServerSample m0, ServerSample m1, String histogram, double q) {
    return m0.metrics() == null || m1.metrics() == null
        ? -1
        : ServerMetrics.quantileMicros(m0.metrics(), m1.metrics(), histogram, q);
  }

  /** The mean of one of the server's histograms over the window, or -1 without metrics. */
  private static double serverMeanMicros(ServerSample m0, ServerSample m1, String histogram) {
    return m0.metrics() == null || m1.metrics() == null
        ? -1
        : ServerMetrics.meanMicros(m0.metrics(), m1.metrics(), histogram);
  }

  /** CPU seconds of the kernel's delivery threads so far (0 when there are none). */
  private static double deliveryCpuSeconds(Options o) throws java.io.IOException {
    double sum = 0;
    for (long pid : o.deliveryPids()) {
      sum += new ProcStat(pid).cpuSeconds();
    }
    return sum;
  }

  /** Median of a viewer phase's time since the viewer started, over viewers that reached it. */
  private static long medianMillis(
      List<LoadViewer> viewers, java.util.function.ToLongFunction<LoadViewer> phase) {
    long[] ms =
        viewers.stream()
            .filter(v -> phase.applyAsLong(v) > 0)
            .mapToLong(v -> (phase.applyAsLong(v) - v.startNanos) / 1_000_000)
            .sorted()
            .toArray();
    return ms.length == 0 ? -1 : ms[ms.length / 2];
  }

  /** The increase of a counter, or -1 when the server does not have it. */
  private static double delta(double before, double after) {
    return before < 0 || after < 0 ? -1 : after - before;
  }

  private static double perSecond(double amount, double seconds) {
    return amount < 0 ? -1 : amount / seconds;
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

  /** A human-readable table of the steps ("n/a" where the target does not tell). */
  public static String table(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Target: ").append(r.target()).append("\n\n");
    sb.append(
        "| step | viewers | receiving | fwd pkt/s | Mbps out | recv pkt/s | recv Mbps"
            + " | loss p50/p99 % | in-server per copy p50/p99 (mean) µs"
            + " | whole fan-out p50/p99 (mean) µs"
            + " | e2e p50/p99 µs | CPU µs/pkt sent"
            + " | CPU µs/pkt recv | delivery µs/pkt | server CPU % | generator CPU %"
            + " | live heap/viewer KiB | RSS/viewer KiB | first frame p50/p99 ms"
            + " | speed gauge µs |\n");
    sb.append(
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Step s : r.steps()) {
      sb.append(
          String.format(
              "| %s | %d | %d | %s | %s | %.0f | %.1f | %.2f / %.2f | %s | %s | %d / %d | %s | %s"
                  + " | %s | %.0f | %.0f | %s | %s | %d / %d | %s |%n",
              s.name(),
              s.viewers(),
              s.receiving(),
              na(s.packetsPerSecond(), "%.0f"),
              na(s.mbps(), "%.1f"),
              s.receivedPacketsPerSecond(),
              s.receivedMbps(),
              s.lossP50Percent(),
              s.lossP99Percent(),
              latency(s.forwardingP50Micros(), s.forwardingP99Micros(), s.forwardingMeanMicros()),
              latency(s.fanoutP50Micros(), s.fanoutP99Micros(), s.fanoutMeanMicros()),
              s.endToEndP50Micros(),
              s.endToEndP99Micros(),
              na(s.serverCpuMicrosPerPacket(), "%.2f"),
              na(s.serverCpuMicrosPerReceivedPacket(), "%.2f"),
              na(s.deliveryCpuMicrosPerPacket(), "%.2f"),
              s.serverCpuPercent(),
              s.generatorCpuPercent(),
              s.serverHeapBytesPerViewer() < 0
                  ? "n/a"
                  : String.format("%.1f", s.serverHeapBytesPerViewer() / 1024.0),
              na(s.serverRssBytesPerViewer() / 1024.0, "%.1f"),
              s.firstFrameP50Millis(),
              s.firstFrameP99Millis(),
              na(s.speedGaugeMicros(), "%.0f")));
    }
    return sb.toString();
  }

  static String na(double value, String format) {
    return value < 0 ? "n/a" : String.format(format, value);
  }

  /** An in-server latency cell: p50 / p99 (mean), µs; n/a where the server has no histograms. */
  static String latency(long p50, long p99, double mean) {
    return p50 < 0 ? "n/a" : String.format("%d / %d (%.0f)", p50, p99, mean);
  }

  /**
   * {@code LoadTest --target upcast --url http://127.0.0.1:8080/ [--server-pid PID]} or {@code
   * LoadTest --target janus --janus-url http://127.0.0.1:8088/janus --janus-mountpoint 1
   * --janus-audio-port A --janus-video-port V --server-pid PID}, with {@code --viewers 200 --steps
   * 4 --bitrate 1500000 --hold 10 --storm 100 --viewer-ip 127.0.0.1 --out result.json}.
   */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    String target = arg(a, "--target", "upcast");
    long pid = Long.parseLong(arg(a, "--server-pid", "0"));
    JanusTarget.Config janus =
        "janus".equals(target)
            ? new JanusTarget.Config(
                URI.create(arg(a, "--janus-url", "http://127.0.0.1:8088/janus")),
                Long.parseLong(arg(a, "--janus-mountpoint", "1")),
                Integer.parseInt(arg(a, "--janus-audio-port", "5002")),
                Integer.parseInt(arg(a, "--janus-video-port", "5004")),
                pid)
            : null;
    Options o =
        new Options(
            URI.create(arg(a, "--url", "http://127.0.0.1:8080/")),
            Integer.parseInt(arg(a, "--viewers", "200")),
            Integer.parseInt(arg(a, "--steps", "4")),
            Integer.parseInt(arg(a, "--bitrate", "1500000")),
            Integer.parseInt(arg(a, "--hold", "10")),
            Integer.parseInt(arg(a, "--storm", "100")),
            target,
            pid,
            janus,
            arg(a, "--viewer-ip", "127.0.0.1"),
            Double.parseDouble(arg(a, "--join-rate", "100")),
            Integer.parseInt(arg(a, "--viewer-loops", "0")),
            Integer.parseInt(arg(a, "--warm-up", "500")),
            Integer.parseInt(arg(a, "--decrypt-every", "16")),
            Arrays.stream(arg(a, "--delivery-pids", "").split(","))
                .filter(p -> !p.isBlank())
                .map(Long::valueOf)
                .toList());
    Result r = run(o);
    String targets = Targets.table(r);
    String table = table(r) + (targets.isEmpty() ? "" : "\n" + targets);
    System.out.println(table);
    Path out = Path.of(arg(a, "--out", "bench-result.json"));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), r);
    Files.writeString(Path.of(out + ".md"), table);
    System.exit(0);
  }

  static String arg(List<String> a, String name, String fallback) {
    int i = a.indexOf(name);
    return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : fallback;
  }
}
