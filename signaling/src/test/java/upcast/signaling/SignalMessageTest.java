package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import upcast.signaling.live.BroadcastView;
import upcast.signaling.ws.SignalMessage;

/** Every message survives a JSON round trip and carries the wire name of docs/protocol.md. */
class SignalMessageTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void roundTrips() throws Exception {
    BroadcastView view =
        new BroadcastView(
            "id1",
            "t",
            new BroadcastView.Broadcaster("h"),
            true,
            2,
            "2026-01-01T00:00:00Z",
            null,
            "/b/id1",
            "/whep/id1",
            7,
            "everyone",
            null);
    List<SignalMessage> all =
        List.of(
            new SignalMessage.Publish("t", "v=0"),
            new SignalMessage.View("id1", "v=0"),
            new SignalMessage.End(),
            new SignalMessage.Ping(),
            new SignalMessage.Published("id1", "v=0", "/b/id1"),
            new SignalMessage.Viewing("id1", "v=0", view),
            new SignalMessage.Ended("id1"),
            new SignalMessage.Viewers("id1", 3),
            new SignalMessage.Pong(),
            new SignalMessage.Error("bad_request", "m"));
    for (SignalMessage m : all) {
      String text = json.writerFor(SignalMessage.class).writeValueAsString(m);
      assertEquals(
          SignalMessage.typeName(m.getClass()), json.readTree(text).get("type").asText(), text);
      assertEquals(m, json.readerFor(SignalMessage.class).readValue(text), text);
    }
  }

  @Test
  void wireNames() throws Exception {
    assertEquals(
        "{\"type\":\"viewers\",\"broadcastId\":\"b\",\"count\":1}",
        json.writerFor(SignalMessage.class).writeValueAsString(new SignalMessage.Viewers("b", 1)));
    assertEquals(
        "{\"type\":\"error\",\"error\":\"not_live\",\"message\":\"m\"}",
        json.writerFor(SignalMessage.class)
            .writeValueAsString(new SignalMessage.Error("not_live", "m")));
  }
}
