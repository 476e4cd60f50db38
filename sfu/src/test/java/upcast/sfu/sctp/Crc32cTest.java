package upcast.sfu.sctp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CRC32c vectors of RFC 3720 Appendix B.4, and the checksum's byte order in the SCTP header. */
class Crc32cTest {
  @Test
  void rfc3720Vectors() {
    byte[] zeros = new byte[32];
    assertEquals(0x8A9136AA, Crc32c.plain(zeros, 0, 32));
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xFF);
    assertEquals(0x62A8AB43, Crc32c.plain(ones, 0, 32));
    byte[] inc = new byte[32];
    byte[] dec = new byte[32];
    for (int i = 0; i < 32; i++) {
      inc[i] = (byte) i;
      dec[i] = (byte) (31 - i);
    }
    assertEquals(0x46DD794E, Crc32c.plain(inc, 0, 32));
    assertEquals(0x113FDB5C, Crc32c.plain(dec, 0, 32));
  }

  @Test
  void checksumIsStoredLeastSignificantByteFirst() {
    // A header-only packet, ports 5000/5000, tag 0, as produced by other stacks: 06 a9 00 e1.
    byte[] header = {
      0x13, (byte) 0x88, 0x13, (byte) 0x88, 0, 0, 0, 0, 0x06, (byte) 0xa9, 0x00, (byte) 0xe1
    };
    assertTrue(Crc32c.verify(header, 0, header.length));
    assertEquals(0xE100A906, Crc32c.compute(header, 0, header.length));
  }

  @Test
  void independentInitPacketVerifies() {
    // An INIT built and checksummed by scapy (not by this code): checksum bytes 16 de 25 9a.
    byte[] p = {
      0x13,
      (byte) 0x88,
      0x13,
      (byte) 0x88,
      0x00,
      0x00,
      0x00,
      0x00,
      0x16,
      (byte) 0xde,
      0x25,
      (byte) 0x9a,
      0x01,
      0x00,
      0x00,
      0x14,
      0x12,
      0x34,
      0x56,
      0x78,
      0x00,
      0x01,
      (byte) 0xa0,
      0x00,
      0x04,
      0x00,
      0x04,
      0x00,
      0x00,
      0x00,
      0x10,
      0x00,
    };
    assertTrue(Crc32c.verify(p, 0, p.length));
    byte[] copy = p.clone();
    Crc32c.write(copy, 0, copy.length);
    assertEquals(java.util.Arrays.toString(p), java.util.Arrays.toString(copy));
    copy[20] ^= 1;
    assertFalse(Crc32c.verify(copy, 0, copy.length));
  }
}
