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

  @Test
  void walksReceiverReportsFeedbackAndByeWithoutOverrunning() {
    byte[] compound =
        HEX.parseHex(
            // RR, RC=2, length 13: sender SSRC, two 24-byte report blocks about 0xA and 0xB
            "82c9000d00000001"
                + "0000000a"
                + "0".repeat(40)
                + "0000000b"
                + "0".repeat(40)
                // PSFB FMT=1 (PLI, RFC 4585 §6.3.1), length 2
                + "81ce0002000000010000000b"
                // RTPFB FMT=1 (generic NACK, §6.2.1), length 3: PID 0x0102, BLP 0x0003
                + "81cd0003000000010000000b01020003"
                // BYE, SC=1, length 1
                + "81cb000100000001");
    int end = compound.length;
    int p = 0;
    int q = Rtcp.next(compound, p, end);
    assertEquals(Rtcp.RR, Rtcp.packetType(compound, p));
    assertEquals(2, Rtcp.reportBlocks(compound, p, q));
    assertEquals(0xAL, Rtcp.reportBlockSource(compound, p, 0));
    assertEquals(0xBL, Rtcp.reportBlockSource(compound, p, 1));
    p = q;
    q = Rtcp.next(compound, p, end);
    assertEquals(Rtcp.PSFB, Rtcp.packetType(compound, p));
    assertEquals(Rtcp.FMT_PLI, Rtcp.countOrFormat(compound, p));
    assertEquals(0xBL, Rtcp.mediaSsrc(compound, p));
    p = q;
    q = Rtcp.next(compound, p, end);
    assertEquals(Rtcp.RTPFB, Rtcp.packetType(compound, p));
    assertEquals(1, Rtcp.countOrFormat(compound, p));
    p = q;
    q = Rtcp.next(compound, p, end);
    assertEquals(Rtcp.BYE, Rtcp.packetType(compound, p));
    assertEquals(end, q);
    // A report count larger than the packet holds is capped by the length, never overrun.
    byte[] lying = HEX.parseHex("9fc9000700000001" + "0000000a" + "0".repeat(40));
    assertEquals(1, Rtcp.reportBlocks(lying, 0, Rtcp.next(lying, 0, lying.length)));
    assertEquals(0, Rtcp.reportBlocks(compound, 56, 68), "not a report");
    for (int len = 0; len < compound.length; len++) {
      for (int at = 0, next; at < len && (next = Rtcp.next(compound, at, len)) > 0; at = next) {
        Rtcp.reportBlocks(compound, at, next);
      }
    }
  }
}
