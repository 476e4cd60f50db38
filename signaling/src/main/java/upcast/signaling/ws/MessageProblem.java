package upcast.signaling.ws;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.util.List;

/**
 * What was wrong with a signaling message that did not read, in our own words: Jackson's messages
 * name Java classes ({@code upcast.signaling.ws.SignalMessage$Ping}), which are no business of
 * clients and change with the code.
 */
final class MessageProblem {
  private MessageProblem() {}

  static String describe(JsonProcessingException e) {
    if (e instanceof JsonParseException) {
      return "Malformed message: not JSON.";
    }
    if (e instanceof InvalidTypeIdException) {
      return "Malformed message: \"type\" must be publish, view, end or ping.";
    }
    if (e instanceof JsonMappingException m) {
      List<JsonMappingException.Reference> path = m.getPath();
      String field = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
      if (field != null) {
        return "Malformed message: \"" + field + "\" has the wrong type.";
      }
    }
    return "Malformed message: send one JSON object with a \"type\".";
  }
}
