package upcast.signaling.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A message the server sends on {@code chat} channels (docs/protocol.md "Chat"). */
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServerMessage.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = ServerMessage.Viewers.class, name = "viewers"),
  @JsonSubTypes.Type(value = ServerMessage.Hearts.class, name = "hearts"),
  @JsonSubTypes.Type(value = ServerMessage.Comment.class, name = "comment"),
  @JsonSubTypes.Type(value = ServerMessage.Removed.class, name = "removed"),
  @JsonSubTypes.Type(value = ServerMessage.Settings.class, name = "settings"),
  @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
  @JsonSubTypes.Type(value = ServerMessage.Ended.class, name = "ended")
})
sealed interface ServerMessage extends ChatMessage {
  /**
   * First on a new channel: who the member is ({@code you} is null when anonymous), its role, the
   * comment setting and whether it may comment now.
   */
  record Hello(@Nullable String you, String role, CommentsSetting comments, boolean canComment)
      implements ServerMessage {
    static Hello of(
        @Nullable String you, boolean broadcaster, CommentsSetting comments, boolean can) {
      return new Hello(you, broadcaster ? "broadcaster" : "viewer", comments, can);
    }
  }

  /** The broadcast's viewer count. */
  record Viewers(int count) implements ServerMessage {}

  /** The broadcast's heart total. */
  record Hearts(long total) implements ServerMessage {}

  /** A stored comment, with the same fields the REST API shows. */
  record Comment(@JsonUnwrapped CommentView comment) implements ServerMessage {}

  /** Comments a block removed, by id. */
  record Removed(List<String> commentIds) implements ServerMessage {
    static Removed of(List<Long> ids) {
      return new Removed(ids.stream().map(String::valueOf).toList());
    }
  }

  /** The broadcaster changed who may comment. */
  record Settings(CommentsSetting comments) implements ServerMessage {}

  /** A refused message; to its sender only, and the channel stays open. */
  @SuppressWarnings("JavaLangClash") // named for the wire type "error"; used qualified
  record Error(String code, String message) implements ServerMessage {}

  /** The broadcast ended. */
  record Ended() implements ServerMessage {}
}
