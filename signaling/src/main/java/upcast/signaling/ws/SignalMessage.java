package upcast.signaling.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import upcast.signaling.live.BroadcastView;
import upcast.signaling.notify.NotificationView;

/**
 * Every message on the signaling WebSocket: one JSON object with a {@code type} discriminator
 * (docs/protocol.md). Client→server and server→client messages share the hierarchy so one mapper
 * reads and writes them all.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SignalMessage.Publish.class, name = "publish"),
  @JsonSubTypes.Type(value = SignalMessage.View.class, name = "view"),
  @JsonSubTypes.Type(value = SignalMessage.End.class, name = "end"),
  @JsonSubTypes.Type(value = SignalMessage.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = SignalMessage.Published.class, name = "published"),
  @JsonSubTypes.Type(value = SignalMessage.Viewing.class, name = "viewing"),
  @JsonSubTypes.Type(value = SignalMessage.Ended.class, name = "ended"),
  @JsonSubTypes.Type(value = SignalMessage.Viewers.class, name = "viewers"),
  @JsonSubTypes.Type(value = SignalMessage.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = SignalMessage.Notification.class, name = "notification"),
  @JsonSubTypes.Type(value = SignalMessage.Error.class, name = "error")
})
public sealed interface SignalMessage {

  /** The {@code type} name of a message class, as on the wire. */
  static String typeName(Class<? extends SignalMessage> type) {
    for (JsonSubTypes.Type t : SignalMessage.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == type) {
        return t.name();
      }
    }
    throw new IllegalArgumentException(type + " is not a signaling message");
  }

  /** Client: go live with this offer (needs a signed-in token). */
  record Publish(String title, String offer) implements SignalMessage {}

  /** Client: watch a broadcast with this receive-only offer. */
  record View(String broadcastId, String offer) implements SignalMessage {}

  /** Client: end the broadcast this socket publishes. */
  record End() implements SignalMessage {}

  /** Client: keepalive. */
  record Ping() implements SignalMessage {}

  /** Server: the broadcast is live; apply the answer. */
  record Published(String broadcastId, String answer, String watchUrl) implements SignalMessage {}

  /** Server: the viewer's answer and the broadcast it watches. */
  record Viewing(String broadcastId, String answer, BroadcastView broadcast)
      implements SignalMessage {}

  /** Server: the broadcast ended. */
  record Ended(String broadcastId) implements SignalMessage {}

  /** Server: the broadcast's current viewer count. */
  record Viewers(String broadcastId, int count) implements SignalMessage {}

  /** Server: answer to {@link Ping}. */
  record Pong() implements SignalMessage {}

  /** Server: someone the user follows went live (the same item as in the inbox). */
  record Notification(NotificationView notification) implements SignalMessage {}

  /** Server: a request was refused; the socket stays open. */
  @SuppressWarnings("JavaLangClash") // named for the wire type "error"; used qualified
  record Error(String error, @Nullable String message) implements SignalMessage {}
}
