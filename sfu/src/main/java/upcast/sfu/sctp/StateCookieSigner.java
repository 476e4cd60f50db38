package upcast.sfu.sctp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signs and checks State Cookies with HMAC-SHA256 under a secret that only this server knows (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-5.1.3">RFC 9260 §5.1.3</a>), so a COOKIE
 * ECHO proves the peer really received our INIT ACK and nothing in it was changed. One signer may
 * be shared by every association of a server; it is thread-safe (a {@link Mac} per call).
 */
public final class StateCookieSigner {
  static final int COOKIE_LENGTH = 40 + 32;
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  /** A signer with a fresh random 32-byte secret. */
  public StateCookieSigner() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /** Outcome of {@link #open}: the cookie, or why it was refused. */
  record Opened(StateCookie cookie, boolean stale, long stalenessMicros) {}

  byte[] seal(StateCookie c) {
    byte[] out = new byte[COOKIE_LENGTH];
    Bytes.put64(out, 0, c.createdMillis());
    Bytes.put32(out, 8, c.lifespanMillis());
    Bytes.put32(out, 12, c.localTag());
    Bytes.put32(out, 16, c.peerTag());
    Bytes.put32(out, 20, c.localInitialTsn());
    Bytes.put32(out, 24, c.peerInitialTsn());
    Bytes.put32(out, 28, (int) c.peerWindow());
    Bytes.put16(out, 32, c.peerOutboundStreams());
    Bytes.put16(out, 34, c.peerInboundStreams());
    out[36] = (byte) (c.peerSupportsReconfig() ? 1 : 0);
    System.arraycopy(mac(out), 0, out, 40, 32);
    return out;
  }

  /**
   * Checks the signature and lifespan. Returns {@code null} if the cookie is malformed or forged
   * (the caller silently discards, §5.1.5 step 2), an {@code Opened} with {@code stale} set if it
   * expired (§5.1.5 step 3: reply with a Stale Cookie error), else the cookie.
   */
  @Nullable Opened open(byte[] buf, int off, int len, long nowMillis) {
    if (len != COOKIE_LENGTH) {
      return null;
    }
    byte[] body = new byte[40];
    System.arraycopy(buf, off, body, 0, 40);
    byte[] sig = new byte[32];
    System.arraycopy(buf, off + 40, sig, 0, 32);
    if (!MessageDigest.isEqual(mac(body), sig)) {
      return null;
    }
    StateCookie c =
        new StateCookie(
            Bytes.i64(body, 0),
            Bytes.i32(body, 8),
            Bytes.i32(body, 12),
            Bytes.i32(body, 16),
            Bytes.i32(body, 20),
            Bytes.i32(body, 24),
            Bytes.u32(body, 28),
            Bytes.u16(body, 32),
            Bytes.u16(body, 34),
            body[36] == 1);
    long age = nowMillis - c.createdMillis();
    if (age > c.lifespanMillis() || age < -c.lifespanMillis()) {
      return new Opened(c, true, Math.max(0, age - c.lifespanMillis()) * 1000);
    }
    return new Opened(c, false, 0);
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(body, 0, 40);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is mandatory in every JRE", e);
    }
  }
}
