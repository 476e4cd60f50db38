package upcast.signaling.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import upcast.signaling.store.Comment;

/**
 * Every chat message survives a JSON round trip, and the server's frames are byte for byte those of
 * docs/protocol.md "Chat" (which chat.js and the tests' ChatClient speak).
 */
class ChatMessageTest {
  private final ChatCodec codec = new ChatCodec();
  private final ObjectMapper json = new ObjectMapper();

  private static final CommentView COMMENT =
      CommentView.of(
          new Comment(17, 4, "bob", "hi", Instant.ofEpochMilli(1_767_225_600_000L), 1500));

  @Test
  void serverMessagesHaveTheDocumentedWireFormat() {
    assertWire(
        "{\"type\":\"hello\",\"you\":\"bob\",\"role\":\"viewer\",\"comments\":\"everyone\","
            + "\"canComment\":true}",
        ServerMessage.Hello.of("bob", false, CommentsSetting.EVERYONE, true));
    assertWire(
        "{\"type\":\"hello\",\"you\":null,\"role\":\"broadcaster\",\"comments\":\"followers\","
            + "\"canComment\":false}",
        ServerMessage.Hello.of(null, true, CommentsSetting.FOLLOWERS, false));
    assertWire("{\"type\":\"viewers\",\"count\":3}", new ServerMessage.Viewers(3));
    assertWire("{\"type\":\"hearts\",\"total\":46}", new ServerMessage.Hearts(46));
    assertWire(
        "{\"type\":\"comment\",\"id\":\"17\",\"author\":\"bob\",\"text\":\"hi\","
            + "\"at\":1767225600000,\"offsetMs\":1500}",
        new ServerMessage.Comment(COMMENT));
    assertWire(
        "{\"type\":\"removed\",\"commentIds\":[\"12\",\"15\"]}",
        ServerMessage.Removed.of(List.of(12L, 15L)));
    assertWire(
        "{\"type\":\"settings\",\"comments\":\"off\"}",
        new ServerMessage.Settings(CommentsSetting.OFF));
    assertWire(
        "{\"type\":\"error\",\"code\":\"too_long\",\"message\":\"m\"}",
        new ServerMessage.Error("too_long", "m"));
    assertWire("{\"type\":\"ended\"}", new ServerMessage.Ended());
  }

  @Test
  void serverMessagesRoundTrip() throws Exception {
    List<ServerMessage> all =
        List.of(
            ServerMessage.Hello.of("bob", false, CommentsSetting.EVERYONE, true),
            ServerMessage.Hello.of(null, true, CommentsSetting.OFF, false),
            new ServerMessage.Viewers(3),
            new ServerMessage.Hearts(46),
            new ServerMessage.Comment(COMMENT),
            ServerMessage.Removed.of(List.of(12L, 15L)),
            new ServerMessage.Settings(CommentsSetting.FOLLOWERS),
            new ServerMessage.Error("blocked", "m"),
            new ServerMessage.Ended());
    for (ServerMessage m : all) {
      String text = codec.write(m);
      assertEquals(m, json.readerFor(ServerMessage.class).readValue(text), text);
    }
  }

  @Test
  void clientMessagesRoundTrip() throws Exception {
    List<ClientMessage> all =
        List.of(
            new ClientMessage.Comment("hi"),
            new ClientMessage.Heart(7),
            new ClientMessage.Block("bob"),
            new ClientMessage.Settings(CommentsSetting.OFF));
    for (ClientMessage m : all) {
      String text = json.writerFor(ClientMessage.class).writeValueAsString(m);
      assertEquals(m, codec.read(text), text);
    }
    assertEquals(
        "{\"type\":\"settings\",\"comments\":\"off\"}",
        json.writerFor(ClientMessage.class)
            .writeValueAsString(new ClientMessage.Settings(CommentsSetting.OFF)));
  }

  /** The REST API's comment is the channel's without "type". */
  @Test
  void theRestApiShowsTheSameCommentFields() throws Exception {
    assertEquals(
        "{\"id\":\"17\",\"author\":\"bob\",\"text\":\"hi\",\"at\":1767225600000,"
            + "\"offsetMs\":1500}",
        json.writeValueAsString(COMMENT));
  }

  private void assertWire(String expected, ServerMessage message) {
    assertEquals(expected, codec.write(message));
  }
}
