package upcast.sfu.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import upcast.sfu.api.PeerListener;
import upcast.sfu.rtp.KeyframeDetector;
import upcast.sfu.rtp.Rtcp;
import upcast.sfu.rtp.Rtp;
import upcast.sfu.transport.MediaLoop;
import upcast.sfu.transport.MediaSink;
import upcast.sfu.transport.Transport;

/**
 * One live broadcast in the media plane: its publisher's tracks and the current viewers. All
 * methods run on the media loop; the viewer list is an immutable array replaced on join and leave,
 * so the fan-out walks it without a lock.
 */
public final class Broadcast implements MediaSink {
  private static final Viewer[] NONE = new Viewer[0];

  /**
   * How long viewers stay connected after the publisher's connection died, unless the owner's side
   * ends the broadcast first: long enough for signaling to say {@code ended} on their chat
   * channels, which close with the viewers' transports.
   */
  static final Duration PUBLISHER_LOSS_GRACE = Duration.ofSeconds(3);

  /**
   * A join finding a cached keyframe older than this also asks the publisher for a fresh one, so
   * the group of pictures later joiners get replayed (and the burst it is) stays short.
   */
  static final Duration CACHE_REFRESH_AFTER = Duration.ofSeconds(1);

  /**
   * The most cached packets replayed to a joining viewer at once (~70 KiB): a longer group of
   * pictures is a burst that overflows receive buffers, so then only the keyframe is replayed.
   */
  static final int MAX_REPLAY_BURST = 64;

  final String id;
  final List<Track> tracks;
  private final Track[] trackByPayloadType = new Track[128];
  private final @Nullable Track video; // null: an audio-only broadcast
  private final MediaLoop loop;
  private final Clock clock;
  private final BroadcastMetrics metrics;
  private final PeerListener publisherListener;
  private final ViewerFanout fanout;
  private final KeyframeCache videoCache = new KeyframeCache();
  private final byte[] rtcpOut = new byte[64 + Transport.SEND_HEADROOM];

  // Set by attachPublisher, which runs right after the constructor, before anything else.
  @SuppressWarnings("NullAway.Init")
  private Transport publisher;

  private @Nullable DataChannels publisherChannels;

  @SuppressWarnings("NullAway.Init")
  private KeyframeRequester keyframes;

  private Viewer[] viewers = NONE;
  private volatile int viewerCount;
  private volatile boolean ended;
  private boolean publisherLost;
  private MediaLoop.@Nullable Cancellable receiverReports;

  Broadcast(
      String id,
      List<Track> tracks,
      MediaLoop loop,
      Clock clock,
      BroadcastMetrics metrics,
      PeerListener publisherListener) {
    this.id = id;
    this.tracks = List.copyOf(tracks);
    this.loop = loop;
    this.clock = clock;
    this.metrics = metrics;
    this.publisherListener = publisherListener;
    this.fanout = new ViewerFanout(metrics.rtpForwarded, metrics.droppedSend);
    Track v = null;
    for (Track t : tracks) {
      trackByPayloadType[t.codec.payloadType()] = t;
      if (t.isVideo() && v == null) {
        v = t;
      }
    }
    this.video = v;
  }

  /** Attaches the publisher's transport; called once, before it can connect. */
  void attachPublisher(Transport transport, @Nullable DataChannels channels) {
    this.publisher = transport;
    this.publisherChannels = channels;
    this.keyframes =
        new KeyframeRequester(
            loop,
            clock,
            transport,
            video,
            metrics.keyframeRequestsSent,
            metrics.keyframeRequestsThrottled);
  }

  public String id() {
    return id;
  }

  public int viewerCount() {
    return viewerCount;
  }

  boolean ended() {
    return ended;
  }

  // ---- publisher side (MediaSink of the publisher's transport) ----

  @Override
  public void onConnected(Transport transport) {
    receiverReports = loop.schedule(this::sendReceiverReports, Duration.ofSeconds(1));
    publisherListener.onConnected();
  }

