package upcast.sfu.client;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import upcast.sfu.ice.Stun;

/**
 * ICE connectivity checks as a client sends them (STUN Binding requests, RFC 8445 §7.2.2), and the
 * STUN a client reads or answers. A check is built from the usernames, optionally as the
 * controlling agent with nomination, then signed with the server's ICE password:
 *
 * <pre>{@code
 * byte[] check = IceCheck.to(serverUfrag, localUfrag).controlling(tiebreaker).nominate().sign(key);
 * }</pre>
 *
 * Every check carries PRIORITY (a host candidate's) and a fresh random transaction id; {@link
 * #sign} adds MESSAGE-INTEGRITY and FINGERPRINT (RFC 8489 §14.5, §14.7). Consent refreshes (RFC
 * 7675) are the same checks without nomination.
 */
public final class IceCheck {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** PRIORITY of a host candidate (type preference 110, RFC 8445 §5.1.2.1). */
  private static final byte[] HOST_PRIORITY = {0x6e, 0x00, 0x01, (byte) 0xff};

  private final Stun.Writer writer;

  private IceCheck(String username) {
    byte[] transaction = new byte[12];
    RANDOM.nextBytes(transaction);
    this.writer =
        new Stun.Writer(Stun.BINDING_REQUEST, transaction, 0)
            .username(username)
            .attribute(Stun.ATTR_PRIORITY, HOST_PRIORITY);
  }

  /**
   * A fresh random ICE ufrag or password for an offer (RFC 8839 §5.4: at least 4 and 22
   * characters), of letters and digits.
   */
  public static String newCredential(int length) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return sb.toString();
  }

  /** A check from us to the server: USERNAME {@code serverUfrag:localUfrag}. */
  public static IceCheck to(String serverUfrag, String localUfrag) {
    return new IceCheck(serverUfrag + ":" + localUfrag);
  }

  /** A check with any USERNAME (for checks the server must refuse). */
  public static IceCheck withUsername(String username) {
    return new IceCheck(username);
  }

  /** As the controlling agent (ICE-CONTROLLING, RFC 8445 §7.1.3) with this tie-breaker. */
  public IceCheck controlling(long tiebreaker) {
    byte[] value = new byte[8];
    for (int i = 0; i < 8; i++) {
      value[i] = (byte) (tiebreaker >>> (56 - 8 * i));
    }
    writer.attribute(Stun.ATTR_ICE_CONTROLLING, value);
    return this;
  }

  /** Nominates the pair (USE-CANDIDATE, RFC 8445 §8.1.1). */
  public IceCheck nominate() {
    writer.attribute(Stun.ATTR_USE_CANDIDATE, new byte[0]);
    return this;
  }

  /** The check with MESSAGE-INTEGRITY keyed with the server's ICE password, and FINGERPRINT. */
  public byte[] sign(byte[] serverPassword) {
    return writer.integrity(serverPassword).fingerprintAndBuild();
  }

  /** The check with FINGERPRINT but no MESSAGE-INTEGRITY (the server answers 400). */
  public byte[] withoutIntegrity() {
    return writer.fingerprintAndBuild();
  }

  /**
   * Whether {@code b} is a Binding success response signed with the server's ICE password and with
   * a valid FINGERPRINT: the server accepted a check.
   */
  public static boolean isSuccess(byte[] b, int off, int len, byte[] serverPassword) {
    return Stun.looksLikeStun(b, off, len)
        && Stun.type(b, off) == Stun.BINDING_SUCCESS
        && Stun.verifyIntegrity(b, off, len, serverPassword)
        && Stun.verifyFingerprint(b, off, len);
  }

  /** The ERROR-CODE of a Binding error response (RFC 8489 §14.8), or -1. */
  public static int errorCode(byte[] b, int off, int len) {
    if (!Stun.looksLikeStun(b, off, len) || Stun.type(b, off) != Stun.BINDING_ERROR) {
      return -1;
    }
    int v = Stun.find(b, off, len, Stun.ATTR_ERROR_CODE);
    return v < 0 ? -1 : (b[v + 2] & 7) * 100 + (b[v + 3] & 0xff);
  }

  /**
   * Whether {@code b} is a server's check of us as an ICE-lite agent: a Binding request whose
   * USERNAME starts with our ufrag and whose MESSAGE-INTEGRITY is keyed with our password.
   */
  public static boolean isCheckOf(
      byte[] b, int off, int len, String localUfrag, byte[] localPassword) {
    if (!Stun.looksLikeStun(b, off, len) || Stun.type(b, off) != Stun.BINDING_REQUEST) {
      return false;
    }
    String user = Stun.username(b, off, len);
    return user != null
        && user.startsWith(localUfrag + ":")
        && Stun.verifyIntegrity(b, off, len, localPassword);
  }

  /** Whether a server's check nominates the pair (USE-CANDIDATE). */
  public static boolean nominates(byte[] b, int off, int len) {
    return Stun.find(b, off, len, Stun.ATTR_USE_CANDIDATE) >= 0;
  }

  /**
   * The success response to a server's check that came from {@code from} (RFC 8445 §7.3):
   * XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY keyed with our password, FINGERPRINT.
   */
  public static byte[] success(
      byte[] check, int off, InetSocketAddress from, byte[] localPassword) {
    return new Stun.Writer(Stun.BINDING_SUCCESS, check, off + 8)
        .xorMappedAddress(from)
        .integrity(localPassword)
        .fingerprintAndBuild();
  }
}
