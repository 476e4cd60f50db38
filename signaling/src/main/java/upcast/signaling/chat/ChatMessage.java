package upcast.signaling.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on a {@code chat} data channel: one JSON object named by its {@code type}
 * (docs/protocol.md "Chat"). Both directions share this discriminator, but a name can mean a
 * different shape each way (a client's {@code comment} carries text, the server's a stored
 * comment), so each direction is its own sealed family with its own type names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
sealed interface ChatMessage permits ClientMessage, ServerMessage {}
