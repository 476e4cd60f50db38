package upcast.signaling.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import upcast.signaling.store.Comment;

/** The JSON text frames the server sends on {@code chat} channels (docs/protocol.md "Chat"). */
final class ServerMessages {
  private final ObjectMapper json;

  ServerMessages(ObjectMapper json) {
    this.json = json;
  }

  String hello(String you, boolean broadcaster, CommentsSetting comments, boolean canComment) {
    ObjectNode n = typed("hello");
    n.put("you", you);
    n.put("role", broadcaster ? "broadcaster" : "viewer");
    n.put("comments", comments.wireName());
    n.put("canComment", canComment);
    return write(n);
  }

  String comment(Comment c) {
    return write((ObjectNode) typed("comment").setAll(commentNode(c)));
  }

  /** A comment as the REST API and the channel show it (without the channel's "type"). */
  ObjectNode commentNode(Comment c) {
    ObjectNode n = json.createObjectNode();
    n.put("id", Long.toString(c.id()));
    n.put("author", c.author());
    n.put("text", c.text());
    n.put("at", c.at().toEpochMilli());
    n.put("offsetMs", c.offsetMs());
    return n;
  }

  String hearts(long total) {
    return write(typed("hearts").put("total", total));
  }

  String viewers(int count) {
    return write(typed("viewers").put("count", count));
  }

  String removed(List<Long> ids) {
    ObjectNode n = typed("removed");
    ArrayNode a = n.putArray("commentIds");
    ids.forEach(id -> a.add(Long.toString(id)));
    return write(n);
  }

  String settings(CommentsSetting comments) {
    return write(typed("settings").put("comments", comments.wireName()));
  }

  String error(String code, String message) {
    return write(typed("error").put("code", code).put("message", message));
  }

  String ended() {
    return write(typed("ended"));
  }

  private ObjectNode typed(String type) {
    ObjectNode n = json.createObjectNode();
    n.put("type", type);
    return n;
  }

  String write(ObjectNode n) {
    try {
      return json.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of strings and numbers always serializes
    }
  }
}
