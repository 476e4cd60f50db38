package upcast.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rebuilding header extension blocks for another receiver's ids (RFC 8285). */
class HeaderExtensionsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] NO_IDS = new byte[256];

  @Test
  void replacesTheMidAndDropsWhatTheViewerDidNotNegotiate() {
    // RtpTest.PACKET: CSRC, one-byte block with id 1 [AA BB] and id 3 [CC DD EE], payload, padding.
    byte[] out = new byte[100];
    byte[] ids = new byte[256];
    ids[3] = 7;
    int n =
        HeaderExtensions.copy(
            RtpTest.PACKET,
            0,
            RtpTest.PACKET.length,
            out,
            0,
            ids,
            9,
            "v1".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        "b1e01234deadbeef01020304"
            + "0a0b0c0d"
            + "bede0002"
            + "917631" // id 9 len 2 "v1"
            + "72ccddee" // id 3 → 7, id 1 left out
            + "00" // padding to a word
            + "010203"
            + "0002",
        HEX.formatHex(out, 0, n));
    assertEquals(3, Rtp.payloadLength(out, 0, n));
    assertEquals(-1, Rtp.findExtension(out, 0, n, 1));
    assertEquals(24, Rtp.findExtension(out, 0, n, 7));
  }

  @Test
  void clearsTheExtensionBitWhenNothingIsLeft() {
    byte[] out = new byte[100];
    int n =
        HeaderExtensions.copy(RtpTest.PACKET, 0, RtpTest.PACKET.length, out, 0, NO_IDS, 0, null);
    assertEquals(
        "a1e01234deadbeef01020304" + "0a0b0c0d" + "010203" + "0002", HEX.formatHex(out, 0, n));
    assertEquals(0x1234, Rtp.sequenceNumber(out, 0));
  }

  @Test
  void addsAMidToAPacketWithoutExtensionsAndReadsTwoByteSources() {
    byte[] plain = HEX.parseHex("806000010000000a0000000b" + "ffee");
    byte[] out = new byte[100];
    int n = HeaderExtensions.copy(plain, 0, plain.length, out, 0, NO_IDS, 4, new byte[] {'0'});
    assertEquals(
        "906000010000000a0000000b" + "bede0001" + "40300000" + "ffee", HEX.formatHex(out, 0, n));
    // RFC 8285 §4.3 two-byte source: id 5 len 0 (not representable one-byte: left out), id 200 len
    // 2.
    byte[] twoByte =
        HEX.parseHex("900000010000000000000001" + "10000002" + "0500c80201020000" + "ff");
    byte[] ids = new byte[256];
    ids[200] = 2;
    ids[5] = 3;
    n = HeaderExtensions.copy(twoByte, 0, twoByte.length, out, 0, ids, 0, null);
    assertEquals(
        "900000010000000000000001" + "bede0001" + "21010200" + "ff", HEX.formatHex(out, 0, n));
  }

  @Test
  void malformedAndTruncatedInputNeverThrows() {
    byte[] out = new byte[4096];
    byte[] ids = new byte[256];
    Arrays.fill(ids, (byte) 5);
    for (int len = 0; len < RtpTest.PACKET.length; len++) {
      int n = HeaderExtensions.copy(RtpTest.PACKET, 0, len, out, 0, ids, 1, new byte[] {1});
      assertTrue(n == -1 || Rtp.isValid(out, 0, n), "length " + len);
    }
    assertEquals(
        -1,
        HeaderExtensions.copy(
            RtpTest.PACKET, 0, RtpTest.PACKET.length, new byte[20], 0, ids, 0, null),
        "small destination");
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] p = new byte[12 + random.nextInt(60)];
      random.nextBytes(p);
      p[0] = (byte) (0x90 | (p[0] & 0x2F));
      int n =
          HeaderExtensions.copy(
              p, 0, p.length, out, 0, ids, 1 + random.nextInt(14), new byte[] {1, 2});
      if (n >= 0) {
        assertTrue(Rtp.isValid(out, 0, n));
        assertFalse(n > p.length + HeaderExtensions.MAX_GROWTH);
      }
    }
  }
}