  @Override
  public void onRtp(Transport transport, byte[] buf, int off, int len) {
    if (!Rtp.isValid(buf, off, len)) {
      metrics.droppedMalformed.increment();
      return;
    }
    Track track = trackByPayloadType[Rtp.payloadType(buf, off)];
    if (track == null) {
      metrics.droppedUnknownPayload.increment();
      return;
    }
    long ssrc = Rtp.ssrc(buf, off);
    if (track.ssrc != ssrc) {
      if (track.declaredSsrc != 0) {
        // Not a stream the offer announced (e.g. a simulcast layer or RTX we did not accept).
        metrics.droppedUnknownSsrc.increment();
        return;
      }
      if (track.ssrc != 0) {
        // A new SSRC for the track (e.g. the encoder restarted): follow it.
        metrics.ssrcChanges.increment();
      }
      if (track == video) {
        videoCache.clear();
      }
      track.ssrc = ssrc;
    }
    track.sequence.update(Rtp.sequenceNumber(buf, off));
    metrics.rtpInPublisher.increment();
    boolean keyframe = false;
    if (track.isVideo()) {
      int p = Rtp.payloadOffset(buf, off, len);
      int n = Rtp.payloadLength(buf, off, len);
      keyframe = n > 0 && KeyframeDetector.startsKeyframe(track.format, buf, off + p, n);
    }
    Viewer[] now = viewers;
    fanout.forwardRtp(now, buf, off, len, track, keyframe);
    if (now.length > 0) {
      // Batched sends leave at the flush: the latency counts until the kernel has every copy.
      loop.flush();
      metrics.forwardingLatency.recordNanos(System.nanoTime() - loop.receivedNanos());
    }
    if (keyframe && track == video) {
      keyframes.onKeyframe();
    }
    if (track == video && len <= ViewerFanout.MAX_PACKET) {
      videoCache.add(buf, off, len, keyframe, keyframe ? clock.millis() : 0);
    }
  }

  /** Sender reports (and the SDES that travels with them) go to viewers for lip sync. */
  @Override
  public void onRtcp(Transport transport, byte[] buf, int off, int len) {
    int end = off + len;
    boolean hasSr = false;
    for (int p = off, q; p < end && (q = Rtcp.next(buf, p, end)) > 0; p = q) {
      if (Rtcp.packetType(buf, p) == Rtcp.SR && q - p >= 28) {
        hasSr = true;
        long sender = Rtcp.senderSsrc(buf, p);
        for (Track t : tracks) {
          if (t.ssrc == sender) {
            t.lastSrCompactNtp = Rtcp.srCompactNtp(buf, p);
            t.lastSrNanos = System.nanoTime();
          }
        }
      }
    }
    if (hasSr) {
      metrics.rtcpForwarded.increment();
      fanout.forwardRtcp(viewers, buf, off, len);
    }
  }

  @Override
  public boolean onApplicationData(Transport transport, byte[] data) {
    if (publisherChannels == null) {
      return false;
    }
    publisherChannels.onPacket(data);
    return true;
  }

  @Override
  public void onClosed(Transport transport, String reason) {
    if (publisherChannels != null) {
      publisherChannels.close();
    }
    if (!ended) {
      onPublisherLost(reason); // not our own end closing it: the connection died
    }
  }

  /**
   * The publisher's connection died (consent expired, DTLS closed): no more media, and the owner's
   * side is told at once so it can end the broadcast — saying {@code ended} on every viewer's chat
   * channel first, then {@link #end} closes the viewers. If nobody ends it within {@link
   * #PUBLISHER_LOSS_GRACE}, it ends by itself.
   */
  private void onPublisherLost(String reason) {
    if (publisherLost) {
      return;
    }
    publisherLost = true;
    if (receiverReports != null) {
      receiverReports.cancel();
    }
    publisherListener.onClosed(reason);
    loop.schedule(this::end, PUBLISHER_LOSS_GRACE);
  }

  /**
   * Receiver reports to the publisher (RFC 3550 §6.4.2) once a second: they carry LSR/DLSR so the
   * publisher measures round-trip time and sees no loss, which lets its loss-based rate control
   * grow.
   */
  private void sendReceiverReports() {
    if (ended) {
      return;
    }
    for (Track t : tracks) {
      if (t.ssrc == 0 || !t.sequence.started()) {
        continue;
      }
      long dlsr =
          t.lastSrNanos == 0 ? 0 : ((System.nanoTime() - t.lastSrNanos) * 65536L) / 1_000_000_000L;
      int n =
          Rtcp.writeReceiverReport(
              rtcpOut,
              0,
              KeyframeRequester.SFU_SSRC,
              t.ssrc,
              0,
              0,
              t.sequence.extendedHighest(),
              0,
              t.lastSrCompactNtp,
              t.lastSrNanos == 0 ? 0 : dlsr);
      publisher.sendRtcp(rtcpOut, 0, n);
    }
    receiverReports = loop.schedule(this::sendReceiverReports, Duration.ofSeconds(1));
  }

