package upcast.signaling.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void parsesEveryClientMessage() throws ChatError {
    assertEquals(
        new ClientMessage.Comment("hi"),
        ClientMessage.parse(json, "{\"type\":\"comment\",\"text\":\"hi\"}"));
    assertEquals(new ClientMessage.Heart(1), ClientMessage.parse(json, "{\"type\":\"heart\"}"));
    assertEquals(
        new ClientMessage.Heart(50),
        ClientMessage.parse(json, "{\"type\":\"heart\",\"count\":50}"));
    assertEquals(
        new ClientMessage.Block("bob"),
        ClientMessage.parse(json, "{\"type\":\"block\",\"handle\":\"bob\"}"));
    assertEquals(
        new ClientMessage.Settings(CommentsSetting.FOLLOWERS),
        ClientMessage.parse(json, "{\"type\":\"settings\",\"comments\":\"followers\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "null",
        "[]",
        "\"comment\"",
        "{}",
        "{\"type\":7}",
        "{\"type\":\"dance\"}",
        "{\"type\":\"comment\"}",
        "{\"type\":\"comment\",\"text\":5}",
        "{\"type\":\"heart\",\"count\":0}",
        "{\"type\":\"heart\",\"count\":51}",
        "{\"type\":\"heart\",\"count\":1.5}",
        "{\"type\":\"heart\",\"count\":\"3\"}",
        "{\"type\":\"heart\",\"count\":99999999999}",
        "{\"type\":\"block\"}",
        "{\"type\":\"settings\",\"comments\":\"nobody\"}"
      })
  void malformedMessagesAreBadMessages(String frame) {
    ChatError e = assertThrows(ChatError.class, () -> ClientMessage.parse(json, frame));
    assertEquals("bad_message", e.code());
  }

  @Test
  void oversizedFramesAreRefusedBeforeParsing() {
    String big = "{\"type\":\"comment\",\"text\":\"" + "x".repeat(ClientMessage.MAX_BYTES) + "\"}";
    assertEquals(
        "bad_message", assertThrows(ChatError.class, () -> ClientMessage.parse(json, big)).code());
  }

  /**
   * 4 KiB is what the peer sent in UTF-8, not Java chars: 1,500 "é" are 3,000 bytes, 2,100 are
   * 4,200.
   */
  @Test
  void theSizeLimitCountsUtf8Bytes() {
    assertFalse(ClientMessage.tooLarge("x".repeat(4096)));
    assertTrue(ClientMessage.tooLarge("x".repeat(4097)));
    assertFalse(ClientMessage.tooLarge("é".repeat(1500)));
    assertTrue(ClientMessage.tooLarge("é".repeat(2100)));
    assertFalse(ClientMessage.tooLarge("€".repeat(1365)));
    assertTrue(ClientMessage.tooLarge("€".repeat(1366)));
    assertFalse(ClientMessage.tooLarge("😀".repeat(1024))); // 4 bytes each: exactly 4 KiB
    assertTrue(ClientMessage.tooLarge("😀".repeat(1025)));
    String frame = "{\"type\":\"comment\",\"text\":\"" + "😀".repeat(1100) + "\"}";
    assertEquals(
        "bad_message",
        assertThrows(ChatError.class, () -> ClientMessage.parse(json, frame)).code());
  }

  @Test
  void commentsAreOneTrimmedLine() {
    assertEquals("a b  c", ChatRoom.clean("  a\nb\t\u0000c \r\n"));
    assertEquals("😀", ChatRoom.clean("😀"));
  }
}
