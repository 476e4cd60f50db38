package upcast.signaling.notify;

import upcast.signaling.store.NotificationRecord;

/** An inbox item as JSON (docs/api.md "Notifications"), the same in the API, WebSocket and SSE. */
public record NotificationView(
    String id, String kind, Broadcast broadcast, Broadcaster broadcaster, String at, boolean read) {

  /** The broadcast the item is about, as it is now. */
  public record Broadcast(String id, String title, boolean live, String watchUrl) {}

  public record Broadcaster(String handle) {}

  public static NotificationView of(NotificationRecord r) {
    return new NotificationView(
        Long.toString(r.id()),
        r.kind(),
        new Broadcast(r.broadcastId(), r.title(), r.live(), "/b/" + r.broadcastId()),
        new Broadcaster(r.broadcaster()),
        r.at().toString(),
        r.read());
  }
}
