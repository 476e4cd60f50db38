package upcast.sfu.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** STUN reading and writing against the RFC 5769 test vectors. */
class StunTest {
  private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

  /** RFC 5769 §2.1: sample request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MI, FP. */
  static final byte[] REQUEST =
      hex(
          "000100582112a442b7e7a701bc34d686fa87dfae"
              + "802200105354554e207465737420636c69656e74"
              + "002400046e0001ff"
              + "80290008932ff9b151263b36"
              + "000600096576746a3a68367659202020"
              + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
              + "80280004e57a3bcf");

  /** RFC 5769 §2.2: sample IPv4 response (XOR-MAPPED-ADDRESS 192.0.2.1:32853). */
  static final byte[] RESPONSE_V4 =
      hex(
          "0101003c2112a442b7e7a701bc34d686fa87dfae"
              + "8022000b7465737420766563746f7220"
              + "002000080001a147e112a643"
              + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
              + "80280004c07d4c96");

  /**
   * RFC 5769 §2.3: sample IPv6 response (XOR-MAPPED-ADDRESS
   * [2001:db8:1234:5678:11:2233:4455:6677]:32853).
   */
  static final byte[] RESPONSE_V6 =
      hex(
          "010100482112a442b7e7a701bc34d686fa87dfae"
              + "8022000b7465737420766563746f7220"
              + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
              + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41"
              + "80280004c8fb0b4c");

  @Test
  void rfc5769SampleRequestVerifies() {
    assertTrue(Stun.looksLikeStun(REQUEST, 0, REQUEST.length));
    assertEquals(Stun.BINDING_REQUEST, Stun.type(REQUEST, 0));
    assertEquals("evtj:h6vY", Stun.username(REQUEST, 0, REQUEST.length));
    assertTrue(Stun.verifyFingerprint(REQUEST, 0, REQUEST.length));
    assertTrue(Stun.verifyIntegrity(REQUEST, 0, REQUEST.length, PASSWORD));
    assertFalse(
        Stun.verifyIntegrity(REQUEST, 0, REQUEST.length, "wrong".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rfc5769SampleResponsesVerifyAndCarryTheMappedAddress() throws Exception {
    assertTrue(Stun.verifyFingerprint(RESPONSE_V4, 0, RESPONSE_V4.length));
    assertTrue(Stun.verifyIntegrity(RESPONSE_V4, 0, RESPONSE_V4.length, PASSWORD));
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853),
        Stun.xorMappedAddress(RESPONSE_V4, 0, RESPONSE_V4.length));
    assertTrue(Stun.verifyFingerprint(RESPONSE_V6, 0, RESPONSE_V6.length));
    assertTrue(Stun.verifyIntegrity(RESPONSE_V6, 0, RESPONSE_V6.length, PASSWORD));
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
        Stun.xorMappedAddress(RESPONSE_V6, 0, RESPONSE_V6.length));
  }

  @Test
  void anyFlippedBitBreaksIntegrityOrFingerprint() {
    for (int i = Stun.HEADER; i < REQUEST.length; i++) {
      byte[] tampered = REQUEST.clone();
      tampered[i] ^= 0x01;
      boolean both =
          Stun.verifyFingerprint(tampered, 0, tampered.length)
              && Stun.verifyIntegrity(tampered, 0, tampered.length, PASSWORD);
      assertFalse(both, "bit flip at byte " + i + " went unnoticed");
    }
  }

  @Test
  void writtenResponsesVerifyWithTheSameRules() throws Exception {
    InetSocketAddress peer =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 54321);
    byte[] response =
        new Stun.Writer(Stun.BINDING_SUCCESS, REQUEST, 8)
            .xorMappedAddress(peer)
            .integrity(PASSWORD)
            .fingerprintAndBuild();
    assertTrue(Stun.looksLikeStun(response, 0, response.length));
    assertEquals(Stun.BINDING_SUCCESS, Stun.type(response, 0));
    assertTrue(Stun.verifyIntegrity(response, 0, response.length, PASSWORD));
    assertTrue(Stun.verifyFingerprint(response, 0, response.length));
    assertEquals(peer, Stun.xorMappedAddress(response, 0, response.length));
  }

  @Test
  void truncatedAndRandomInputNeverThrows() {
    for (int len = 0; len < REQUEST.length; len++) {
      if (Stun.looksLikeStun(REQUEST, 0, len)) {
        Stun.username(REQUEST, 0, len);
        Stun.verifyFingerprint(REQUEST, 0, len);
        Stun.verifyIntegrity(REQUEST, 0, len, PASSWORD);
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = REQUEST.clone();
      for (int k = 0; k < 4; k++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt();
      }
      int len = random.nextInt(b.length + 1);
      if (Stun.looksLikeStun(b, 0, len)) {
        Stun.username(b, 0, len);
        Stun.verifyFingerprint(b, 0, len);
        Stun.verifyIntegrity(b, 0, len, PASSWORD);
        Stun.xorMappedAddress(b, 0, len);
      }
    }
    assertNull(Stun.username(new byte[20], 0, 20));
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
