package upcast.signaling.live;

/** Receives pushes about one broadcast (a signaling socket of its publisher or a viewer). */
public interface LiveListener {
  void onViewers(String broadcastId, int count);

  void onEnded(String broadcastId);
}
