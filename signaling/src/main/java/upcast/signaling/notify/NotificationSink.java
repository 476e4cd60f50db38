package upcast.signaling.notify;

/** An open page of a user that shows notifications at once (a WebSocket or an SSE stream). */
public interface NotificationSink {
  /** Sends one notification; must not block (queue it). */
  void send(NotificationView notification);
}
