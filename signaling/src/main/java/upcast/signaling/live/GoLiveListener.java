package upcast.signaling.live;

import upcast.signaling.store.BroadcastRecord;

/**
 * Told once when a broadcast starts, after the publisher is attached: followers' notifications, Web
 * Push and webhooks hang off this. Called on the broadcast service's own thread, never on the
 * request that started the broadcast, so fan-out cannot delay going live.
 */
public interface GoLiveListener {
  void onGoLive(BroadcastRecord broadcast);
}
