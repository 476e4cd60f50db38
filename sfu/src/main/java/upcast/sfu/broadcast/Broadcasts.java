package upcast.sfu.broadcast;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.sfu.metrics.Metrics;
import upcast.sfu.sctp.StateCookieSigner;
import upcast.sfu.sdp.AnswerBuilder;
import upcast.sfu.sdp.Codec;
import upcast.sfu.sdp.CodecChoice;
import upcast.sfu.sdp.MalformedOfferException;
import upcast.sfu.sdp.MediaSection;
import upcast.sfu.sdp.Offer;
import upcast.sfu.sdp.OfferParser;
import upcast.sfu.transport.MediaSink;
import upcast.sfu.transport.RemoteParameters;
import upcast.sfu.transport.Transport;
import upcast.sfu.transport.TransportManager;

/**
 * The registry of live broadcasts: turns offers into publishers and viewers, and answers. It
 * negotiates, creates transports and registers; the media itself is handled by {@link Broadcast} on
 * the media loop.
 */
public final class Broadcasts {
  private static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

  /**
   * Header extensions we accept from publishers: only what we use. MID (RFC 8843 §15.2) lets us
   * follow BUNDLE; {@code transport-cc}, {@code abs-send-time} and the like are left out because we
   * send no feedback built on them, and Chromium cuts its send rate when promised feedback never
   * comes (see {@link upcast.sfu.sdp.CodecChoice}).
   */
  static final List<String> PUBLISHER_EXTENSIONS = List.of(MID_URI);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TransportManager transports;
  private final BroadcastMetrics metrics;
  private final Map<String, Broadcast> live = new ConcurrentHashMap<>();
  private final StateCookieSigner cookieSigner = new StateCookieSigner();
  private final Metrics metricsRegistry;
  private final Clock clock;

  public Broadcasts(TransportManager transports, Metrics metrics, Clock clock) {
    this.transports = transports;
    this.clock = clock;
    this.metrics = new BroadcastMetrics(metrics, b -> live.remove(b.id, b));
    this.metricsRegistry = metrics;
    metrics.gauge("broadcasts", live::size);
    metrics.gauge("viewers", this::viewers);
    metrics.gauge("peers", () -> live.size() + viewers());
  }

  /** Attaches a publisher from its offer. */
  public PeerSession publish(String broadcastId, String offerSdp, PeerListener listener)
      throws SdpException, BroadcastStateException {
    Offer offer = parseBundled(offerSdp);
    List<AnswerBuilder.Section> sections = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    boolean haveAudio = false;
    boolean haveVideo = false;
    boolean wantsData = false;
    for (MediaSection m : offer.media()) {
      Codec codec = null;
      if (!wantsData && isDataChannelSection(m)) {
        wantsData = true;
        sections.add(new AnswerBuilder.DataChannels(m, 5000, DataChannels.MAX_MESSAGE_SIZE));
        continue;
      }
      if (m.port() != 0 && m.sends() && m.kind().equals("audio") && !haveAudio) {
        codec = CodecChoice.audio(m);
        haveAudio = codec != null;
      } else if (m.port() != 0 && m.sends() && m.kind().equals("video") && !haveVideo) {
        codec = CodecChoice.publisherVideo(m);
        haveVideo = codec != null;
      }
      if (codec == null) {
        sections.add(new AnswerBuilder.Rejected(m));
        continue;
      }
      Track track =
          new Track(tracks.size(), m.kind(), codec, m.ssrcs().isEmpty() ? 0 : m.ssrcs().get(0));
      tracks.add(track);
      List<MediaSection.Extension> ext = new ArrayList<>();
      for (MediaSection.Extension e : m.extensions()) {
        if (PUBLISHER_EXTENSIONS.contains(e.uri())) {
          ext.add(e);
          track.extensionUris[e.id()] = e.uri();
        }
      }
      sections.add(new AnswerBuilder.Accepted(m, codec, "recvonly", ext, List.of(), null, null));
    }
    if (tracks.isEmpty()) {
      throw new SdpException(
          "the offer sends no media we can receive (audio needs Opus; video needs VP8 or H.264"
              + " with packetization-mode=1)");
    }
    Broadcast broadcast =
        new Broadcast(broadcastId, tracks, transports.loop(), clock, metrics, listener);
    if (live.putIfAbsent(broadcastId, broadcast) != null) {
      throw new BroadcastStateException(
          BroadcastStateException.Reason.ALREADY_PUBLISHING,
          "broadcast " + broadcastId + " already has a publisher");
    }
    Transport transport = transports.create(remote(offer), broadcast);
    DataChannels channels =
        wantsData
            ? new DataChannels(
                transport, transports.loop(), cookieSigner, metricsRegistry, listener)
            : null;
    broadcast.attachPublisher(transport, channels);
    String answer = answer(transport, sections);
    return new Session(newId(), broadcastId, answer, channels) {
      @Override
      public void close() {
        end(broadcastId);
      }
    };
  }