  // ---- viewers ----

  /**
   * A viewer's transport connected (its SRTP keys are ready): it gets the cached keyframe and the
   * packets since at once, then the live ones; without a cache it waits for the next keyframe,
   * which is requested.
   */
  void addViewer(Viewer v) {
    if (ended || publisherLost) {
      v.transport.close("broadcast ended");
      return;
    }
    Viewer[] next = Arrays.copyOf(viewers, viewers.length + 1);
    next[next.length - 1] = v;
    viewers = next;
    viewerCount = next.length;
    Track video = this.video;
    if (video == null || !videoCache.valid()) { // the cache only holds video
      keyframes.request();
      return;
    }
    KeyframeCache.PacketConsumer toViewer =
        (buf, off, len) -> fanout.sendTo(v, buf, off, len, video);
    int n;
    if (videoCache.packets() <= MAX_REPLAY_BURST || !videoCache.keyframeComplete()) {
      // The whole group of pictures: the viewer continues with the live packets as they are.
      v.waitingForKeyframe = false;
      n = videoCache.replay(toViewer);
      if (videoCache.ageMillis(clock.millis()) > CACHE_REFRESH_AFTER.toMillis()) {
        keyframes.request();
      }
    } else {
      // Only the keyframe: shown at once; live video resumes at the next keyframe, renumbered.
      int[] last = {-1};
      n =
          videoCache.replay(
              (buf, off, len) -> {
                last[0] = Rtp.sequenceNumber(buf, off);
                fanout.sendTo(v, buf, off, len, video);
              },
              videoCache.keyframePackets());
      v.resumeSequence[video.index] = (last[0] + 1) & 0xffff;
      keyframes.request();
    }
    metrics.keyframeCacheReplays.increment();
    metrics.keyframeCachePackets.add(n);
  }

  void removeViewer(Viewer v) {
    int i = Arrays.asList(viewers).indexOf(v);
    if (i < 0) {
      return;
    }
    Viewer[] next = new Viewer[viewers.length - 1];
    System.arraycopy(viewers, 0, next, 0, i);
    System.arraycopy(viewers, i + 1, next, i, viewers.length - i - 1);
    viewers = next;
    viewerCount = next.length;
  }

  /**
   * A viewer's RTCP: picture loss and intra requests go to the throttled requester; a receiver
   * report about a track's SSRC shows the viewer maps that SSRC, so its MID stops being sent.
   */
  void onViewerRtcp(Viewer viewer, byte[] buf, int off, int len) {
    int end = off + len;
    for (int p = off, q; p < end && (q = Rtcp.next(buf, p, end)) > 0; p = q) {
      int type = Rtcp.packetType(buf, p);
      if (type == Rtcp.PSFB) {
        int fmt = Rtcp.countOrFormat(buf, p);
        if (fmt == Rtcp.FMT_PLI || fmt == Rtcp.FMT_FIR) {
          metrics.viewerKeyframeRequests.increment();
          keyframes.request();
        }
      } else if (type == Rtcp.RR || type == Rtcp.SR) {
        int blocks = Rtcp.reportBlocks(buf, p, q);
        for (int i = 0; i < blocks; i++) {
          long source = Rtcp.reportBlockSource(buf, p, i);
          for (Track t : tracks) {
            if (t.ssrc == source && t.ssrc != 0) {
              viewer.reported[t.index] = true;
            }
          }
        }
      }
    }
  }

  /** Ends the broadcast on the loop: closes the publisher and every viewer. Idempotent. */
  void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (receiverReports != null) {
      receiverReports.cancel();
    }
    Viewer[] all = viewers;
    viewers = NONE;
    viewerCount = 0;
    for (Viewer v : all) {
      v.transport.close("broadcast ended");
    }
    if (publisher != null) {
      publisher.close("broadcast ended");
    }
    metrics.onBroadcastEnded(this);
  }
}
