package upcast.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SRTP through our wrapper of jitsi-srtp. The published vectors use session keys, while jitsi-srtp
 * derives them from master keys, so each profile is checked in two steps: a small reference built
 * here from the RFC text is checked against the RFC vectors (key derivation: RFC 3711 Appendix B.3;
 * AES-CM keystream: B.2; AEAD_AES_128_GCM: RFC 7714 §16.1.1 and §16.2), then our wrapper must match
 * that reference byte for byte and accept its output. Both profiles are also checked for round
 * trips, tampering and replay.
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

  /** RFC 3711 Appendix B.2: AES-CM keystream for session key and salt, SSRC 0, index 0. */
  @Test
  void referenceAesCmKeystreamMatchesRfc3711AppendixB2() throws Exception {
    byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    byte[] salt = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd");
    byte[] keystream = aesCtr(key, aesCmIv(salt, 0, 0), new byte[16 * 0xff02]);
    assertEquals("e03ead0935c95e80e166b16dd92b4eb4", block(keystream, 0x0000));
    assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", block(keystream, 0x0001));
    assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", block(keystream, 0x0002));
    assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", block(keystream, 0xfeff));
    assertEquals("362b7c3c6773516318a077d7fc5073ae", block(keystream, 0xff00));
    assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", block(keystream, 0xff01));
  }

  /** RFC 7714 §16.1.1: the session key K, salt and RTP packet of the example. */
  private static final byte[] GCM_KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");

  private static final byte[] GCM_SALT = HEX.parseHex("517569642070726f2071756f");
  private static final byte[] GCM_PLAIN =
      HEX.parseHex(
          "8040f17b8041f8d35501a0b2"
              + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573");
  private static final String GCM_PROTECTED =
      "8040f17b8041f8d35501a0b2"
          + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
          + "899d7f27beb16a9152cf765ee4390cce";

  @Test
  void referenceGcmMatchesRfc7714Section16() throws Exception {
    assertEquals("51753c6580c2726f20718414", HEX.formatHex(gcmIv(GCM_SALT, GCM_PLAIN, 0)));
    byte[] wire = referenceGcm(GCM_KEY, GCM_SALT, GCM_PLAIN, Cipher.ENCRYPT_MODE);
    assertEquals(GCM_PROTECTED, HEX.formatHex(wire), "§16.1.1 encryption");
    assertArrayEquals(
        GCM_PLAIN, referenceGcm(GCM_KEY, GCM_SALT, wire, Cipher.DECRYPT_MODE), "§16.2 decryption");
    byte[] tampered = wire.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThrows(
        AEADBadTagException.class,
        () -> referenceGcm(GCM_KEY, GCM_SALT, tampered, Cipher.DECRYPT_MODE),
        "§16.2: a bad tag fails authentication");
  }

  /**
   * Our wrapper with a master key and 12-byte master salt equals the RFC 7714 reference fed with
   * the session key and salt that RFC 3711 §4.3 (per RFC 7714 §11) derives from them.
   */
  @Test
  void gcmProtectMatchesTheRfc7714Reference() throws Exception {
    byte[] masterSalt = GCM_SALT;
    SrtpSession sender =
        new SrtpSession(
            SrtpProfile.AEAD_AES_128_GCM, MASTER_KEY, masterSalt, MASTER_KEY, masterSalt);
    byte[] sessionKey = kdf(MASTER_KEY, masterSalt, 0, 16);
    byte[] sessionSalt = kdf(MASTER_KEY, masterSalt, 2, 12);
    byte[] expected = referenceGcm(sessionKey, sessionSalt, GCM_PLAIN, Cipher.ENCRYPT_MODE);

    byte[] buf = Arrays.copyOf(GCM_PLAIN, GCM_PLAIN.length + 64);
    int n = sender.protectRtp(buf, 0, GCM_PLAIN.length);
    assertEquals(GCM_PLAIN.length + 16, n, "a 16-byte tag is appended (RFC 7714 §8)");
    assertArrayEquals(expected, Arrays.copyOf(buf, n));

    SrtpSession receiver =
        new SrtpSession(
            SrtpProfile.AEAD_AES_128_GCM, MASTER_KEY, masterSalt, MASTER_KEY, masterSalt);
    byte[] in = Arrays.copyOf(expected, expected.length + 64);
    assertEquals(GCM_PLAIN.length, receiver.unprotectRtp(in, 0, expected.length));
    assertArrayEquals(GCM_PLAIN, Arrays.copyOf(in, GCM_PLAIN.length));
  }

  @Test
  void aesCmProtectMatchesTheRfc3711Reference() throws Exception {
    SrtpSession sender =
        new SrtpSession(
            SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT, MASTER_KEY, MASTER_SALT);
    byte[] plain = rtp(4711, 0xCAFEBABEL, "hello srtp payload".getBytes(StandardCharsets.UTF_8));
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
    return kdf(MASTER_KEY, MASTER_SALT, label, length);
  }

  /**
   * RFC 3711 §4.3.1: x = key_id XOR master_salt, key_id = label || index DIV kdr (0 here); a 96-bit
   * GCM master salt is zero-padded on the right to 112 bits (RFC 7714 §11).
   */
  private static byte[] kdf(byte[] masterKey, byte[] masterSalt, int label, int length)
      throws Exception {
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
    iv[7] ^= (byte) label;
    return aesCtr(masterKey, iv, new byte[length]);
  }

  /** RFC 3711 §4.1.1: IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16). */
  private static byte[] aesCmIv(byte[] salt, long ssrc, long index) {
    byte[] iv = new byte[16];
    System.arraycopy(salt, 0, iv, 0, 14);
    for (int i = 0; i < 4; i++) {
      iv[4 + i] ^= (byte) (ssrc >> (24 - 8 * i));
    }
    for (int i = 0; i < 6; i++) {
      iv[8 + i] ^= (byte) (index >> (40 - 8 * i));
    }
    return iv;
  }

  /** RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt. */
  private static byte[] gcmIv(byte[] salt, byte[] rtp, int roc) {
    byte[] iv = new byte[12];
    System.arraycopy(rtp, 8, iv, 2, 4);
    iv[6] = (byte) (roc >> 24);
    iv[7] = (byte) (roc >> 16);
    iv[8] = (byte) (roc >> 8);
    iv[9] = (byte) roc;
    iv[10] = rtp[2];
    iv[11] = rtp[3];
    for (int i = 0; i < 12; i++) {
      iv[i] ^= salt[i];
    }
    return iv;
  }

  /**
   * RFC 7714 §8.2: AES-GCM over the payload with the 12-byte header (no CSRC, no extension) as
   * associated data; the tag follows the ciphertext.
   */
  private static byte[] referenceGcm(byte[] key, byte[] salt, byte[] packet, int mode)
      throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, gcmIv(salt, packet, 0)));
    c.updateAAD(packet, 0, 12);
    byte[] body = c.doFinal(packet, 12, packet.length - 12);
    byte[] out = Arrays.copyOf(packet, 12 + body.length);
    System.arraycopy(body, 0, out, 12, body.length);
    return out;
  }

  private static String block(byte[] keystream, int index) {
    return HEX.formatHex(keystream, 16 * index, 16 * index + 16);
  }

  /** RFC 3711 §3.1, §4.1.1 and §4.2 for AES_CM_128_HMAC_SHA1_80, ROC 0. */
  private static byte[] referenceAesCm(byte[] plain, int seq, long ssrc) throws Exception {
    byte[] key = kdf(0, 16);
    byte[] authKey = kdf(1, 20);
    byte[] salt = kdf(2, 14);
    byte[] iv = aesCmIv(salt, ssrc, seq); // index = ROC(0) || SEQ
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
