package upcast.sfu.sdp;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Offer parsing, codec choice and answers against a Chromium-style offer (RFC 8866, 8829). */
class OfferParserTest {
  static String fixture(String name) throws IOException {
    try (InputStream in = OfferParserTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesAChromiumPublisherOffer() throws Exception {
    Offer o = OfferParser.parse(fixture("chrome-publisher-offer.sdp"));
    assertEquals("8hhY", o.iceUfrag());
    assertEquals("asd88fgpdd777uzjYhagZg4+", o.icePassword());
    assertEquals("sha-256", o.fingerprintAlgorithm());
    assertTrue(o.fingerprint().startsWith("D2:FA:0E"));
    assertEquals("actpass", o.setup());
    assertEquals(List.of("0", "1"), o.bundleMids());
    MediaSection audio = o.media().get(0);
    MediaSection video = o.media().get(1);
    assertEquals("audio", audio.kind());
    assertTrue(audio.sends());
    assertTrue(audio.rtcpMux());
    assertEquals(List.of(1001L), audio.ssrcs());
    assertEquals(List.of(2002L), video.ssrcs(), "the RTX SSRC of the FID group is left out");
    assertEquals(4, video.extensionId("urn:ietf:params:rtp-hdrext:sdes:mid"));
    assertEquals(15, video.codecs().size());
  }

  @Test
  void choosesOpusAndVp8WithOnlyTheFeedbackWeProduce() throws Exception {
    Offer o = OfferParser.parse(fixture("chrome-publisher-offer.sdp"));
    Codec opus = CodecChoice.audio(o.media().get(0));
    assertNotNull(opus);
    assertEquals(111, opus.payloadType());
    assertEquals("minptime=10;useinbandfec=1", opus.fmtp());
    assertTrue(opus.feedback().isEmpty(), "no transport-cc for audio");
    Codec vp8 = CodecChoice.publisherVideo(o.media().get(1));
    assertNotNull(vp8);
    assertEquals(96, vp8.payloadType());
    assertEquals(Set.of("ccm fir", "nack pli"), Set.copyOf(vp8.feedback()));
  }

  @Test
  void choosesConstrainedBaselineH264WhenVp8IsNotOffered() throws Exception {
    String offer = fixture("chrome-publisher-offer.sdp").replace("VP8/90000", "VP7/90000");
    Codec h264 = CodecChoice.publisherVideo(OfferParser.parse(offer).media().get(1));
    assertNotNull(h264);
    assertEquals(106, h264.payloadType());
    assertEquals("1", h264.fmtpParameter("packetization-mode"));
    assertEquals("42e01f", h264.fmtpParameter("profile-level-id"));
  }

  @Test
  void mapsTheBroadcastCodecToTheViewersPayloadTypes() throws Exception {
    Offer pub = OfferParser.parse(fixture("chrome-publisher-offer.sdp"));
    Offer viewer = OfferParser.parse(fixture("viewer-offer.sdp"));
    Codec vp8 = CodecChoice.publisherVideo(pub.media().get(1));
    assertNotNull(vp8);
    assertEquals(
        120, requireNonNull(CodecChoice.viewerVideo(viewer.media().get(1), vp8)).payloadType());
    assertEquals(109, requireNonNull(CodecChoice.audio(viewer.media().get(0))).payloadType());
    String noVp8 = fixture("viewer-offer.sdp").replace("VP8/90000", "VP9/90000");
    assertNull(CodecChoice.viewerVideo(OfferParser.parse(noVp8).media().get(1), vp8));
  }

  @Test
  void answersParseBackAndCarryIceLiteDtlsAndSsrcs() throws Exception {
    Offer viewer = OfferParser.parse(fixture("viewer-offer.sdp"));
    Codec opus = CodecChoice.audio(viewer.media().get(0));
    assertNotNull(opus);
    String answer =
        AnswerBuilder.build(
            "ufrag123",
            "password-password-pass",
            "sha-256",
            "AB:CD",
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 10000)),
            List.of(
                new AnswerBuilder.Accepted(
                    viewer.media().get(0), opus, "sendonly", List.of(), List.of(1001L), "s", "s-a"),
                new AnswerBuilder.Rejected(viewer.media().get(1))));
    assertTrue(answer.contains("a=ice-lite\r\n"));
    assertTrue(answer.contains("a=setup:passive\r\n"));
    assertTrue(answer.contains("a=group:BUNDLE a\r\n"));
    assertTrue(answer.contains("a=ssrc:1001 cname:s\r\n"));
    assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host\r\n"));
    assertTrue(answer.contains("m=video 0 "), "rejected section has port 0");
    assertTrue(!answer.contains("transport-cc"));
    Offer parsed = OfferParser.parse(answer);
    assertEquals("ufrag123", parsed.iceUfrag());
    assertEquals(109, parsed.media().get(0).codecs().get(0).payloadType());
    assertEquals("sendonly", parsed.media().get(0).direction());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty",
        "x=1|v=0",
        "v=0~nonsense|line 2",
        "v=0~m=audio|m= needs",
        "v=0~m=audio x UDP 111|bad port",
        "v=0~m=audio 9 UDP 111~a=rtpmap:abc opus/48000|bad payload type",
        "v=0~m=audio 9 UDP 111~a=rtpmap:111 opus/x|bad a=rtpmap",
        "v=0~m=audio 9 UDP 111~a=ssrc:99999999999 cname:x|SSRC out of range",
        "v=0~m=audio 9 UDP 111~a=rtpmap:111 opus/48000/2|ice-ufrag",
        "v=0~a=ice-ufrag:a~a=ice-pwd:b~m=audio 9 UDP 111|fingerprint",
        "v=0~a=ice-ufrag:a~a=ice-pwd:b~a=fingerprint:sha-256 zz~m=audio 9 UDP 111|fingerprint",
        "v=0~m=audio 9 UDP 111~a=extmap:300 urn:x|out of range",
      })
  void malformedOffersGetAHelpfulError(String sdp, String expected) {
    String offer = sdp.replace('~', '\n');
    MalformedOfferException e =
        assertThrows(MalformedOfferException.class, () -> OfferParser.parse(offer));
    assertTrue(
        String.valueOf(e.getMessage()).contains(expected),
        "'" + e.getMessage() + "' mentions '" + expected + "'");
  }

  @Test
  void mutatedOffersOnlyEverParseOrThrowMalformedOfferException() throws Exception {
    List<String> lines = Arrays.asList(fixture("chrome-publisher-offer.sdp").split("\r\n"));
    Random random = new Random(1234);
    for (int i = 0; i < 20_000; i++) {
      List<String> m = new ArrayList<>(lines);
      for (int k = 0; k < 3; k++) {
        int at = random.nextInt(m.size());
        switch (random.nextInt(4)) {
          case 0 -> m.remove(at);
          case 1 -> m.add(at, m.get(random.nextInt(m.size())));
          case 2 -> m.set(at, m.get(at).substring(0, random.nextInt(m.get(at).length() + 1)));
          default -> {
            char[] c = m.get(at).toCharArray();
            if (c.length > 0) {
              c[random.nextInt(c.length)] = (char) (32 + random.nextInt(95));
            }
            m.set(at, new String(c));
          }
        }
      }
      try {
        assertNotNull(OfferParser.parse(String.join("\r\n", m)));
      } catch (MalformedOfferException expected) {
        // a clear refusal is fine
      }
    }
  }
}
