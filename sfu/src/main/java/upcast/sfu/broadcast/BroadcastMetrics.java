package upcast.sfu.broadcast;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import upcast.sfu.metrics.Histogram;
import upcast.sfu.metrics.Metrics;

/** The counters of the broadcast layer, looked up once per SFU. */
final class BroadcastMetrics {
  final LongAdder rtpInPublisher;
  final LongAdder rtpForwarded;
  final LongAdder rtcpForwarded;
  final LongAdder droppedSend;
  final LongAdder droppedMalformed;
  final LongAdder droppedUnknownPayload;
  final LongAdder droppedUnknownSsrc;
  final LongAdder ssrcChanges;
  final LongAdder keyframeRequestsSent;
  final LongAdder keyframeRequestsThrottled;
  final LongAdder viewerKeyframeRequests;
  final LongAdder keyframeCacheReplays;
  final LongAdder keyframeCachePackets;
  final Histogram forwardingLatency;
  private final Consumer<Broadcast> onEnded;

  BroadcastMetrics(Metrics m, Consumer<Broadcast> onEnded) {
    rtpInPublisher = m.counter("broadcast_rtp_received");
    rtpForwarded = m.counter("fanout_rtp_forwarded");
    rtcpForwarded = m.counter("fanout_rtcp_forwarded");
    droppedSend = m.counter("fanout_rtp_dropped", "send_failed");
    droppedMalformed = m.counter("broadcast_rtp_dropped", "malformed");
    droppedUnknownPayload = m.counter("broadcast_rtp_dropped", "unknown_payload_type");
    droppedUnknownSsrc = m.counter("broadcast_rtp_dropped", "unknown_ssrc");
    ssrcChanges = m.counter("broadcast_ssrc_changes");
    keyframeRequestsSent = m.counter("keyframe_requests_sent");
    keyframeRequestsThrottled = m.counter("keyframe_requests_throttled");
    viewerKeyframeRequests = m.counter("keyframe_requests_received");
    keyframeCacheReplays = m.counter("keyframe_cache_replays");
    keyframeCachePackets = m.counter("keyframe_cache_packets_replayed");
    forwardingLatency = m.histogram("forwarding_latency");
    this.onEnded = onEnded;
  }

  void onBroadcastEnded(Broadcast b) {
    onEnded.accept(b);
  }
}
