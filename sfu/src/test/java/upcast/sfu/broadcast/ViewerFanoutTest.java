package upcast.sfu.broadcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import upcast.sfu.api.PeerListener;
import upcast.sfu.rtp.Rtp;
import upcast.sfu.sdp.Codec;

/** The fan-out routine: per-viewer payload types, MID, the keyframe gate, and drops. */
class ViewerFanoutTest {
  private static final HexFormat HEX = HexFormat.of();
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final ViewerFanout fanout = new ViewerFanout(forwarded, dropped);
  private final Track audio =
      new Track(0, "audio", new Codec(111, "opus", 48000, 2, null, List.of()), 1);
  private final Track video =
      new Track(1, "video", new Codec(96, "VP8", 90000, 1, null, List.of("nack pli")), 2);

  private Viewer viewer(int opusPt, int vp8Pt) {
    Viewer v = new Viewer("v", PeerListener.NONE, 2);
    v.payloadTypes[111] = (byte) opusPt;
    v.payloadTypes[96] = (byte) vp8Pt;
    v.transport = new FakeTransport();
    return v;
  }

  private static FakeTransport sent(Viewer v) {
    return (FakeTransport) v.transport;
  }

  /** Publisher RTP with a one-byte MID element (id 4, "1") and the given payload. */
  private static byte[] packet(int pt, int seq, long ssrc, String payloadHex) {
    return HEX.parseHex(
        String.format("90%02x%04x00001000%08x", pt, seq, ssrc)
            + "bede0001"
            + "40310000"
            + payloadHex);
  }

  @Test
  void eachViewerGetsItsPayloadTypeAndTheAudioAtOnce() {
    Viewer a = viewer(109, 120);
    Viewer b = viewer(111, 96);
    byte[] p = packet(111, 7, 1, "01020304");
    fanout.forwardRtp(new Viewer[] {a, b}, p, 0, p.length, audio, false);
    assertEquals(109, Rtp.payloadType(sent(a).rtp.get(0), 0));
    assertEquals(111, Rtp.payloadType(sent(b).rtp.get(0), 0));
    for (Viewer v : List.of(a, b)) {
      byte[] out = sent(v).rtp.get(0);
      assertEquals(7, Rtp.sequenceNumber(out, 0), "sequence number kept");
      assertEquals(0x1000L, Rtp.timestamp(out, 0), "timestamp kept");
      assertEquals(1L, Rtp.ssrc(out, 0), "SSRC kept");
      assertEquals(-1, Rtp.findExtension(out, 0, out.length, 4), "publisher's MID not copied");
      int payload = Rtp.payloadOffset(out, 0, out.length);
      assertArrayEquals(HEX.parseHex("01020304"), Arrays.copyOfRange(out, payload, out.length));
    }
    assertEquals(2, forwarded.sum());
  }

  @Test
  void videoWaitsForAKeyframeThenFlows() {
    Viewer v = viewer(109, 120);
    byte[] delta = packet(96, 1, 2, "1001aaaa"); // VP8 S=1, P=1 (interframe)
    byte[] key = packet(96, 2, 2, "1000bbbb");
    Viewer[] all = {v};
    fanout.forwardRtp(all, delta, 0, delta.length, video, false);
    assertEquals(0, sent(v).rtp.size(), "no delta frame before the keyframe");
    fanout.forwardRtp(all, key, 0, key.length, video, true);
    fanout.forwardRtp(all, delta, 0, delta.length, video, false);
    assertEquals(2, sent(v).rtp.size());
    assertEquals(2, Rtp.sequenceNumber(sent(v).rtp.get(0), 0), "starts at the keyframe");
    assertEquals(120, Rtp.payloadType(sent(v).rtp.get(0), 0));
  }

  @Test
  void writesTheViewersMidUntilItReportsOnTheSsrc() {
    Viewer v = viewer(109, 120);
    v.midIds[0] = 9;
    v.mids[0] = new byte[] {'a', '0'};
    byte[] p = packet(111, 1, 1, "05");
    fanout.forwardRtp(new Viewer[] {v}, p, 0, p.length, audio, false);
    byte[] out = sent(v).rtp.get(0);
    int mid = Rtp.findExtension(out, 0, out.length, 9);
    assertEquals(2, Rtp.extensionLength(out, 0, mid));
    assertEquals("a0", new String(out, mid, 2, java.nio.charset.StandardCharsets.US_ASCII));
    v.reported[0] = true;
    fanout.forwardRtp(new Viewer[] {v}, p, 0, p.length, audio, false);
    byte[] later = sent(v).rtp.get(1);
    assertEquals(0, later[0] & 0x10, "no extension block once the viewer maps the SSRC");
    assertEquals(13, later.length);
  }

  @Test
  void aViewerWhoseSendFailsIsCountedAndSkipped() {
    Viewer slow = viewer(109, 120);
    sent(slow).acceptSends = false;
    Viewer fine = viewer(109, 120);
    byte[] p = packet(111, 1, 1, "05");
    fanout.forwardRtp(new Viewer[] {slow, fine}, p, 0, p.length, audio, false);
    assertEquals(1, dropped.sum());
    assertEquals(1, forwarded.sum());
    byte[] huge = new byte[ViewerFanout.MAX_PACKET + 1];
    huge[0] = (byte) 0x80;
    fanout.forwardRtp(new Viewer[] {fine}, huge, 0, huge.length, audio, false);
    assertEquals(2, dropped.sum(), "oversized packets are dropped and counted");
  }
}