  /** Attaches a viewer from its (receive-only) offer. */
  public PeerSession view(String broadcastId, String offerSdp, PeerListener listener)
      throws SdpException, BroadcastStateException {
    Broadcast broadcast = live.get(broadcastId);
    if (broadcast == null || broadcast.ended()) {
      throw new BroadcastStateException(
          BroadcastStateException.Reason.NOT_LIVE, "broadcast " + broadcastId + " is not live");
    }
    Offer offer = parseBundled(offerSdp);
    String sessionId = newId();
    Viewer viewer = new Viewer(sessionId, listener, broadcast.tracks.size());
    List<AnswerBuilder.Section> sections = new ArrayList<>();
    List<Track> unmatched = new ArrayList<>(broadcast.tracks);
    String stream = "upcast-" + broadcastId;
    boolean wantsData = false;
    for (MediaSection m : offer.media()) {
      if (!wantsData && isDataChannelSection(m)) {
        wantsData = true;
        sections.add(new AnswerBuilder.DataChannels(m, 5000, DataChannels.MAX_MESSAGE_SIZE));
        continue;
      }
      Track track = null;
      for (Track t : unmatched) {
        if (t.kind.equals(m.kind())) {
          track = t;
          break;
        }
      }
      if (track == null || m.port() == 0 || !m.receives()) {
        sections.add(new AnswerBuilder.Rejected(m));
        continue;
      }
      Codec codec =
          track.isVideo() ? CodecChoice.viewerVideo(m, track.codec) : CodecChoice.audio(m);
      if (codec == null) {
        throw new SdpException(
            "viewer cannot decode "
                + track.codec.name()
                + " (the broadcast's "
                + track.kind
                + " codec)");
      }
      unmatched.remove(track);
      viewer.payloadTypes[track.codec.payloadType()] = (byte) codec.payloadType();
      List<MediaSection.Extension> ext = negotiateExtensions(track, m, viewer);
      long ssrc = track.ssrc;
      sections.add(
          new AnswerBuilder.Accepted(
              m,
              codec,
              "sendonly",
              ext,
              ssrc == 0 ? List.of() : List.of(ssrc),
              stream,
              stream + "-" + track.kind));
    }
    if (unmatched.size() == broadcast.tracks.size()) {
      throw new SdpException("the offer receives none of the broadcast's audio or video");
    }
    DataChannels[] channels = new DataChannels[1];
    Transport transport = transports.create(remote(offer), viewerSink(broadcast, viewer, channels));
    viewer.transport = transport;
    if (wantsData) {
      channels[0] =
          new DataChannels(transport, transports.loop(), cookieSigner, metricsRegistry, listener);
    }
    String answer = answer(transport, sections);
    return new Session(sessionId, broadcastId, answer, channels[0]) {
      @Override
      public void close() {
        viewer.closedByOwner = true;
        transport.close("viewer left");
      }
    };
  }

  /** Ends a broadcast: publisher and viewers are closed; viewers' listeners are told. */
  public void end(String broadcastId) {
    Broadcast b = live.remove(broadcastId);
    if (b != null) {
      transports.loop().execute(b::end);
    }
  }

  public int viewerCount(String broadcastId) {
    Broadcast b = live.get(broadcastId);
    return b == null ? 0 : b.viewerCount();
  }

  private long viewers() {
    return live.values().stream().mapToLong(Broadcast::viewerCount).sum();
  }

