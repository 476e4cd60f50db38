package upcast.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RTP header views (RFC 3550 §5.1) and header extensions (RFC 8285). */
class RtpTest {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * V=2, P=1, X=1, CC=1, M=1, PT=96, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304, one CSRC, one-byte
   * extension block (0xBEDE, 2 words): id 1 len 1 [AA BB], id 3 len 2 [CC DD EE], pad; payload 3
   * bytes; 2 bytes padding.
   */
  static final byte[] PACKET =
      HEX.parseHex(
          "b1e01234deadbeef01020304"
              + "0a0b0c0d"
              + "bede0002"
              + "11aabb32ccddee00"
              + "010203"
              + "0002");

  @Test
  void readsTheFixedHeader() {
    assertTrue(Rtp.isValid(PACKET, 0, PACKET.length));
    assertEquals(96, Rtp.payloadType(PACKET, 0));
    assertTrue(Rtp.marker(PACKET, 0));
    assertEquals(0x1234, Rtp.sequenceNumber(PACKET, 0));
    assertEquals(0xDEADBEEFL, Rtp.timestamp(PACKET, 0));
    assertEquals(0x01020304L, Rtp.ssrc(PACKET, 0));
    assertEquals(12 + 4 + 4 + 8, Rtp.payloadOffset(PACKET, 0, PACKET.length));
    assertEquals(3, Rtp.payloadLength(PACKET, 0, PACKET.length), "padding excluded");
  }

  @Test
  void rewritesThePayloadTypeKeepingTheMarker() {
    byte[] p = PACKET.clone();
    Rtp.setPayloadType(p, 0, 120);
    assertEquals(120, Rtp.payloadType(p, 0));
    assertTrue(Rtp.marker(p, 0));
  }

  @Test
  void findsOneByteExtensions() {
    int a = Rtp.findExtension(PACKET, 0, PACKET.length, 1);
    assertEquals(21, a);
    assertEquals(2, Rtp.extensionLength(PACKET, 0, a));
    int c = Rtp.findExtension(PACKET, 0, PACKET.length, 3);
    assertEquals(24, c);
    assertEquals(3, Rtp.extensionLength(PACKET, 0, c));
    assertEquals(-1, Rtp.findExtension(PACKET, 0, PACKET.length, 2));
  }

  @Test
  void findsExtensionsInAPacketInsideALargerBuffer() {
    byte[] shifted = new byte[PACKET.length + 7];
    System.arraycopy(PACKET, 0, shifted, 7, PACKET.length);
    int c = Rtp.findExtension(shifted, 7, PACKET.length, 3);
    assertEquals(24, c);
    assertEquals(3, Rtp.extensionLength(shifted, 7, c));
    assertEquals(-1, Rtp.findExtension(shifted, 7, PACKET.length, 2));
  }

  @Test
  void findsTwoByteExtensions() {
    // RFC 8285 §4.3: profile 0x1000, id 5 len 0, id 200 len 2 [01 02], padding.
    byte[] p = HEX.parseHex("900000010000000000000001" + "10000002" + "0500c80201020000" + "ff");
    int e = Rtp.findExtension(p, 0, p.length, 200);
    assertEquals(20, e);
    assertEquals(2, Rtp.extensionLength(p, 0, e));
    assertEquals(18, Rtp.findExtension(p, 0, p.length, 5));
  }

  @Test
  void truncatedPacketsAreRejectedWithoutThrowing() {
    for (int len = 0; len < 12; len++) {
      assertFalse(Rtp.isValid(PACKET, 0, len), "length " + len);
    }
    for (int len = 12; len < PACKET.length; len++) {
      if (Rtp.isValid(PACKET, 0, len)) {
        Rtp.payloadLength(PACKET, 0, len);
        Rtp.findExtension(PACKET, 0, len, 1);
      }
    }
    assertFalse(Rtp.isValid(HEX.parseHex("b1e01234deadbeef01020304"), 0, 12), "CSRC missing");
  }
}
