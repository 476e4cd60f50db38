package upcast.sfu.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * STUN message reading and writing over raw bytes (RFC 8489), just what ICE connectivity checks
 * need (RFC 8445 §7). ice4j's codec (ice4j 3.2) is not usable standalone for this: {@code
 * Message.encode(StunStack)} and {@code MessageIntegrityAttribute.encode(StunStack, ...)} look the
 * HMAC key up in a {@code StunStack}'s credentials manager, and a {@code StunStack} brings its own
 * socket threads; it also builds an object graph per message where a binding check needs one pass
 * over a byte array. Verified against the RFC 5769 vectors in {@code StunTest}.
 *
 * <p>Layout (RFC 8489 §5): 2-byte type, 2-byte length (attributes only), magic cookie 0x2112A442,
 * 12-byte transaction id, then TLV attributes padded to 4 bytes (§14).
 */
public final class Stun {
  public static final int HEADER = 20;
  public static final int MAGIC_COOKIE = 0x2112A442;

  public static final int BINDING_REQUEST = 0x0001;
  public static final int BINDING_SUCCESS = 0x0101;
  public static final int BINDING_ERROR = 0x0111;
  public static final int BINDING_INDICATION = 0x0011;

  public static final int ATTR_MAPPED_ADDRESS = 0x0001;
  public static final int ATTR_USERNAME = 0x0006;
  public static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
  public static final int ATTR_ERROR_CODE = 0x0009;
  public static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
  public static final int ATTR_PRIORITY = 0x0024;
  public static final int ATTR_USE_CANDIDATE = 0x0025;
  public static final int ATTR_SOFTWARE = 0x8022;
  public static final int ATTR_FINGERPRINT = 0x8028;
  public static final int ATTR_ICE_CONTROLLED = 0x8029;
  public static final int ATTR_ICE_CONTROLLING = 0x802A;

  /** RFC 8489 §14.7: the CRC-32 is XORed with this ("STUN"). */
  private static final long FINGERPRINT_XOR = 0x5354554eL;

  private Stun() {}

  /** RFC 7983 / RFC 8489 §6: top two bits zero, the magic cookie, length a multiple of 4. */
  public static boolean looksLikeStun(byte[] b, int off, int len) {
    return len >= HEADER
        && (b[off] & 0xC0) == 0
        && readInt(b, off + 4) == MAGIC_COOKIE
        && (readShort(b, off + 2) & 3) == 0
        && HEADER + readShort(b, off + 2) <= len;
  }

  public static int type(byte[] b, int off) {
    return readShort(b, off);
  }

  /** Offset of the first attribute of {@code type}'s value, or -1 (bounds-checked). */
  public static int find(byte[] b, int off, int len, int type) {
    int end = off + Math.min(len, HEADER + readShort(b, off + 2));
    int p = off + HEADER;
    while (p + 4 <= end) {
      int t = readShort(b, p);
      int l = readShort(b, p + 2);
      if (p + 4 + l > end) {
        return -1;
      }
      if (t == type) {
        return p + 4;
      }
      p += 4 + ((l + 3) & ~3);
    }
    return -1;
  }

  /** Length of the attribute whose value starts at {@code valueOffset}. */
  public static int attributeLength(byte[] b, int valueOffset) {
    return readShort(b, valueOffset - 2);
  }

  /** The USERNAME attribute as UTF-8, or null. */
  public static @Nullable String username(byte[] b, int off, int len) {
    int v = find(b, off, len, ATTR_USERNAME);
    return v < 0 ? null : new String(b, v, attributeLength(b, v), StandardCharsets.UTF_8);
  }

  /**
   * Verifies FINGERPRINT (RFC 8489 §14.7): CRC-32 of everything before it, with the header length
   * covering the fingerprint, XOR 0x5354554e. It must be the last attribute.
   */
  public static boolean verifyFingerprint(byte[] b, int off, int len) {
    int v = find(b, off, len, ATTR_FINGERPRINT);
    if (v < 0 || attributeLength(b, v) != 4 || v + 4 != off + HEADER + readShort(b, off + 2)) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(b, off, v - 4 - off);
    return (int) (crc.getValue() ^ FINGERPRINT_XOR) == readInt(b, v);
  }

  /**
   * Verifies MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 keyed with the short-term password, over
   * the message up to the attribute, with the header length set as if MESSAGE-INTEGRITY were the
   * last attribute.
   */
  public static boolean verifyIntegrity(byte[] b, int off, int len, byte[] key) {
    int v = find(b, off, len, ATTR_MESSAGE_INTEGRITY);
    if (v < 0 || attributeLength(b, v) != 20) {
      return false;
    }
    int covered = v - 4 - off;
    byte[] copy = new byte[covered];
    System.arraycopy(b, off, copy, 0, covered);
    writeShort(copy, 2, v + 20 - off - HEADER);
    byte[] mac = hmacSha1(key, copy, 0, covered);
    byte[] expected = new byte[20];
    System.arraycopy(b, v, expected, 0, 20);
    return MessageDigest.isEqual(mac, expected);
  }

