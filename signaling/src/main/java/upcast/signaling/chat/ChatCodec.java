package upcast.signaling.chat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;

/**
 * Text frames of the {@code chat} channel to and from {@link ChatMessage}s. Reading is strict where
 * the hand-written parser was (no numbers for strings, no fractions or strings for counts) and
 * lenient where it was (unknown fields are ignored); every refusal is a {@code bad_message} whose
 * text names the field, never a Java class.
 */
final class ChatCodec {
  /** Largest message accepted, in UTF-8 bytes as on the wire; a comment needs far less. */
  static final int MAX_BYTES = 4096;

  private static final String MALFORMED = "The message is malformed.";

  private final ObjectMapper json =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private final ObjectReader reader = json.readerFor(ClientMessage.class);
  private final ObjectWriter writer = json.writerFor(ServerMessage.class);

  /**
   * Reads one text frame. Anything but a well-formed message of a known client type is a {@code
   * bad_message} error saying what was wrong.
   */
  ClientMessage read(String frame) throws ChatError {
    if (tooLarge(frame)) {
      throw ChatError.badMessage("Messages are at most 4 KiB.");
    }
    JsonNode node;
    try {
      node = json.readTree(frame);
    } catch (JsonParseException e) {
      throw ChatError.badMessage("Not JSON: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ChatError.badMessage("A message is one JSON object, with nothing after it.");
    }
    if (node == null || !node.isObject()) {
      throw ChatError.badMessage("A message is a JSON object.");
    }
    if (!node.path("type").isTextual()) {
      throw ChatError.badMessage("A message needs a string \"type\".");
    }
    try {
      return reader.readValue(node);
    } catch (InvalidTypeIdException e) {
      throw ChatError.badMessage("Unknown message type \"" + node.get("type").asText() + "\".");
    } catch (JsonMappingException e) {
      throw ChatError.badMessage(problem(e));
    } catch (IOException e) {
      throw ChatError.badMessage(MALFORMED);
    }
  }

  /** Encodes a server message; a record of strings and numbers always encodes. */
  String write(ServerMessage message) {
    try {
      return writer.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a chat message", e);
    }
  }

  /**
   * Our own words for a field that did not bind: a record's check says it in its message; a JSON
   * value of the wrong type is named by the field it was found in.
   */
  private static String problem(JsonMappingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t instanceof IllegalArgumentException ? t.getMessage() : null;
      if (message != null) {
        return message;
      }
    }
    List<JsonMappingException.Reference> path = e.getPath();
    String field = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
    return field == null ? MALFORMED : ClientMessage.expected(field);
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
}
