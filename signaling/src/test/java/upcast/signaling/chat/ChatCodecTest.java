package upcast.signaling.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading client frames: what parses, and the {@code bad_message} text for what does not. */
class ChatCodecTest {
  private final ChatCodec codec = new ChatCodec();

  @Test
  void parsesEveryClientMessage() throws ChatError {
    assertEquals(
        new ClientMessage.Comment("hi"), codec.read("{\"type\":\"comment\",\"text\":\"hi\"}"));
    assertEquals(new ClientMessage.Heart(1), codec.read("{\"type\":\"heart\"}"));
    assertEquals(new ClientMessage.Heart(50), codec.read("{\"type\":\"heart\",\"count\":50}"));
    assertEquals(
        new ClientMessage.Block("bob"), codec.read("{\"type\":\"block\",\"handle\":\"bob\"}"));
    assertEquals(
        new ClientMessage.Settings(CommentsSetting.FOLLOWERS),
        codec.read("{\"type\":\"settings\",\"comments\":\"followers\"}"));
  }

  @Test
  void unknownFieldsAreIgnoredWhereverTheTypeIs() throws ChatError {
    assertEquals(
        new ClientMessage.Comment("hi"),
        codec.read("{\"v\":2,\"text\":\"hi\",\"extra\":{\"a\":[1]},\"type\":\"comment\"}"));
  }

  static Stream<Arguments> malformed() {
    String text = "\"text\" must be a string.";
    String count = "\"count\" is a whole number from 1 to 50.";
    String object = "A message is a JSON object.";
    String type = "A message needs a string \"type\".";
    return Stream.of(
        Arguments.of("", object),
        Arguments.of("null", object),
        Arguments.of("[]", object),
        Arguments.of("[\"comment\",{\"text\":\"hi\"}]", object),
        Arguments.of("\"comment\"", object),
        Arguments.of("{}", type),
        Arguments.of("{\"type\":7}", type),
        Arguments.of("{\"type\":null}", type),
        Arguments.of("{\"type\":\"dance\"}", "Unknown message type \"dance\"."),
        Arguments.of("{\"type\":\"hello\"}", "Unknown message type \"hello\"."),
        Arguments.of("{\"type\":\"comment\"}", text),
        Arguments.of("{\"type\":\"comment\",\"text\":null}", text),
        Arguments.of("{\"type\":\"comment\",\"text\":5}", text),
        Arguments.of("{\"type\":\"comment\",\"text\":1.5}", text),
        Arguments.of("{\"type\":\"comment\",\"text\":true}", text),
        Arguments.of("{\"type\":\"comment\",\"text\":[\"x\"]}", text),
        Arguments.of("{\"type\":\"comment\",\"text\":{\"a\":1}}", text),
        Arguments.of("{\"type\":\"heart\",\"count\":0}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":51}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":1.5}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":1.0}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":\"3\"}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":true}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":null}", count),
        Arguments.of("{\"type\":\"heart\",\"count\":99999999999}", count),
        Arguments.of("{\"type\":\"block\"}", "\"handle\" must be a string."),
        Arguments.of("{\"type\":\"settings\"}", "\"comments\" must be a string."),
        Arguments.of("{\"type\":\"settings\",\"comments\":1}", "\"comments\" must be a string."),
        Arguments.of(
            "{\"type\":\"settings\",\"comments\":\"nobody\"}",
            "\"comments\" is one of everyone, followers or off."));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedMessagesAreBadMessages(String frame, String message) {
    ChatError e = assertThrows(ChatError.class, () -> codec.read(frame));
    assertEquals("bad_message", e.code());
    assertEquals(message, e.getMessage(), frame);
  }

  @Test
  void notJsonSaysWhereTheParserStopped() {
    ChatError e = assertThrows(ChatError.class, () -> codec.read("{"));
    assertEquals("bad_message", e.code());
    assertTrue(e.getMessage().startsWith("Not JSON: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"comment\",\"text\":\"hi\"} trailing garbage",
        "{\"type\":\"comment\",\"text\":\"hi\"} {}",
        "{\"type\":\"heart\"}[1]"
      })
  void anythingAfterTheObjectIsRefusedWithoutNamingClasses(String frame) {
    ChatError e = assertThrows(ChatError.class, () -> codec.read(frame));
    assertEquals("bad_message", e.code());
    assertFalse(e.getMessage().matches("(?s).*(com\\.fasterxml|upcast\\.|`).*"), e.getMessage());
  }

  @Test
  void oversizedFramesAreRefusedBeforeParsing() {
    String big = "{\"type\":\"comment\",\"text\":\"" + "x".repeat(ChatCodec.MAX_BYTES) + "\"}";
    ChatError e = assertThrows(ChatError.class, () -> codec.read(big));
    assertEquals("bad_message", e.code());
    assertEquals("Messages are at most 4 KiB.", e.getMessage());
  }

  /**
   * 4 KiB is what the peer sent in UTF-8, not Java chars: 1,500 "é" are 3,000 bytes, 2,100 are
   * 4,200.
   */
  @Test
  void theSizeLimitCountsUtf8Bytes() {
    assertFalse(ChatCodec.tooLarge("x".repeat(4096)));
    assertTrue(ChatCodec.tooLarge("x".repeat(4097)));
    assertFalse(ChatCodec.tooLarge("é".repeat(1500)));
    assertTrue(ChatCodec.tooLarge("é".repeat(2100)));
    assertFalse(ChatCodec.tooLarge("€".repeat(1365)));
    assertTrue(ChatCodec.tooLarge("€".repeat(1366)));
    assertFalse(ChatCodec.tooLarge("😀".repeat(1024))); // 4 bytes each: exactly 4 KiB
    assertTrue(ChatCodec.tooLarge("😀".repeat(1025)));
    String frame = "{\"type\":\"comment\",\"text\":\"" + "😀".repeat(1100) + "\"}";
    assertEquals("bad_message", assertThrows(ChatError.class, () -> codec.read(frame)).code());
  }

  @Test
  void commentsAreOneTrimmedLine() {
    assertEquals("a b  c", ChatRoom.clean("  a\nb\t\u0000c \r\n"));
    assertEquals("😀", ChatRoom.clean("😀"));
  }
}