  /**
   * The header extensions a viewer gets for {@code track}: those we accepted from the publisher
   * that the viewer also offers, under the viewer's ids (RFC 8285 §5), plus MID with the viewer's
   * own value (RFC 8843 §15.2) until it reports on the SSRC. Only one-byte ids (1–14) qualify, the
   * form the fan-out writes.
   */
  private static List<MediaSection.Extension> negotiateExtensions(
      Track track, MediaSection m, Viewer viewer) {
    List<MediaSection.Extension> out = new ArrayList<>();
    byte[] mid = m.mid() == null ? null : m.mid().getBytes(StandardCharsets.UTF_8);
    int midId = m.extensionId(MID_URI);
    if (midId >= 1 && midId <= 14 && mid != null && mid.length >= 1 && mid.length <= 16) {
      viewer.midIds[track.index] = midId;
      viewer.mids[track.index] = mid;
      out.add(new MediaSection.Extension(midId, MID_URI));
    }
    for (int id = 1; id < track.extensionUris.length; id++) {
      String uri = track.extensionUris[id];
      if (uri == null || uri.equals(MID_URI)) {
        continue; // MID is written fresh with the viewer's value, never copied
      }
      int to = m.extensionId(uri);
      if (to >= 1 && to <= 14) {
        viewer.extensionIds[track.index][id] = (byte) to;
        out.add(new MediaSection.Extension(to, uri));
      }
    }
    return out;
  }

  /** RFC 8841: an {@code m=application} section for SCTP-based data channels. */
  private static boolean isDataChannelSection(MediaSection m) {
    return m.kind().equals("application")
        && m.port() != 0
        && m.protocol().toUpperCase(java.util.Locale.ROOT).contains("SCTP")
        && m.formats().contains("webrtc-datachannel");
  }

  private MediaSink viewerSink(Broadcast broadcast, Viewer viewer, DataChannels[] channels) {
    return new MediaSink() {
      @Override
      public void onConnected(Transport transport) {
        broadcast.addViewer(viewer);
        viewer.listener.onConnected();
      }

      @Override
      public void onRtp(Transport transport, byte[] buf, int off, int len) {
        // Viewers are receive-only; anything they send is ignored.
      }

      @Override
      public void onRtcp(Transport transport, byte[] buf, int off, int len) {
        broadcast.onViewerRtcp(viewer, buf, off, len);
      }

      @Override
      public boolean onApplicationData(Transport transport, byte[] data) {
        if (channels[0] == null) {
          return false;
        }
        channels[0].onPacket(data);
        return true;
      }

      @Override
      public void onClosed(Transport transport, String reason) {
        if (channels[0] != null) {
          channels[0].close();
        }
        broadcast.removeViewer(viewer);
        if (!viewer.closedByOwner) {
          viewer.listener.onClosed(reason);
        }
      }
    };
  }

  private static Offer parseBundled(String sdp) throws SdpException {
    Offer offer;
    try {
      offer = OfferParser.parse(sdp);
    } catch (MalformedOfferException e) {
      throw new SdpException(String.valueOf(e.getMessage()));
    }
    if (offer.setup().equals("passive")) {
      throw new SdpException("a=setup:passive is not supported: the SFU is the DTLS server");
    }
    for (MediaSection m : offer.media()) {
      if (m.port() != 0 && !m.kind().equals("application")) {
        if (!m.rtcpMux()) {
          throw new SdpException("media section " + m.mid() + " lacks a=rtcp-mux (required)");
        }
        if (m.mid() == null) {
          throw new SdpException("a media section lacks a=mid");
        }
        if (offer.media().size() > 1 && !offer.bundleMids().contains(m.mid())) {
          throw new SdpException("media section " + m.mid() + " is not in the BUNDLE group");
        }
      }
    }
    return offer;
  }

  private static RemoteParameters remote(Offer offer) {
    return new RemoteParameters(
        offer.iceUfrag(), offer.icePassword(), offer.fingerprintAlgorithm(), offer.fingerprint());
  }

  private String answer(Transport transport, List<AnswerBuilder.Section> sections) {
    return AnswerBuilder.build(
        transport.localUfrag(),
        transport.localPassword(),
        transports.fingerprintAlgorithm(),
        transports.fingerprint(),
        transports.candidates(),
        sections);
  }

  private static String newId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private abstract class Session implements PeerSession {
    private final String id;
    private final String broadcastId;
    private final String answer;
    private final @Nullable DataChannels channels;

    Session(String id, String broadcastId, String answer, @Nullable DataChannels channels) {
      this.id = id;
      this.broadcastId = broadcastId;
      this.answer = answer;
      this.channels = channels;
    }

    @Override
    public void sendText(String label, String text) {
      DataChannels c = channels;
      if (c != null) {
        transports.loop().execute(() -> c.sendText(label, text));
      }
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String broadcastId() {
      return broadcastId;
    }

    @Override
    public String answerSdp() {
      return answer;
    }
  }
}
