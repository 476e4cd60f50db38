package upcast.signaling.delivery.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser's side of Web Push for tests: its own P-256 key pair and auth secret, and RFC 8291
 * decryption written with the JDK's own crypto (SunEC, JCE HMAC and AES-GCM), independent of the
 * Bouncy Castle code under test.
 */
public final class TestBrowser {
  private final KeyPair keys;
  private final byte[] auth = new byte[16];

  public TestBrowser() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      keys = gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    new SecureRandom().nextBytes(auth);
  }

  public String p256dh() {
    return b64(publicBytes((ECPublicKey) keys.getPublic()));
  }

  public String auth() {
    return b64(auth);
  }

  /** Decrypts an {@code aes128gcm} body (RFC 8291 §3.4, RFC 8188 §2) to the plaintext. */
  public byte[] decrypt(byte[] body) throws GeneralSecurityException {
    ByteBuffer b = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    b.get(salt);
    int rs = b.getInt();
    int idlen = b.get() & 0xff;
    byte[] asPublic = new byte[idlen];
    b.get(asPublic);
    byte[] ciphertext = new byte[b.remaining()];
    b.get(ciphertext);
    if (rs < 18 || ciphertext.length > rs) {
      throw new GeneralSecurityException("one record expected, rs=" + rs);
    }
    ECPublicKey uaPublic = (ECPublicKey) keys.getPublic();
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(keys.getPrivate());
    ka.doPhase(toPublicKey(asPublic, uaPublic), true);
    byte[] ecdh = ka.generateSecret();
    byte[] keyInfo =
        concat(
            "WebPush: info\0".getBytes(StandardCharsets.US_ASCII), publicBytes(uaPublic), asPublic);
    byte[] ikm = hkdf(auth, ecdh, keyInfo, 32);
    byte[] cek =
        hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce =
        hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] record = gcm.doFinal(ciphertext);
    int end = record.length - 1;
    while (end >= 0 && record[end] == 0) {
      end--;
    }
    if (end < 0 || record[end] != 0x02) {
      throw new GeneralSecurityException("the last record must end with the 0x02 delimiter");
    }
    return Arrays.copyOf(record, end);
  }

  static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(info);
    mac.update((byte) 1);
    return Arrays.copyOf(mac.doFinal(), length); // one block is enough for L <= 32
  }

  /** A JDK public key for a 65-byte uncompressed point on the same curve as {@code like}. */
  public static ECPublicKey toPublicKey(byte[] point, ECPublicKey like)
      throws GeneralSecurityException {
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
    return (ECPublicKey)
        KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), like.getParams()));
  }

  /** A P-256 public key as a JDK key, for verifying signatures. */
  public static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return toPublicKey(point, (ECPublicKey) gen.generateKeyPair().getPublic());
  }

  static byte[] publicBytes(ECPublicKey k) {
    byte[] out = new byte[65];
    out[0] = 0x04;
    copy32(k.getW().getAffineX(), out, 1);
    copy32(k.getW().getAffineY(), out, 33);
    return out;
  }

  private static void copy32(BigInteger v, byte[] out, int at) {
    byte[] raw = v.toByteArray();
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, at + 32 - n, n);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
