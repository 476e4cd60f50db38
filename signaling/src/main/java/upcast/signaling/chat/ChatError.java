package upcast.signaling.chat;

import static java.util.Objects.requireNonNull;

/**
 * A chat message refused with an error code (docs/protocol.md "Chat"); sent to the sender only,
 * never closing the channel.
 */
final class ChatError extends Exception {
  private final String code;

  ChatError(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** Never null: every chat error says what was wrong. */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage());
  }

  String code() {
    return code;
  }

  static ChatError badMessage(String message) {
    return new ChatError("bad_message", message);
  }
}
