package upcast.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Janus (1.1, streaming plugin) as the target, driven the way its documentation describes: the
 * broadcast arrives as plain RTP on the mountpoint's audio and video ports (what the streaming
 * plugin ingests), and each viewer uses the Janus HTTP API: create a session, attach
 * janus.plugin.streaming, {@code watch} the mountpoint, long-poll the session until Janus's JSEP
 * offer arrives, {@code start} with the answer, and keep the session alive every 25 s (Janus drops
 * sessions silent for 60 s). CPU and RSS come from {@code /proc} of the Janus process.
 */
final class JanusTarget implements Target {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(10);

  /** Where the Janus under test is and how it is configured (see scripts/janus/). */
  record Config(URI api, long mountpoint, int audioPort, int videoPort, long pid) {}

  private final Config config;
  private final ProcStat proc;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLong transactions = new AtomicLong();
  private final List<Long> sessions = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepalives =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "janus-keepalive");
            t.setDaemon(true);
            return t;
          });
  private final String localIp;
  private @Nullable DatagramChannel rtpOut;

  /** {@code localIp}: the address the RTP feed's socket binds, as the viewers' do. */
  JanusTarget(Config config, String localIp) {
    this.config = config;
    this.localIp = localIp;
    this.proc = new ProcStat(config.pid());
    var unused = // runs until close shuts the executor down; nothing waits for it
        keepalives.scheduleAtFixedRate(this::keepAlive, 25, 25, TimeUnit.SECONDS);
  }

  @Override
  public String name() {
    return "janus";
  }

  @Override
  public MediaPublisher.RtpOut publish() throws IOException {
    // The mountpoint listens where the API does (bench.sh binds both to the server's address).
    String host = config.api().getHost();
    rtpOut = DatagramChannel.open();
    rtpOut.bind(new InetSocketAddress(localIp, 0));
    InetSocketAddress audio = new InetSocketAddress(host, config.audioPort());
    InetSocketAddress video = new InetSocketAddress(host, config.videoPort());
    DatagramChannel ch = rtpOut;
    return new MediaPublisher.RtpOut() {
      @Override
      public void send(byte[] rtp, boolean isVideo) {
        try {
          ch.send(ByteBuffer.wrap(rtp), isVideo ? video : audio);
        } catch (IOException e) {
          // a lost packet shows up as viewer loss
        }
      }

      @Override
      public byte @Nullable [] pollFeedback() {
        return null; // no RTCP port configured: keyframes every 2 s, new viewers get Janus's buffer
      }
    };
  }

  @Override
  public boolean join(ViewerPool pool, LoadViewer v) throws Exception {
    long session = request(config.api(), message("create")).path("data").path("id").asLong();
    sessions.add(session);
    URI sessionUri = URI.create(config.api() + "/" + session);
    ObjectNode attach = message("attach").put("plugin", "janus.plugin.streaming");
    long handle = request(sessionUri, attach).path("data").path("id").asLong();
    URI handleUri = URI.create(sessionUri + "/" + handle);
    ObjectNode watch = message("message");
    watch.putObject("body").put("request", "watch").put("id", config.mountpoint());
    request(handleUri, watch);
    String offerSdp = awaitOffer(sessionUri);
    if (offerSdp == null) {
      System.out.println("Janus sent no offer to viewer " + v.index);
      return false;
    }
    JanusOffer offer = JanusOffer.parse(offerSdp);
    InetSocketAddress local = (InetSocketAddress) v.channel.getLocalAddress();
    ObjectNode start = message("message");
    start.putObject("body").put("request", "start");
    start.putObject("jsep").put("type", "answer").put("sdp", offer.answer(v, local));
    JsonNode ack = request(handleUri, start);
    if (!"ack".equals(ack.path("janus").asText())) {
      System.out.println("Janus refused the answer of viewer " + v.index + ": " + ack);
      return false;
    }
    pool.connectLite(
        v, offer.iceUfrag(), offer.icePassword(), offer.fingerprint(), offer.videoPt());
    return true;
  }

  /** Long-polls the session (at most {@link #OFFER_TIMEOUT}) for the event carrying the offer. */
  private @Nullable String awaitOffer(URI sessionUri) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + OFFER_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(sessionUri + "?maxev=10"))
                  .timeout(OFFER_TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode events = JSON.readTree(r.body());
      for (JsonNode e : events.isArray() ? events : List.of(events)) {
        JsonNode jsep = e.path("jsep");
        if ("offer".equals(jsep.path("type").asText())) {
          return jsep.path("sdp").asText();
        }
        if ("error".equals(e.path("janus").asText())
            || e.path("plugindata").path("data").has("error")) {
          System.out.println("Janus: " + e);
          return null;
        }
      }
    }
    return null;
  }

  private ObjectNode message(String janus) {
    return JSON.createObjectNode()
        .put("janus", janus)
        .put("transaction", "t" + transactions.incrementAndGet());
  }

  private JsonNode request(URI uri, ObjectNode body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode reply = JSON.readTree(r.body());
    if ("error".equals(reply.path("janus").asText())) {
      throw new IOException("Janus error for " + body.path("janus").asText() + ": " + reply);
    }
    return reply;
  }

  private void keepAlive() {
    for (long session : sessions) {
      var unused = // fire and forget: a lost keepalive is repeated in 25 s
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(config.api() + "/" + session))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(message("keepalive").toString()))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    }
  }

  @Override
  public ServerSample sample() throws IOException {
    return new ServerSample(proc.cpuSeconds(), -1, -1, -1, proc.rssBytes(), -1, null);
  }

  @Override
  public void close() throws IOException {
    keepalives.shutdownNow();
    if (rtpOut != null) {
      rtpOut.close();
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (long session : sessions) {
      try {
        if (System.nanoTime() > deadline) {
          break; // Janus is stopped next anyway
        }
        request(URI.create(config.api() + "/" + session), message("destroy"));
      } catch (IOException | InterruptedException e) {
        break;
      }
    }
  }
}
