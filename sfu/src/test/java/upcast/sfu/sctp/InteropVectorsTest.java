package upcast.sfu.sctp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packets produced by other SCTP stacks (a browser INIT as captured by Wireshark, and a SACK packet
 * serialized by WebRTC's dcsctp), so our checksum, parsers and handshake agree with theirs.
 */
class InteropVectorsTest {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  /** A browser's INIT: ECN, Forward-TSN-Supported, Supported Extensions, AUTH parameters. */
  static final byte[] BROWSER_INIT =
      bytes(
          0x13, 0x88, 0x13, 0x88, 0x00, 0x00, 0x00, 0x00, 0xaa, 0x01, 0x9d, 0x33, 0x01, 0x00, 0x00,
          0x5a, 0x0e, 0xdd, 0xca, 0x08, 0x00, 0x02, 0x00, 0x00, 0x03, 0xe8, 0x03, 0xe8, 0x55, 0x08,
          0x36, 0x37, 0x80, 0x00, 0x00, 0x04, 0xc0, 0x00, 0x00, 0x04, 0x80, 0x08, 0x00, 0x09, 0xc0,
          0x0f, 0xc1, 0x80, 0x82, 0x00, 0x00, 0x00, 0x80, 0x02, 0x00, 0x24, 0xc5, 0xa8, 0x61, 0x55,
          0x09, 0x0e, 0x6f, 0x42, 0x00, 0x50, 0x63, 0x4c, 0xc8, 0xd6, 0xb9, 0x08, 0xdf, 0xd5, 0x3e,
          0x17, 0xc9, 0x9c, 0xb1, 0x43, 0x28, 0x4e, 0xaf, 0x64, 0x68, 0x2a, 0xc2, 0x97, 0x80, 0x04,
          0x00, 0x06, 0x00, 0x01, 0x00, 0x00, 0x80, 0x03, 0x00, 0x06, 0x80, 0xc1, 0x00, 0x00);

  @Test
  void browserInitParses() {
    SctpPacket p = SctpPacket.parse(BROWSER_INIT, 0, BROWSER_INIT.length);
    assertNotNull(p, "checksum and layout accepted");
    InitChunk init = InitChunk.parse(p.chunks().get(0));
    assertNotNull(init);
    assertEquals(0x0eddca08, init.initiateTag());
    assertEquals(131072, init.advertisedWindow());
    assertEquals(1000, init.outboundStreams());
    assertEquals(1000, init.inboundStreams());
    assertEquals(1426601527, init.initialTsn());
    assertTrue(init.peerSupportsReconfig());
    // Only Forward-TSN-Supported (0xC000) asks to be reported; ECN and AUTH params are skipped.
    assertEquals(1, init.unrecognized().size());
    assertArrayEquals(bytes(0xc0, 0, 0, 4), init.unrecognized().get(0));
  }

  @Test
  void dcsctpSackPacketVerifiesAndParses() {
    byte[] p =
        bytes(
            0x13, 0x88, 0x13, 0x88, 0x12, 0x34, 0x56, 0x78, 0x07, 0xe8, 0x38, 0x77, 0x03, 0x00,
            0x00, 0x10, 0x00, 0x00, 0x03, 0xe7, 0x00, 0x00, 0x01, 0xc8, 0x00, 0x00, 0x00, 0x00);
    SctpPacket pkt = SctpPacket.parse(p, 0, p.length);
    assertNotNull(pkt);
    SackChunk s = SackChunk.parse(pkt.chunks().get(0));
    assertNotNull(s);
    assertEquals(999, s.cumulativeTsnAck());
    assertEquals(456, s.advertisedWindow());
    // And we write the same bytes for the same SACK.
    ReceivedTsnTracker t = new ReceivedTsnTracker(1000);
    PacketWriter w = new PacketWriter(1200);
    w.begin(5000, 5000, 0x12345678);
    t.writeSack(w, 456);
    assertArrayEquals(p, Arrays.copyOf(w.buffer(), w.finish()));
  }

  @Test
  void browserInitGetsAnInitAckWithCookieAndReport() {
    List<byte[]> out = new ArrayList<>();
    FakeTimers timers = new FakeTimers();
    SctpAssociation server =
        new SctpAssociation(
            SctpConfig.defaults(false, new StateCookieSigner()),
            (b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)),
            timers,
            null,
            null,
            null);
    server.handlePacket(BROWSER_INIT, 0, BROWSER_INIT.length);
    assertEquals(1, out.size());
    SctpPacket ack = SctpPacket.parse(out.get(0), 0, out.get(0).length);
    assertNotNull(ack);
    assertEquals(0x0eddca08, ack.verificationTag(), "INIT ACK carries the INIT's Initiate Tag");
    assertEquals(ChunkType.INIT_ACK, ack.chunks().get(0).type());
    InitChunk ia = InitChunk.parse(ack.chunks().get(0));
    assertNotNull(ia);
    assertNotNull(ia.cookie());
    assertEquals(StateCookieSigner.COOKIE_LENGTH, ia.cookie().length);
    assertTrue(ia.peerSupportsReconfig());
    assertEquals(SctpState.CLOSED, server.state(), "no state kept before COOKIE ECHO (§5.1.3)");
    // The Unrecognized Parameter (type 8) wraps 0xC000.
    byte[] raw = out.get(0);
    boolean found = false;
    for (int i = 12 + 20; i + 8 <= raw.length; i += 4) {
      if (Bytes.u16(raw, i) == 8 && Bytes.u16(raw, i + 2) == 8 && Bytes.u16(raw, i + 4) == 0xC000) {
        found = true;
      }
    }
    assertTrue(found, "unrecognized parameter reported");
  }
}
