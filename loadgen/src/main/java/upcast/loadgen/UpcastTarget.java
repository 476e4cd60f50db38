package upcast.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Upcast as the target: the broadcaster publishes over WHIP (ICE, DTLS, SRTP with AES-GCM), viewers
 * play over WHEP, and the server's own {@code /metrics} give its counters. With a process id, CPU
 * and RSS come from {@code /proc} instead, exactly as for Janus.
 */
final class UpcastTarget implements Target {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI server;
  private final @Nullable ProcStat proc;
  private final String localIp;
  // Set by publish.
  private @Nullable TestPeer broadcaster;
  private @Nullable String token;
  private @Nullable String resource;
  private @Nullable String broadcastId;

  /**
   * {@code pid} ≤ 0: take CPU and RSS from the server's metrics; {@code localIp}: the address the
   * synthetic broadcaster's socket binds, as the viewers' do.
   */
  UpcastTarget(URI server, long pid, String localIp) {
    this.server = server;
    this.proc = pid > 0 ? new ProcStat(pid) : null;
    this.localIp = localIp;
  }

  @Override
  public String name() {
    return "upcast";
  }

  @Override
  public MediaPublisher.RtpOut publish() throws Exception {
    String handle = "bench" + ThreadLocalRandom.current().nextInt(1_000_000);
    token =
        JSON.readTree(
                post(
                        "/api/users",
                        "application/json",
                        "{\"handle\":\"" + handle + "\",\"password\":\"benchmark-pw\"}",
                        null)
                    .body())
            .get("token")
            .asText();
    broadcaster = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM, localIp);
    HttpResponse<String> whip =
        post(
            "/whip?title=load",
            "application/sdp",
            SdpOffers.publisher(broadcaster, MediaPublisher.AUDIO_SSRC, MediaPublisher.VIDEO_SSRC),
            token);
    if (whip.statusCode() != 201) {
      throw new IllegalStateException("WHIP refused: " + whip.statusCode() + " " + whip.body());
    }
    broadcaster.connect(AnswerInfo.parse(whip.body()));
    resource = whip.headers().firstValue("Location").orElseThrow();
    broadcastId =
        JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(server.resolve("/api/broadcasts")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .get(0)
            .get("id")
            .asText();
    TestPeer peer = broadcaster;
    return new MediaPublisher.RtpOut() {
      @Override
      public void send(byte[] rtp, boolean video) {
        peer.sendRtp(rtp);
      }

      @Override
      public byte[] pollFeedback() {
        return peer.rtcp().poll();
      }
    };
  }

  @Override
  public boolean join(ViewerPool pool, LoadViewer v) throws Exception {
    HttpResponse<String> whep =
        post("/whep/" + broadcastId, "application/sdp", ViewerPool.offer(v), null);
    if (whep.statusCode() != 201) {
      System.out.println("WHEP refused: " + whep.statusCode() + " " + whep.body());
      return false;
    }
    pool.connect(v, whep.body(), whep.headers().firstValue("Location").orElse(""));
    return true;
  }

  @Override
  public ServerSample sample() throws Exception {
    ServerMetrics m = ServerMetrics.scrape(http, server);
    return new ServerSample(
        proc != null ? proc.cpuSeconds() : m.get("process_cpu_seconds_total"),
        m.get("upcast_fanout_rtp_forwarded_total"),
        m.get("upcast_transport_packets_sent_total"),
        m.get("upcast_transport_bytes_sent_total"),
        proc != null ? proc.rssBytes() : m.get("process_resident_memory_bytes"),
        m.get("jvm_memory_heap_used_bytes"),
        m);
  }

  @Override
  public double liveHeapBytes() throws Exception {
    if (proc == null || !proc.collectGarbage()) {
      return -1;
    }
    return ServerMetrics.scrape(http, server).get("jvm_memory_heap_after_gc_bytes");
  }

  private HttpResponse<String> post(
      String path, String contentType, String body, @Nullable String bearer)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public boolean canEndViewers() {
    return true;
  }

  @Override
  public boolean leave(LoadViewer viewer) throws Exception {
    if (viewer.location == null || viewer.location.isEmpty()) {
      return false;
    }
    http.send(
        HttpRequest.newBuilder(server.resolve(viewer.location)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
    return true;
  }

  @Override
  public void close() throws Exception {
    if (resource != null) {
      http.send(
          HttpRequest.newBuilder(server.resolve(resource))
              .DELETE()
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    if (broadcaster != null) {
      broadcaster.close();
    }
  }
}
