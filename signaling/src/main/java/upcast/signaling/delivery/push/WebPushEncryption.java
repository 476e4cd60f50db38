package upcast.signaling.delivery.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Message encryption for Web Push, <a href="https://www.rfc-editor.org/rfc/rfc8291">RFC 8291</a>:
 * an ECDH agreement between a fresh sender key and the browser's {@code p256dh} key, mixed with the
 * browser's {@code auth} secret (§3.3–3.4), then the {@code aes128gcm} content coding of <a
 * href="https://www.rfc-editor.org/rfc/rfc8188">RFC 8188</a> with a single record (§4: the whole
 * message fits one 4096-byte record). The push service only sees ciphertext.
 */
public final class WebPushEncryption {
  /** RFC 8188 record size we declare; one record holds the whole payload. */
  static final int RECORD_SIZE = 4096;

  /** Largest plaintext: record size minus the 16-byte tag and the 1-byte delimiter (§4). */
  public static final int MAX_PLAINTEXT = RECORD_SIZE - 16 - 1;

  private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CEK_INFO =
      "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_INFO =
      "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random;

  public WebPushEncryption(SecureRandom random) {
    this.random = random;
  }

  /** Encrypts with a fresh sender key pair and salt, as every real message must. */
  public byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return encrypt(plaintext, uaPublic, authSecret, P256.generate(random), salt);
  }

  /**
   * Encrypts with the given sender key pair and salt: only tests reproducing RFC 8291 Appendix A
   * fix them.
   *
   * @return the {@code aes128gcm} body: salt, record size, key id (the sender's public key),
   *     ciphertext
   */
  public static byte[] encrypt(
      byte[] plaintext, byte[] uaPublic, byte[] authSecret, P256.KeyPair sender, byte[] salt) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("a push message is at most " + MAX_PLAINTEXT + " bytes");
    }
    if (authSecret.length != 16 || salt.length != 16) {
      throw new IllegalArgumentException("the auth secret and the salt are 16 bytes");
    }
    ECPublicKeyParameters ua = P256.publicKey(uaPublic);
    byte[] asPublic = sender.publicBytes();
    byte[] ecdhSecret = P256.ecdh(sender.privateKey(), ua);

    // §3.4: IKM = HKDF(salt = auth_secret, IKM = ecdh_secret, info = key_info, L = 32)
    byte[] keyInfo = concat(KEY_INFO, uaPublic, asPublic);
    byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
    // RFC 8188 §2.2–2.3: CEK and NONCE from the salt of this message
    byte[] cek = hkdf(salt, ikm, CEK_INFO, 16);
    byte[] nonce = hkdf(salt, ikm, NONCE_INFO, 12);

    // One record, the last one: plaintext then the 0x02 delimiter, no padding (RFC 8188 §2).
    byte[] record = new byte[plaintext.length + 1];
    System.arraycopy(plaintext, 0, record, 0, plaintext.length);
    record[plaintext.length] = 0x02;
    byte[] ciphertext = gcm(true, cek, nonce, record);

    ByteBuffer out = ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + ciphertext.length);
    out.put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(ciphertext);
    return out.array();
  }

  static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] input) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce));
    byte[] out = new byte[gcm.getOutputSize(input.length)];
    int n = gcm.processBytes(input, 0, input.length, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalArgumentException("authentication tag mismatch", e);
    }
    return out;
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
}