  static byte[] hmacSha1(byte[] key, byte[] data, int off, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(data, off, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** Reads XOR-MAPPED-ADDRESS (RFC 8489 §14.2) or returns null. */
  public static @Nullable InetSocketAddress xorMappedAddress(byte[] b, int off, int len) {
    int v = find(b, off, len, ATTR_XOR_MAPPED_ADDRESS);
    if (v < 0 || attributeLength(b, v) < 8) {
      return null;
    }
    int family = b[v + 1] & 0xff;
    int port = readShort(b, v + 2) ^ (MAGIC_COOKIE >>> 16);
    int alen = family == 1 ? 4 : 16;
    if (attributeLength(b, v) < 4 + alen) {
      return null;
    }
    byte[] addr = new byte[alen];
    for (int i = 0; i < alen; i++) {
      // XOR with the magic cookie then the transaction id (which follows it in the header).
      addr[i] = (byte) (b[v + 4 + i] ^ b[off + 4 + i]);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(addr), port);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  static int readShort(byte[] b, int o) {
    return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
  }

  static int readInt(byte[] b, int o) {
    return ((b[o] & 0xff) << 24)
        | ((b[o + 1] & 0xff) << 16)
        | ((b[o + 2] & 0xff) << 8)
        | (b[o + 3] & 0xff);
  }

  static void writeShort(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }

  static void writeInt(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }

  /** Writes one STUN message into a byte array: header, attributes, then integrity/fingerprint. */
  public static final class Writer {
    private final byte[] buf = new byte[1024];
    private int pos = HEADER;

    /** Starts a message of {@code type} with the transaction id copied from a request. */
    public Writer(int type, byte[] txSrc, int txOff) {
      writeShort(buf, 0, type);
      writeInt(buf, 4, MAGIC_COOKIE);
      System.arraycopy(txSrc, txOff, buf, 8, 12);
    }

    public Writer attribute(int type, byte[] value) {
      writeShort(buf, pos, type);
      writeShort(buf, pos + 2, value.length);
      System.arraycopy(value, 0, buf, pos + 4, value.length);
      pos += 4 + ((value.length + 3) & ~3);
      return this;
    }

    public Writer username(String username) {
      return attribute(ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2). */
    public Writer xorMappedAddress(InetSocketAddress address) {
      byte[] ip = address.getAddress().getAddress();
      byte[] v = new byte[4 + ip.length];
      v[1] = (byte) (ip.length == 4 ? 1 : 2);
      writeShort(v, 2, address.getPort() ^ (MAGIC_COOKIE >>> 16));
      for (int i = 0; i < ip.length; i++) {
        v[4 + i] = (byte) (ip[i] ^ buf[4 + i]);
      }
      return attribute(ATTR_XOR_MAPPED_ADDRESS, v);
    }

    /** ERROR-CODE (RFC 8489 §14.8). */
    public Writer errorCode(int code, String reason) {
      byte[] text = reason.getBytes(StandardCharsets.UTF_8);
      byte[] v = new byte[4 + text.length];
      v[2] = (byte) (code / 100);
      v[3] = (byte) (code % 100);
      System.arraycopy(text, 0, v, 4, text.length);
      return attribute(ATTR_ERROR_CODE, v);
    }

    /** MESSAGE-INTEGRITY (RFC 8489 §14.5), keyed with the short-term password. */
    public Writer integrity(byte[] key) {
      writeShort(buf, 2, pos + 24 - HEADER);
      byte[] mac = hmacSha1(key, buf, 0, pos);
      return attribute(ATTR_MESSAGE_INTEGRITY, mac);
    }

    /** FINGERPRINT (RFC 8489 §14.7); must come last. */
    public byte[] fingerprintAndBuild() {
      writeShort(buf, 2, pos + 8 - HEADER);
      CRC32 crc = new CRC32();
      crc.update(buf, 0, pos);
      byte[] v = new byte[4];
      writeInt(v, 0, (int) (crc.getValue() ^ FINGERPRINT_XOR));
      attribute(ATTR_FINGERPRINT, v);
      return java.util.Arrays.copyOf(buf, pos);
    }

    public byte[] build() {
      writeShort(buf, 2, pos - HEADER);
      return java.util.Arrays.copyOf(buf, pos);
    }
  }
}
