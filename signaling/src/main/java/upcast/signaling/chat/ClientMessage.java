package upcast.signaling.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message a client sends on the {@code chat} channel. Each record checks its own fields, so a
 * message that exists is a valid one; {@link ChatCodec} turns any failure into {@code bad_message}.
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientMessage.Comment.class, name = "comment"),
  @JsonSubTypes.Type(value = ClientMessage.Heart.class, name = "heart"),
  @JsonSubTypes.Type(value = ClientMessage.Block.class, name = "block"),
  @JsonSubTypes.Type(value = ClientMessage.Settings.class, name = "settings")
})
sealed interface ClientMessage extends ChatMessage {
  /** Most hearts one message may carry. */
  int MAX_HEARTS = 50;

  /**
   * What a field must hold, said the same way whether it was missing, null or of the wrong JSON
   * type.
   */
  static String expected(String field) {
    return field.equals("count")
        ? "\"count\" is a whole number from 1 to " + MAX_HEARTS + "."
        : "\"" + field + "\" must be a string.";
  }

  /** Raw comment text; the room trims and measures it. */
  record Comment(String text) implements ClientMessage {
    public Comment {
      require(text != null, "text");
    }
  }

  /** {@code count} taps at once; a message without {@code count} is one. */
  record Heart(int count) implements ClientMessage {
    public Heart {
      require(count >= 1 && count <= MAX_HEARTS, "count");
    }

    /**
     * A missing count means one heart, while {@code "count": null} is refused like any non-number.
     * Jackson binds both to null for an {@code Integer}, so this one field arrives as the raw
     * value.
     */
    @JsonCreator
    static Heart of(@JsonProperty("count") JsonNode count) {
      if (count == null) {
        return new Heart(1);
      }
      require(count.isIntegralNumber() && count.canConvertToInt(), "count");
      return new Heart(count.intValue());
    }
  }

  /** Block a viewer by handle (broadcaster only). */
  record Block(String handle) implements ClientMessage {
    public Block {
      require(handle != null, "handle");
    }
  }

  /** Who may comment from now on (broadcaster only). */
  record Settings(CommentsSetting comments) implements ClientMessage {
    public Settings {
      require(comments != null, "comments");
    }

    /** The wire carries the setting's name; an unknown name is refused with the choices. */
    @JsonCreator
    static Settings of(@JsonProperty("comments") String comments) {
      require(comments != null, "comments");
      return new Settings(
          CommentsSetting.parse(comments)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "\"comments\" is one of everyone, followers or off.")));
    }
  }

  private static void require(boolean ok, String field) {
    if (!ok) {
      throw new IllegalArgumentException(expected(field));
    }
  }
}
