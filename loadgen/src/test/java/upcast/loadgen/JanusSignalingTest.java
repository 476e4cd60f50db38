package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import upcast.testpeer.PeerIdentity;

/**
 * The Janus side of the benchmark without a Janus: reading the streaming plugin's offer (as Janus
 * 1.1.2 sends it), the ICE-lite answer a viewer returns, RTP payload offsets with Janus's header
 * extensions, and the Upcast/Janus ratios.
 */
class JanusSignalingTest {
  /** An offer captured from Janus 1.1.2's streaming plugin (mountpoint: Opus 111, VP8 96). */
  private static final String OFFER =
      String.join(
          "\r\n",
          "v=0",
          "o=- 1795587195273151 1 IN IP4 10.77.0.1",
          "s=Mountpoint 1",
          "t=0 0",
          "a=group:BUNDLE a v",
          "a=ice-options:trickle",
          "a=fingerprint:sha-256 F8:F0:30:58:36:1E:51:F3:D0:A7:94:B0:58:6C:DB:9A:59:45:89:86:75:DA"
              + ":64:51:C0:3B:2D:A1:41:24:00:F5",
          "a=extmap-allow-mixed",
          "a=msid-semantic: WMS *",
          "m=audio 9 UDP/TLS/RTP/SAVPF 111",
          "c=IN IP4 10.77.0.1",
          "a=sendonly",
          "a=mid:a",
          "a=rtcp-mux",
          "a=ice-ufrag:IpQd",
          "a=ice-pwd:lAxVPcNDQptUbkht8NgFmB",
          "a=setup:actpass",
          "a=rtpmap:111 opus/48000/2",
          "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
          "a=candidate:1 1 udp 2015363327 10.77.0.1 46283 typ host",
          "a=end-of-candidates",
          "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
          "c=IN IP4 10.77.0.1",
          "a=sendonly",
          "a=mid:v",
          "a=rtcp-mux",
          "a=ice-ufrag:IpQd",
          "a=ice-pwd:lAxVPcNDQptUbkht8NgFmB",
          "a=setup:actpass",
          "a=rtpmap:96 VP8/90000",
          "a=rtcp-fb:96 nack pli",
          "a=rtpmap:97 rtx/90000",
          "a=fmtp:97 apt=96",
          "a=candidate:1 1 udp 2015363327 10.77.0.1 46283 typ host",
          "a=end-of-candidates",
          "");

  private static final PeerIdentity VIEWER =
      new PeerIdentity() {
        @Override
        public String iceUfrag() {
          return "vwUfrag1";
        }

        @Override
        public String icePassword() {
          return "viewerPasswordOf24chars!";
        }

        @Override
        public String fingerprint() {
          return "AA:BB";
        }
      };

  @Test
  void readsJanusStreamingOffer() {
    JanusOffer o = JanusOffer.parse(OFFER);
    assertEquals("IpQd", o.iceUfrag());
    assertEquals("lAxVPcNDQptUbkht8NgFmB", o.icePassword());
    assertTrue(o.fingerprint().startsWith("F8:F0:30"));
    assertEquals("a", o.audioMid());
    assertEquals(111, o.audioPt());
    assertEquals("v", o.videoMid());
    assertEquals(96, o.videoPt());
  }

  @Test
  void answersAsIceLiteDtlsClientWithOneHostCandidate() {
    String answer =
        JanusOffer.parse(OFFER).answer(VIEWER, new InetSocketAddress("10.77.0.1", 40000));
    assertTrue(answer.contains("a=group:BUNDLE a v\r\n"));
    assertTrue(answer.contains("a=ice-lite\r\n"));
    assertTrue(answer.contains("m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n"));
    assertTrue(answer.contains("m=video 40000 UDP/TLS/RTP/SAVPF 96\r\n"));
    assertEquals(2, answer.split("a=setup:active\r\n", -1).length - 1);
    assertEquals(2, answer.split("a=recvonly\r\n", -1).length - 1);
    assertTrue(answer.contains("a=ice-ufrag:vwUfrag1\r\na=ice-pwd:viewerPasswordOf24chars!\r\n"));
    assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 10.77.0.1 40000 typ host\r\n"));
    assertTrue(!answer.contains("extmap"), "no header extensions negotiated");
  }

  @Test
  void refusesOffersWithoutVp8() {
    assertThrows(
        IllegalArgumentException.class,
        () -> JanusOffer.parse(OFFER.replace("VP8/90000", "H264/90000")));
  }

  @Test
  void findsPayloadAfterCsrcsAndHeaderExtensions() {
    byte[] plain = new byte[40];
    plain[0] = (byte) 0x80;
    assertEquals(12, ViewerPool.payloadOffset(plain, 40));
    byte[] extended = new byte[40];
    extended[0] = (byte) 0x91; // X=1, one CSRC
    extended[16] = (byte) 0xBE; // RFC 8285 one-byte header block of 2 words
    extended[17] = (byte) 0xDE;
    extended[19] = 2;
    assertEquals(12 + 4 + 4 + 8, ViewerPool.payloadOffset(extended, 40));
    assertEquals(-1, ViewerPool.payloadOffset(extended, 18));
  }

  @Test
  void comparesUpcastWithJanus() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode upcast = json.createObjectNode();
    upcast
        .putArray("steps")
        .addObject()
        .put("name", "step 1")
        .put("viewers", 10)
        .put("receivedPacketsPerSecond", 2000.0)
        .put("serverCpuMicrosPerReceivedPacket", 5.0)
        .put("serverRssBytesPerViewer", 2048)
        .put("firstFrameP50Millis", 100);
    ObjectNode janus = json.createObjectNode();
    janus
        .putArray("steps")
        .addObject()
        .put("name", "step 1")
        .put("viewers", 10)
        .put("receivedPacketsPerSecond", 1000.0)
        .put("serverCpuMicrosPerReceivedPacket", 20.0)
        .put("serverRssBytesPerViewer", 1024)
        .put("firstFrameP50Millis", -1);
    ObjectNode c = Comparison.compare(upcast, janus);
    var step = c.path("steps").get(0);
    assertEquals(
        2.0, step.path("metrics").path("receivedPacketsPerSecond").path("ratio").asDouble());
    assertEquals(
        2.0, step.path("metrics").path("serverRssBytesPerViewer").path("upcast").asDouble());
    assertEquals(-1, step.path("metrics").path("firstFrameP50Millis").path("ratio").asDouble());
    assertEquals(4.0, step.path("packetsPerCpuSecondRatio").asDouble());
    System.out.println(Comparison.table(c));
  }
}
