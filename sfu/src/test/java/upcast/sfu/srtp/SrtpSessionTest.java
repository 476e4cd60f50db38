package upcast.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SRTP through our wrapper of jitsi-srtp. The AES-CM profile is checked byte for byte against a
 * reference built here from the RFC 3711 text (key derivation §4.3, checked with the Appendix B.3
 * vectors; AES-CM §4.1.1; HMAC-SHA1 §4.2); both profiles are checked for round trips, tampering and
 * replay. AES-GCM interop with a real browser is covered by the Chromium tests.
 */
class SrtpSessionTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 3711 Appendix B.3. */
  private static final byte[] MASTER_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");

  private static final byte[] MASTER_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");

  @Test
  void referenceKeyDerivationMatchesRfc3711AppendixB3() throws Exception {
    assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(kdf(0, 16)));
    assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(kdf(2, 14)));
    assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", HEX.formatHex(kdf(1, 20)));
  }

  @Test
  void aesCmProtectMatchesTheRfc3711Reference() throws Exception {
    SrtpSession sender =
        new SrtpSession(
            SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT, MASTER_KEY, MASTER_SALT);
    byte[] plain = rtp(4711, 0xCAFEBABEL, "hello srtp payload".getBytes());
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    int n = sender.protectRtp(buf, 0, plain.length);
    assertEquals(plain.length + 10, n, "an 80-bit tag is appended");
    assertArrayEquals(referenceAesCm(plain, 4711, 0xCAFEBABEL), Arrays.copyOf(buf, n));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripTamperAndReplay(SrtpProfile profile) {
    byte[] material = new byte[2 * (profile.keyLength + profile.saltLength)];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) (i * 7 + 3);
    }
    SrtpSession server = SrtpSession.fromKeyingMaterial(profile, material, true);
    SrtpSession client = SrtpSession.fromKeyingMaterial(profile, material, false);
    byte[] plain = rtp(1, 0x01020304L, new byte[] {10, 20, 30, 40, 50});
    byte[] buf = Arrays.copyOf(plain, plain.length + 64);
    int n = server.protectRtp(buf, 0, plain.length);
    assertTrue(n > plain.length);
    byte[] wire = Arrays.copyOf(buf, n);

    byte[] tampered = Arrays.copyOf(wire, wire.length + 64);
    tampered[14] ^= 1;
    assertEquals(-1, client.unprotectRtp(tampered, 0, n), "tampered payload is refused");

    byte[] ok = Arrays.copyOf(wire, wire.length + 64);
    assertEquals(plain.length, client.unprotectRtp(ok, 0, n));
    assertArrayEquals(plain, Arrays.copyOf(ok, plain.length));

    byte[] replay = Arrays.copyOf(wire, wire.length + 64);
    assertEquals(-1, client.unprotectRtp(replay, 0, n), "replayed packet is refused");

    byte[] rtcp = {
      (byte) 0x81,
      (byte) 201,
      0,
      7,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0
    };
    byte[] rbuf = Arrays.copyOf(rtcp, rtcp.length + 64);
    int rn = client.protectRtcp(rbuf, 0, rtcp.length);
    assertTrue(rn > rtcp.length);
    assertEquals(rtcp.length, server.unprotectRtcp(rbuf, 0, rn));
    assertArrayEquals(rtcp, Arrays.copyOf(rbuf, rtcp.length));

    assertEquals(-1, client.unprotectRtp(new byte[8], 0, 8), "too short");
  }

  private static byte[] rtp(int seq, long ssrc, byte[] payload) {
    byte[] p = new byte[12 + payload.length];
    p[0] = (byte) 0x80;
    p[1] = 96;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[4] = 0x12;
    p[5] = 0x34;
    p[6] = 0x56;
    p[7] = 0x78;
    p[8] = (byte) (ssrc >> 24);
    p[9] = (byte) (ssrc >> 16);
    p[10] = (byte) (ssrc >> 8);
    p[11] = (byte) ssrc;
    System.arraycopy(payload, 0, p, 12, payload.length);
    return p;
  }

  /**
   * RFC 3711 §4.3.1/§4.3.3: AES-CM PRF keyed by the master key, index 0, no key derivation rate.
   */
  private static byte[] kdf(int label, int length) throws Exception {
    byte[] iv = new byte[16];
    System.arraycopy(MASTER_SALT, 0, iv, 0, 14);
    iv[7] ^= (byte) label; // key_id = label || index(48 bits) aligned with the 112-bit salt
    return aesCtr(MASTER_KEY, iv, new byte[length]);
  }

  /** RFC 3711 §3.1, §4.1.1 and §4.2 for AES_CM_128_HMAC_SHA1_80, ROC 0. */
  private static byte[] referenceAesCm(byte[] plain, int seq, long ssrc) throws Exception {
    byte[] key = kdf(0, 16);
    byte[] authKey = kdf(1, 20);
    byte[] salt = kdf(2, 14);
    byte[] iv = new byte[16];
    System.arraycopy(salt, 0, iv, 0, 14);
    for (int i = 0; i < 4; i++) {
      iv[4 + i] ^= (byte) (ssrc >> (24 - 8 * i));
    }
    iv[12] ^= (byte) (seq >> 8); // index = ROC(0) || SEQ, shifted left 16 bits
    iv[13] ^= (byte) seq;
    byte[] out = Arrays.copyOf(plain, plain.length + 10);
    byte[] enc = aesCtr(key, iv, Arrays.copyOfRange(plain, 12, plain.length));
    System.arraycopy(enc, 0, out, 12, enc.length);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
    mac.update(out, 0, plain.length);
    mac.update(new byte[4]); // ROC
    System.arraycopy(mac.doFinal(), 0, out, plain.length, 10);
    return out;
  }

  private static byte[] aesCtr(byte[] key, byte[] iv, byte[] data) throws Exception {
    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    return c.doFinal(data);
  }
}
