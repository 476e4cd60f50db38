package upcast.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RTCP compound walking (RFC 3550 §6.1) and the feedback messages we write. */
class RtcpTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void walksACompoundSenderReportAndSdes() {
    byte[] compound =
        HEX.parseHex(
            // SR, RC=0, length 6: SSRC, NTP msw/lsw, RTP ts, packet count, octet count
            "80c8000611223344"
                + "aabbccdd"
                + "eeff0011"
                + "00000064"
                + "00000010"
                + "00000200"
                // SDES, SC=1, length 3: SSRC, CNAME "ab", end, padding
                + "81ca000311223344"
                + "0102616200000000");
    int p = 0;
    int end = compound.length;
    int q = Rtcp.next(compound, p, end);
    assertEquals(28, q);
    assertEquals(Rtcp.SR, Rtcp.packetType(compound, p));
    assertEquals(0x11223344L, Rtcp.senderSsrc(compound, p));
    assertEquals(0xccddeeffL, Rtcp.srCompactNtp(compound, p));
    assertEquals(Rtcp.SDES, Rtcp.packetType(compound, q));
    assertEquals(end, Rtcp.next(compound, q, end));
    assertEquals(-1, Rtcp.next(compound, 0, 20), "truncated");
    assertEquals(-1, Rtcp.next(new byte[] {0, 0, 0, 0}, 0, 4), "version 0");
  }

  @Test
  void writesPliPerRfc4585() {
    byte[] b = new byte[12];
    assertEquals(12, Rtcp.writePli(b, 0, 0x01020304L, 0x0A0B0C0DL));
    assertEquals("81ce0002010203040a0b0c0d", HEX.formatHex(b));
  }

  @Test
  void writesFirPerRfc5104() {
    byte[] b = new byte[20];
    assertEquals(20, Rtcp.writeFir(b, 0, 0x01020304L, 0x0A0B0C0DL, 7));
    assertEquals("84ce000401020304000000000a0b0c0d07000000", HEX.formatHex(b));
  }

  @Test
  void writesReceiverReportPerRfc3550() {
    byte[] b = new byte[32];
    assertEquals(
        32, Rtcp.writeReceiverReport(b, 0, 1, 2, 0x10, 5, 0x00010020L, 3, 0x44556677L, 0x100));
    assertEquals(
        "81c90007"
            + "00000001"
            + "00000002"
            + "10000005"
            + "00010020"
            + "00000003"
            + "44556677"
            + "00000100",
        HEX.formatHex(b));
  }
}
