package upcast.signaling.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A message a client sends on the {@code chat} channel (docs/protocol.md "Chat"). */
sealed interface ClientMessage {
  /** Largest message accepted, in UTF-8 bytes as on the wire; a comment needs far less. */
  int MAX_BYTES = 4096;

  /** Most hearts one message may carry. */
  int MAX_HEARTS = 50;

  record Comment(String text) implements ClientMessage {}

  record Heart(int count) implements ClientMessage {}

  record Block(String handle) implements ClientMessage {}

  record Settings(CommentsSetting comments) implements ClientMessage {}

  /**
   * Parses one text frame. Anything but a well-formed message of a known type is a {@code
   * bad_message} error saying what was wrong.
   */
  static ClientMessage parse(ObjectMapper json, String frame) throws ChatError {
    if (tooLarge(frame)) {
      throw ChatError.badMessage("Messages are at most 4 KiB.");
    }
    JsonNode node;
    try {
      node = json.readTree(frame);
    } catch (JsonProcessingException e) {
      throw ChatError.badMessage("Not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ChatError.badMessage("A message is a JSON object.");
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw ChatError.badMessage("A message needs a string \"type\".");
    }
    return switch (type.asText()) {
      case "comment" -> new Comment(text(node, "text"));
      case "heart" -> new Heart(hearts(node));
      case "block" -> new Block(text(node, "handle"));
      case "settings" ->
          new Settings(
              CommentsSetting.parse(text(node, "comments"))
                  .orElseThrow(
                      () ->
                          ChatError.badMessage(
                              "\"comments\" is one of everyone, followers or off.")));
      default -> throw ChatError.badMessage("Unknown message type \"" + type.asText() + "\".");
    };
  }

  /**
   * Whether a frame is over {@link #MAX_BYTES} in UTF-8 (the size the peer sent), without encoding
   * it: cheap enough for the media loop, which refuses such frames before they are queued.
   */
  static boolean tooLarge(String frame) {
    if (frame.length() > MAX_BYTES) {
      return true; // every char is at least one byte
    }
    if (frame.length() <= MAX_BYTES / 3) {
      return false; // every char is at most three bytes (a surrogate pair is four for two chars)
    }
    long bytes = 0;
    for (int i = 0; i < frame.length(); i++) {
      char c = frame.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes > MAX_BYTES;
  }

  private static String text(JsonNode node, String field) throws ChatError {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw ChatError.badMessage("\"" + field + "\" must be a string.");
    }
    return v.asText();
  }

  private static int hearts(JsonNode node) throws ChatError {
    JsonNode v = node.get("count");
    if (v == null) {
      return 1;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_HEARTS) {
      throw ChatError.badMessage("\"count\" is a whole number from 1 to " + MAX_HEARTS + ".");
    }
    return v.asInt();
  }
}
