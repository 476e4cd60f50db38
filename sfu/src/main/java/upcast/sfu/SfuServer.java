package upcast.sfu;

import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.sfu.api.Sfu;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.api.SfuStats;
import upcast.sfu.broadcast.Broadcasts;
import upcast.sfu.metrics.Metrics;
import upcast.sfu.srtp.SrtpWarmUp;
import upcast.sfu.transport.TransportManager;

/** The SFU: one shared UDP port ({@link TransportManager}) and the live {@link Broadcasts}. */
public final class SfuServer implements Sfu {
  private final Metrics metrics = new Metrics();
  private final TransportManager transports;
  private final Broadcasts broadcasts;

  private SfuServer(SfuConfig config) {
    SrtpWarmUp.inBackground(); // before the first publisher, off the media loop
    this.transports = TransportManager.start(config, metrics);
    this.broadcasts = new Broadcasts(transports, metrics, config.clock());
  }

  /** Binds the media port and starts the media loop. */
  public static SfuServer start(SfuConfig config) {
    return new SfuServer(config);
  }

  @Override
  public PeerSession publish(String broadcastId, String offerSdp, PeerListener listener)
      throws SdpException, BroadcastStateException {
    return broadcasts.publish(broadcastId, offerSdp, listener);
  }

  @Override
  public PeerSession view(String broadcastId, String offerSdp, PeerListener listener)
      throws SdpException, BroadcastStateException {
    return broadcasts.view(broadcastId, offerSdp, listener);
  }

  @Override
  public void endBroadcast(String broadcastId) {
    broadcasts.end(broadcastId);
  }

  @Override
  public int viewerCount(String broadcastId) {
    return broadcasts.viewerCount(broadcastId);
  }

  @Override
  public SfuStats stats() {
    return metrics.snapshot();
  }

  @Override
  public int mediaPort() {
    return transports.port();
  }

  @Override
  public void close() {
    transports.close();
  }
}
